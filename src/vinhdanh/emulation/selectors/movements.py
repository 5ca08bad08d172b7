"""Reads of movements: the scoped list and what a movement page shows."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from vinhdanh.core.text import fold

from ..models import Movement
from ..permissions import movements_visible


def movement_list(user, filters: dict) -> QuerySet[Movement]:
    qs = movements_visible(user).select_related("launching_unit", "parent")
    q = fold(filters.get("q") or "")
    for term in q.split():
        qs = qs.filter(theme_folded__contains=term)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("year"):
        year = filters["year"]
        qs = qs.filter(start__year__lte=year, end__year__gte=year)
    return qs.annotate(participant_count=Count("participations", distinct=True)).order_by(
        "-start", "theme", "pk"
    )


def movement_page(movement: Movement) -> dict:
    """Everything the movement page lists, one query per table."""
    return {
        "participants": list(
            movement.participations.select_related("unit").order_by("unit__sort_key", "unit__pk")
        ),
        "milestones": list(movement.milestones.all()),
        "documents": list(movement.documents.select_related("number", "file")),
        "children": list(movement.children.select_related("launching_unit").order_by("-start")),
        "registrations": list(
            movement.registrations.select_related("unit", "person", "honour").order_by(
                "year", "unit__sort_key", "kind", "pk"
            )
        ),
        "models": list(
            movement.emulation_models.select_related("unit").order_by("year", "unit__sort_key")
        ),
        "meetings": list(movement.meetings.select_related("chair_unit").order_by("-date")),
        "reviews": list(movement.reviews.order_by("-period_end")),
    }


def parent_choices(user, exclude: Movement | None = None) -> QuerySet[Movement]:
    qs = movements_visible(user).select_related("launching_unit").order_by("-start", "theme")
    if exclude is not None:
        qs = qs.filter(~Q(pk=exclude.pk))
    return qs
