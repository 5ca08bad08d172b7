"""What each form counts: its source queryset (scope and period), the raw fields it is grouped
by, and how those become the form's dimensions (buckets computed in Python where date
arithmetic in years is not portable between SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from .statforms.base import FormVersion

# --- the statistical period (TT 02/2023: 01/12 of the previous year to 30/11) -----------------


@dataclass(frozen=True)
class Period:
    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year - 1, 12, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 11, 30)

    @property
    def label(self) -> str:
        return f"Từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 → 01/03
        return d.replace(year=d.year + years, month=3, day=1)


def whole_years(since: dt.date, on: dt.date) -> int:
    years = on.year - since.year
    return years - 1 if _add_years(since, years) > on else years


def duration_bucket(start: dt.date, end: dt.date) -> str:
    """0601 rows 06–10: the span start..end inclusive, in years (07 is exactly one year)."""
    after = end + dt.timedelta(days=1)
    one, three, five = (_add_years(start, n) for n in (1, 3, 5))
    if after < one:
        return "LT1"
    if after == one:
        return "EQ1"
    if after < three:
        return "1TO3"
    if after < five:
        return "3TO5"
    return "GE5"


def age_bucket(born: dt.date, on: dt.date) -> str:
    age = whole_years(born, on)
    for limit, name in ((30, "LE30"), (40, "31_40"), (50, "41_50"), (55, "51_55"), (60, "56_60")):
        if age <= limit:
            return name
    return "GT60"


def seniority_bucket(since: dt.date, on: dt.date) -> str:
    years = whole_years(since, on)
    return "LT5" if years < 5 else "5_10" if years < 10 else "GE10"


def stat_group(rules, code: str, category: str, authority: str) -> str | None:
    for (kind, value), group in rules:
        if (
            (kind == "code" and code == value)
            or (kind == "prefix" and code.startswith(value))
            or (kind == "category" and category == value)
            or (kind == "authority" and authority == value)
        ):
            return group
    return None


# --- sources -------------------------------------------------------------------------------------


@dataclass
class Context:
    """What the dimensions need besides the rows: the period and, for 0602 rows 02/03, whether
    the reporting body submits to the Thủ tướng as a ministry ("BO") or a province ("TINH")."""

    period: Period
    submitter: str = "TINH"


@dataclass(frozen=True)
class Source:
    name: str
    queryset: Callable[[Any, FormVersion, Context], QuerySet]
    group_fields: tuple[str, ...]
    dims: Callable[[dict, FormVersion, Context], dict | None]
    display_fields: tuple[str, ...]
    describe: Callable[[dict], dict]


def _movements(unit, form, ctx):
    from vinhdanh.emulation.enums import MovementStatus
    from vinhdanh.emulation.models import Movement

    return (
        Movement.objects.exclude(status=MovementStatus.DRAFT)
        .annotate(launch_date=Coalesce("launched_on", "start"))
        .filter(
            launching_unit__path__startswith=unit.path,
            launch_date__gte=ctx.period.start,
            launch_date__lte=ctx.period.end,
        )
    )


def _movement_dims(r, form, ctx):
    return {
        "level": r["launch_level"],
        "scope": r["scope"],
        "method": r["kind"],
        "duration": duration_bucket(r["start"], r["end"]),
    }


def _movement_describe(r):
    return {
        "label": r["theme"],
        "detail": f"{r['launching_unit__name']} · {r['start']:%d/%m/%Y}–{r['end']:%d/%m/%Y}",
        "date": r["launch_date"],
        "url": reverse("emulation:movement_detail", args=[r["pk"]]),
    }


_POSITION_NOW = Case(
    When(person__is_direct_worker=True, then=Value("TRUC_TIEP")),
    When(
        person__is_leader=True, person__unit__level__in=["TW", "BO_TINH"], then=Value("LD_BO_TINH")
    ),
    When(person__is_leader=True, person__unit__level="SO_NGANH", then=Value("LD_VU_SO")),
    When(person__is_leader=True, then=Value("LD_KHAC_TU_PHO_PHONG")),
    default=Value(""),
    output_field=CharField(),
)


def awards_queryset(*, authorities=None) -> QuerySet:
    """Register entries with the frozen statistics, falling back to the subject's current
    values for entries written before they were kept (imports, older rows)."""
    from vinhdanh.registry.models import HonourRecord

    qs = HonourRecord.objects.all()
    if authorities is not None:
        qs = qs.filter(honour__authority__in=authorities)
    return qs.annotate(
        owner_path=Coalesce("owner_unit__path", "unit__path", "person__unit__path"),
        stat_subject=Case(
            When(person__isnull=False, then=Value("individual")),
            default=Value("collective"),
            output_field=CharField(),
        ),
        stat_sex=Coalesce(NullIf("gender", Value("")), "person__gender"),
        stat_position=Case(
            When(person__isnull=True, then=Value("")),
            default=Coalesce(NullIf("position_category", Value("")), _POSITION_NOW),
            output_field=CharField(),
        ),
    )


def _awards(unit, form, ctx):
    return awards_queryset(authorities=form.options["authorities"]).filter(
        owner_path__startswith=unit.path,
        decision_date__gte=ctx.period.start,
        decision_date__lte=ctx.period.end,
    )


def _award_dims(r, form, ctx):
    group = stat_group(
        form.options["groups"], r["honour_id"], r["honour__category"], r["honour__authority"]
    )
    if group is None:
        return None  # not on this form (Giấy khen, lower titles...)
    return {
        "stat_group": group,
        "honour": r["honour_id"],
        "honour_name": r["honour__name"],
        "honour_position": r["honour__position"],
        "subject": r["stat_subject"],
        "enterprise": r["is_enterprise"],
        "position": r["stat_position"] or None,
        "kind": r["award_kind"],
        "submitter": ctx.submitter,
    }


def _award_describe(r):
    if r["person_id"]:
        name, url = (
            r["person__full_name"],
            reverse("registry:person_profile", args=[r["person_id"]]),
        )
    else:
        name, url = r["unit__name"], reverse("registry:unit_profile", args=[r["unit_id"]])
    number = r["decision_number"] or "(chưa ghi số quyết định)"
    return {
        "label": name,
        "detail": f"{r['honour__name']} · QĐ {number} · {r['owner_name'] or ''}",
        "date": r["decision_date"],
        "url": url,
    }


def _organisations(unit, form, ctx):
    from .models import TdktOrganisation, active_on

    return TdktOrganisation.objects.filter(
        active_on(ctx.period.end), unit__path__startswith=unit.path
    )


def _officers(unit, form, ctx):
    from .models import TdktOfficer, active_on

    return TdktOfficer.objects.filter(active_on(ctx.period.end), unit__path__startswith=unit.path)


def _officer_dims(r, form, ctx):
    on = ctx.period.end
    return {
        "sex": r["gender"],
        "age": age_bucket(r["date_of_birth"], on),
        "training": r["training"] or None,
        "seniority": seniority_bucket(r["tdkt_since"], on),
    }


SOURCES = {
    "movements": Source(
        "movements",
        _movements,
        ("launch_level", "scope", "kind", "start", "end"),
        _movement_dims,
        ("pk", "theme", "launching_unit__name", "launch_date"),
        _movement_describe,
    ),
    "awards": Source(
        "awards",
        _awards,
        (
            "honour_id",
            "honour__name",
            "honour__position",
            "honour__category",
            "honour__authority",
            "stat_subject",
            "is_enterprise",
            "stat_position",
            "award_kind",
        ),
        _award_dims,
        (
            "pk",
            "person_id",
            "unit_id",
            "person__full_name",
            "unit__name",
            "decision_number",
            "decision_date",
        ),  # fmt: skip
        _award_describe,
    ),
    "organisations": Source(
        "organisations",
        _organisations,
        ("kind",),
        lambda r, form, ctx: {"kind": r["kind"]},
        ("pk", "name", "unit__name"),
        lambda r: {"label": r["name"], "detail": r["unit__name"], "date": None, "url": ""},
    ),
    "officers": Source(
        "officers",
        _officers,
        ("gender", "date_of_birth", "training", "tdkt_since"),
        _officer_dims,
        ("pk", "full_name", "unit__name"),
        lambda r: {"label": r["full_name"], "detail": r["unit__name"], "date": None, "url": ""},
    ),
}
