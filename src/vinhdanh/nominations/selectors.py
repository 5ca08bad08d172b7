"""Reads of dossiers: scoped to the units the user serves (as sender or as receiver)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import path_q

from .enums import DossierStatus
from .models import Dossier, DossierEvent


def outgoing(user, capability: str = Capability.VIEW):
    return Dossier.objects.filter(path_q(user, capability, "sending_unit__path"))


def incoming(user, capability: str = Capability.VIEW):
    """Dossiers sent to a unit in the user's scope (drafts stay with the sender)."""
    return Dossier.objects.filter(path_q(user, capability, "receiving_unit__path")).exclude(
        status=DossierStatus.DRAFT
    )


def visible(user, capability: str = Capability.VIEW):
    sender = path_q(user, capability, "sending_unit__path")
    receiver = path_q(user, capability, "receiving_unit__path") & ~Q(status=DossierStatus.DRAFT)
    return Dossier.objects.filter(sender | receiver)


# Steps where someone must act by the due date (a returned dossier waits for its sender).
OPEN_STEPS = (
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.APPRAISAL,
    DossierStatus.AT_COUNCIL,
    DossierStatus.APPROVED,
    DossierStatus.DECIDED,
)


def overdue_q(today) -> Q:
    return Q(due_on__lt=today, status__in=OPEN_STEPS)


def dossier_list(user, tab: str, filters: dict):
    qs = incoming(user) if tab == "den" else outgoing(user)
    for key in ("status", "kind", "year"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("unit"):
        unit = filters["unit"]
        field = "sending_unit__path" if tab == "den" else "receiving_unit__path"
        qs = qs.filter(**{f"{field}__startswith": unit.path})
    if filters.get("overdue"):
        qs = qs.filter(overdue_q(timezone.localdate()))
    return (
        qs.select_related("sending_unit", "receiving_unit")
        .annotate(nominee_count=Count("nominees"))
        .order_by("-created_at", "-id")
    )


def dossier_or_404(user, pk: int) -> Dossier:
    try:
        return (
            visible(user)
            .select_related(
                "sending_unit", "receiving_unit", "movement", "number", "created_by", "assigned_to"
            )
            .get(pk=pk)
        )
    except Dossier.DoesNotExist as exc:
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.") from exc


def nominees_of(dossier: Dossier):
    return dossier.nominees.select_related("person__unit", "unit", "honour", "downgraded_to")


def events_of(dossier: Dossier):
    return DossierEvent.objects.filter(dossier=dossier).select_related("actor", "nominee")


def attachments_of(dossier: Dossier):
    return dossier.attachments.select_related("file", "nominee__person", "nominee__unit")
