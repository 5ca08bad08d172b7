"""Filters of the decisions pages: the engine's verdict on a line."""

from django import template

from vinhdanh.rules.enums import STATUS_BADGES, STATUS_LABELS

from ..checks import failing_checks

register = template.Library()


@register.filter
def verdict_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def verdict_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.filter
def failing(verdict) -> list[str]:
    return failing_checks(verdict or {})


@register.simple_tag
def external_results(dossier):
    """External decisions answering this dossier or the dossier it was forwarded as (one
    query): what the higher level decided."""
    from django.db.models import Q

    from ..models import Decision

    return list(
        Decision.objects.filter(is_external=True)
        .filter(Q(answers_dossier=dossier) | Q(answers_dossier__forwarded_from=dossier))
        .only("id", "external_number", "external_issuer_name", "date", "status", "is_external")
        .order_by("date", "id")
    )
