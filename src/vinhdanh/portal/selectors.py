"""Reads for the public portal. Only published, issued decisions and public data leave here:
no CCCD, no date of birth, no money."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from vinhdanh.core.text import fold
from vinhdanh.decisions.models import Certificate, Decision, DecisionLine, DecisionStatus
from vinhdanh.nominations.enums import CommentStatus
from vinhdanh.nominations.models import Dossier, Nominee, PublicComment

from .models import ExemplarStory

PUBLIC_DECISION_STATUSES = [DecisionStatus.ISSUED, DecisionStatus.REVOKED]

# Only the columns a public page shows are read from people and units.
_LINE_FIELDS = (
    "id",
    "decision_id",
    "position",
    "name",
    "subject_kind",
    "honour__name",
    "achievement_year",
    "revoked",
    "person__unit__name",
    "unit__name",
)


def public_decisions(q: str = ""):
    """Published decisions (issued or later revoked), newest first, optionally by a listed name."""
    qs = (
        Decision.objects.filter(published=True, status__in=PUBLIC_DECISION_STATUSES)
        .select_related("number", "issuer")
        .only(
            "id",
            "title",
            "date",
            "status",
            "number__seq",
            "number__doc_type",
            "number__issuer_abbreviation",
            "issuer__name",
            "is_external",
            "external_number",
            "external_issuer_name",
        )
        .order_by("-date", "-id")
    )
    term = fold(q)
    if term:
        # names on the lines are folded when written (DecisionLine.name_folded)
        lines = DecisionLine.objects.filter(decision=OuterRef("pk"), name_folded__contains=term)
        qs = qs.filter(
            Exists(lines)
            | Q(issuer__name_folded__contains=term)
            | Q(external_number__icontains=q.strip())
            | Q(title__icontains=q.strip())
        )
    return qs


def public_decision_lines(decision: Decision):
    return (
        DecisionLine.objects.filter(decision=decision)
        .select_related("honour", "person__unit", "unit")
        .only(*_LINE_FIELDS)
        .order_by("position")
    )


def certificate_by(*, token=None, serial: str = ""):
    """The certificate with its line, decision and issuer, or None. Unpublished decisions'
    certificates are still verified (a printed certificate must be checkable)."""
    qs = Certificate.objects.select_related(
        "line__honour", "line__decision__number", "line__decision__issuer"
    ).filter(line__decision__status__in=PUBLIC_DECISION_STATUSES)
    if token is not None:
        qs = qs.filter(public_token=token)
    elif serial.strip():
        qs = qs.filter(serial__iexact=serial.strip())
    else:
        return None
    return qs.only(
        "serial",
        "public_token",
        "line__name",
        "line__revoked",
        "line__achievement_year",
        "line__honour__name",
        "line__decision__date",
        "line__decision__status",
        "line__decision__published",
        "line__decision__number__seq",
        "line__decision__number__doc_type",
        "line__decision__number__issuer_abbreviation",
        "line__decision__issuer__name",
        "line__decision__signer_name",
        "line__decision__signer_position",
    ).first()


def open_publicity(today: dt.date | None = None):
    """Dossiers whose proposed list is inside its publicity window today."""
    today = today or timezone.localdate()
    return (
        Dossier.objects.filter(publicity_from__lte=today, publicity_to__gte=today)
        .select_related("sending_unit", "receiving_unit")
        .only(
            "id",
            "title",
            "year",
            "publicity_from",
            "publicity_to",
            "sending_unit__name",
            "receiving_unit__name",
        )
        .order_by("publicity_to", "id")
    )


def public_nominees(dossier: Dossier):
    return (
        Nominee.objects.filter(dossier=dossier)
        .select_related("person__unit", "unit", "honour")
        .only(
            "id",
            "dossier_id",
            "position",
            "kind",
            "outsider_name",
            "person__full_name",
            "person__unit__name",
            "unit__name",
            "honour__name",
        )
        .order_by("position", "id")
    )


def published_comments(dossier: Dossier):
    return (
        PublicComment.objects.filter(dossier=dossier, status=CommentStatus.PUBLISHED)
        .only("id", "name", "content", "answer", "created_at")
        .order_by("created_at", "id")
    )


def published_stories():
    return ExemplarStory.objects.filter(published=True).order_by("-published_at", "-id")


def home_context() -> dict:
    return {
        "decisions": list(public_decisions()[:5]),
        "dossiers": list(open_publicity()[:5]),
        "stories": list(published_stories().only("id", "title", "summary", "published_at")[:3]),
    }
