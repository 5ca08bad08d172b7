"""Reads of the decisions app, scoped to the caller (the issuer unit's path), set-based."""

from __future__ import annotations

from django.db.models import Count, Q

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import get_scoped_or_404, scoped
from vinhdanh.core.text import fold

from .models import Decision, DecisionLine

PATH = "issuer__path"


def decisions_visible(user):
    return scoped(Decision.objects.all(), user, Capability.VIEW, path_field=PATH)


def decision_list(user, filters: dict):
    qs = (
        decisions_visible(user)
        .select_related("issuer", "number")
        .annotate(line_count=Count("lines"))
    )
    if filters.get("origin"):
        qs = qs.filter(is_external=filters["origin"] == "external")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("year"):
        qs = qs.filter(
            Q(date__year=filters["year"]) | Q(date__isnull=True, created_at__year=filters["year"])
        )
    if filters.get("q"):
        term = filters["q"].strip()
        folded = fold(term)
        qs = qs.filter(
            Q(title__icontains=term)
            | Q(issuer__name_folded__contains=folded)
            | Q(external_number__icontains=term)
            | Q(lines__name_folded__contains=folded)
        ).distinct()
    return qs.order_by("-date", "-id")


def decision_get(user, pk: int) -> Decision:
    return get_scoped_or_404(
        Decision.objects.select_related(
            "issuer", "number", "docx_file", "pdf_file", "external_scan", "answers_dossier"
        ),
        user,
        path_field=PATH,
        pk=pk,
    )


def decision_lines(decision: Decision):
    return (
        DecisionLine.objects.filter(decision=decision)
        .select_related("honour", "register_entry", "nominee__dossier", "override_by")
        .order_by("position")
    )
