"""Reads behind the reviews of a period (sơ kết, tổng kết) and the figures of the drafted report.

Every figure is one aggregate query over the period's rows, whatever the number of units.

"Small collective" (tập thể nhỏ): a collective whose unit is at the grassroots level (CO_SO) or
sits below a department or commune — its parent is a unit of level SO_NGANH, XA or CO_SO (a
phòng, khoa, tổ, trường of a Sở). The report states this definition next to the figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.registry.models import HonourRecord

from ..enums import ScoringStatus
from ..models import (
    Bloc,
    BlocMember,
    EmulationModel,
    Movement,
    MovementParticipant,
    PeriodReview,
    RankingResult,
    Registration,
    ScoringTable,
)

SMALL_COLLECTIVE_DEFINITION = (
    "Tập thể nhỏ: tập thể là đơn vị cấp cơ sở, hoặc đơn vị trực thuộc một sở, ban, ngành, "
    "xã, phường hay đơn vị cơ sở (phòng, khoa, tổ, trường...)."
)
DIRECT_WORKER_DEFINITION = (
    "Tỷ lệ khen thưởng người lao động trực tiếp: số lượt cá nhân là người lao động trực tiếp "
    "trên tổng số lượt cá nhân được khen trong kỳ."
)
SMALL_PARENT_LEVELS = (UnitLevel.DEPARTMENT, UnitLevel.COMMUNE, UnitLevel.GRASSROOTS)


def reviews_of_bloc(bloc: Bloc) -> QuerySet[PeriodReview]:
    return PeriodReview.objects.filter(bloc=bloc).select_related(
        "number", "draft_file", "final_file"
    )


def reviews_of_movement(movement: Movement) -> QuerySet[PeriodReview]:
    return PeriodReview.objects.filter(movement=movement).select_related(
        "number", "draft_file", "final_file"
    )


def locked_results(bloc: Bloc) -> list[RankingResult]:
    """The ranking stored when the bloc's latest locked scoring table was locked (may be empty)."""
    table = (
        ScoringTable.objects.filter(bloc=bloc, status=ScoringStatus.LOCKED)
        .order_by("-version")
        .first()
    )
    if table is None:
        return []
    return list(
        RankingResult.objects.filter(table=table)
        .select_related("member")
        .order_by("rank", "member__sort_key")
    )


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class ReviewFigures:
    start: dt.date
    end: dt.date
    units: list[Unit]
    movements: list[Movement] = field(default_factory=list)
    models: list[EmulationModel] = field(default_factory=list)
    registrations_by_honour: list[dict] = field(default_factory=list)
    registrations_by_unit: list[dict] = field(default_factory=list)
    registrations_total: int = 0
    ranking: list[RankingResult] = field(default_factory=list)
    honours_by_kind: list[dict] = field(default_factory=list)
    honours_total: int = 0
    individuals: int = 0
    direct_workers: int = 0
    collectives: int = 0
    small_collectives: int = 0

    @property
    def direct_worker_share(self) -> float | None:
        return share(self.direct_workers, self.individuals)

    @property
    def small_collective_share(self) -> float | None:
        return share(self.small_collectives, self.collectives)


def _subtree_q(units: list[Unit], prefix: str) -> Q:
    cond = Q(pk__in=[])
    for unit in units:
        cond |= Q(**{f"{prefix}path__startswith": unit.path})
    return cond


def review_units(review: PeriodReview) -> list[Unit]:
    if review.bloc_id:
        ids = BlocMember.objects.filter(bloc_id=review.bloc_id).values("unit_id")
    else:
        ids = MovementParticipant.objects.filter(movement_id=review.movement_id).values("unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("sort_key", "pk"))


def review_figures(review: PeriodReview) -> ReviewFigures:
    start, end = review.period_start, review.period_end
    years = list(range(start.year, end.year + 1))
    units = review_units(review)
    unit_ids = [u.pk for u in units]
    fig = ReviewFigures(start, end, units)

    movements = Movement.objects.filter(start__lte=end, end__gte=start)
    if review.movement_id:
        movements = movements.filter(Q(pk=review.movement_id) | Q(parent_id=review.movement_id))
    else:
        movements = movements.filter(participations__unit_id__in=unit_ids).distinct()
    fig.movements = list(movements.select_related("launching_unit").order_by("start", "theme"))

    models_qs = EmulationModel.objects.filter(unit_id__in=unit_ids, year__in=years)
    fig.models = list(models_qs.select_related("unit").order_by("unit__sort_key", "name"))

    regs = Registration.objects.filter(unit_id__in=unit_ids, year__in=years)
    if review.movement_id:
        regs = regs.filter(Q(movement_id=review.movement_id) | Q(movement__isnull=True))
    fig.registrations_by_honour = list(
        regs.values("honour_id", "honour__name").annotate(n=Count("id")).order_by("-n", "honour_id")
    )
    fig.registrations_by_unit = list(
        regs.values("unit_id", "unit__name", "unit__sort_key")
        .annotate(
            collective=Count("id", filter=Q(person__isnull=True)),
            individual=Count("id", filter=Q(person__isnull=False)),
        )
        .order_by("unit__sort_key")
    )
    fig.registrations_total = sum(
        r["collective"] + r["individual"] for r in fig.registrations_by_unit
    )

    if review.bloc_id and any(y == review.bloc.year for y in years):
        fig.ranking = locked_results(review.bloc)

    honours = HonourRecord.objects.filter(decision_date__gte=start, decision_date__lte=end).filter(
        _subtree_q(units, "unit__") | _subtree_q(units, "person__unit__")
    )
    fig.honours_by_kind = list(
        honours.values("honour__category", "honour_id", "honour__name")
        .annotate(
            n=Count("id"),
            individuals=Count("id", filter=Q(person__isnull=False)),
            collectives=Count("id", filter=Q(unit__isnull=False)),
        )
        .order_by("honour__category", "honour_id")
    )
    small = Q(unit__level=UnitLevel.GRASSROOTS) | Q(unit__parent__level__in=SMALL_PARENT_LEVELS)
    totals = honours.aggregate(
        total=Count("id"),
        individuals=Count("id", filter=Q(person__isnull=False)),
        direct=Count("id", filter=Q(person__is_direct_worker=True)),
        collectives=Count("id", filter=Q(unit__isnull=False)),
        small=Count("id", filter=Q(unit__isnull=False) & small),
    )
    fig.honours_total = totals["total"]
    fig.individuals = totals["individuals"]
    fig.direct_workers = totals["direct"]
    fig.collectives = totals["collectives"]
    fig.small_collectives = totals["small"]
    return fig
