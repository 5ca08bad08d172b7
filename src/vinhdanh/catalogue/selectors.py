"""Reads of the catalogue, each a single query. The eligibility engine and money code use
these to turn the database into plain values (codes → multiples, thresholds, ranks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .enums import HonourCategory
from .models import (
    BaseSalary,
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    Rating,
    RewardMultiple,
    VoteThreshold,
)


def base_salary_on(on: dt.date) -> BaseSalary | None:
    """The base salary row in force on ``on`` (the latest whose valid_from ≤ on)."""
    return BaseSalary.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def multiples_map(on: dt.date) -> dict[tuple[str, str], Decimal]:
    """{(honour code, subject kind): multiple} in force on ``on``; one query, newest row wins;
    a newest row that ended before ``on`` (a lapsed text) gives no multiple."""
    result: dict[tuple[str, str], Decimal | None] = {}
    rows = (
        RewardMultiple.objects.filter(valid_from__lte=on)
        .order_by("honour_id", "subject_kind", "-valid_from")
        .values_list("honour_id", "subject_kind", "multiple", "valid_to")
    )
    for code, kind, multiple, valid_to in rows:
        if (code, kind) not in result:
            result[(code, kind)] = None if valid_to is not None and valid_to < on else multiple
    return {key: value for key, value in result.items() if value is not None}


def threshold_rows() -> tuple:
    """Every dated vote threshold as (code, valid_from, share, citation); one query."""
    return tuple(
        (code, valid_from, float(share), citation)
        for code, valid_from, share, citation in VoteThreshold.objects.order_by(
            "honour_id", "valid_from"
        ).values_list("honour_id", "valid_from", "share", "citation")
    )


def multiple_rows() -> tuple:
    """Every dated multiple as the engine's ``MultipleRow`` (all periods); one query."""
    from vinhdanh.rules.core.money import MultipleRow

    return tuple(
        MultipleRow(code, kind, valid_from, multiple, citation, valid_to)
        for code, kind, valid_from, multiple, citation, valid_to in RewardMultiple.objects.order_by(
            "honour_id", "subject_kind", "valid_from"
        ).values_list("honour_id", "subject_kind", "valid_from", "multiple", "citation", "valid_to")
    )


def vote_thresholds_map(on: dt.date) -> dict[str, Decimal]:
    """{honour code: share of all council members} in force on ``on``; one query."""
    result: dict[str, Decimal] = {}
    rows = (
        VoteThreshold.objects.filter(valid_from__lte=on)
        .order_by("honour_id", "-valid_from")
        .values_list("honour_id", "share")
    )
    for code, share in rows:
        result.setdefault(code, share)
    return result


def rating_order() -> dict[str, int]:
    """{rating code: order}; a larger order is a better rating (HTXS 4 … KHT 1)."""
    return dict(Rating.objects.values_list("code", "order"))


def scope_ranks() -> dict[str, int]:
    """{initiative scope code: rank}; a wider scope satisfies a narrower requirement."""
    return dict(InitiativeScope.objects.values_list("code", "rank"))


def honours_for(subject_kind: str | None = None, *, active_only: bool = True):
    qs = Honour.objects.select_related("issuer")
    if active_only:
        qs = qs.filter(is_active=True)
    if subject_kind == "individual":
        qs = qs.filter(for_individual=True)
    elif subject_kind == "collective":
        qs = qs.filter(for_collective=True)
    return qs


def honours_by_category() -> list[tuple[str, str, list[Honour]]]:
    """[(category value, label, honours)] in display order; one query."""
    groups: dict[str, list[Honour]] = {c.value: [] for c in HonourCategory}
    for honour in Honour.objects.select_related("issuer").order_by("category", "position", "code"):
        groups.setdefault(honour.category, []).append(honour)
    return [(c.value, c.label, groups[c.value]) for c in HonourCategory]


def multiples_list():
    return RewardMultiple.objects.select_related("honour").order_by(
        "honour__position", "honour_id", "subject_kind", "-valid_from"
    )


def thresholds_list():
    return VoteThreshold.objects.select_related("honour").order_by(
        "honour__position", "honour_id", "-valid_from"
    )


def base_salaries_list():
    return BaseSalary.objects.order_by("-valid_from")


def initiative_kinds_list():
    return InitiativeKind.objects.order_by("code")


def initiative_scopes_list():
    return InitiativeScope.objects.order_by("rank")


def discipline_forms_list():
    return DisciplineForm.objects.order_by("severity")


def ratings_list():
    return Rating.objects.order_by("-order")


def in_force_ids(rows, key, on: dt.date | None = None) -> set[int]:
    """Ids of the rows in force on ``on`` (default today) among dated rows grouped by ``key``:
    the newest row started on or before it, unless that row ended before it."""
    on = on or dt.date.today()
    seen: set = set()
    ids: set[int] = set()
    for row in sorted(rows, key=lambda r: r.valid_from, reverse=True):
        k = key(row)
        if row.valid_from <= on and k not in seen:
            seen.add(k)
            valid_to = getattr(row, "valid_to", None)
            if valid_to is None or valid_to >= on:
                ids.add(row.pk)
    return ids
