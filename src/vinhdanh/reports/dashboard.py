"""The dashboards: a handful of aggregate queries over a unit's subtree, each shaped as a
table (rows × series) that the page draws as an inline SVG chart and exports as .xlsx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear

from vinhdanh.catalogue.enums import Authority

from .engine import awards_queryset

LEVELS = (
    ("state", "Cấp Nhà nước", (Authority.PRESIDENT, Authority.PRIME_MINISTER)),
    ("ministry", "Cấp bộ, tỉnh", (Authority.MINISTER_PROVINCE,)),
    ("unit", "Cấp cơ sở", (Authority.UNIT_HEAD, Authority.COMMUNE)),
)
LEADERS = ("LD_BO_TINH", "LD_VU_SO", "LD_KHAC_TU_PHO_PHONG")
COLOURS = ("#2f6fb0", "#d9822b", "#3a9a5b", "#a4508b", "#7f7f7f")


@dataclass
class Table:
    key: str
    title: str
    row_label: str
    series: list[str]
    rows: list[tuple[str, list]] = field(default_factory=list)
    unit: str = ""  # "%" or "đồng"

    @property
    def headers(self) -> list[str]:
        return [self.row_label, *self.series]

    def export_rows(self):
        return [[label, *values] for label, values in self.rows]


def years_back(year: int, n: int = 5) -> list[int]:
    return list(range(year - n + 1, year + 1))


def _dated(years: list[int]) -> dict:
    """A date range (uses the decision-date index), not ``__year__in`` (which does not)."""
    return {
        "decision_date__gte": dt.date(years[0], 1, 1),
        "decision_date__lte": dt.date(years[-1], 12, 31),
    }


CACHE_SECONDS = 300


def dashboard_tables(unit, year: int) -> dict:
    """The dashboard's tables for a unit and year, kept a few minutes: aggregating a province's
    million register rows on every visit would cost more than the page (the same choice as
    the home page's counts, orgs.selectors.dashboard_counts); the figures are a summary."""
    from django.core.cache import cache

    key = f"reports:dashboard:{unit.pk}:{unit.path}:{year}"
    found = cache.get(key)
    if found is None:
        fair, composition = fairness(unit, year)
        found = {
            "levels": honours_by_level(unit, year),
            "fair": fair,
            "composition": composition,
            "money": money_by_year(unit, year),
            "registered": registered_vs_achieved(unit, year),
            "dossiers": dossiers_by_state(unit),
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


def honours_by_level(unit, year: int) -> Table:
    """Register entries by decision year and the level that conferred them (one query)."""
    years = years_back(year)
    counts = (
        awards_queryset()
        .filter(owner_path__startswith=unit.path, **_dated(years))
        .order_by()
        .values(y=ExtractYear("decision_date"), a=F("honour__authority"))
        .annotate(n=Count("pk"))
    )
    grid = {(c["y"], c["a"]): c["n"] for c in counts}
    table = Table("cap-khen", "Khen thưởng theo cấp và năm", "Năm", [lv[1] for lv in LEVELS])
    for y in years:
        table.rows.append(
            (str(y), [sum(grid.get((y, a), 0) for a in auths) for _k, _l, auths in LEVELS])
        )
    return table


def fairness(unit, year: int) -> tuple[Table, dict]:
    """Share of honours to individuals who were direct workers, women and leaders at the
    decision date, per year, and the unit's composition today (two queries)."""
    from vinhdanh.orgs.models import Person

    years = years_back(year)
    by_year = (
        awards_queryset()
        .filter(
            owner_path__startswith=unit.path,
            person__isnull=False,
            **_dated(years),
        )
        .order_by()
        .values(y=ExtractYear("decision_date"))
        .annotate(
            total=Count("pk"),
            direct=Count("pk", filter=Q(stat_position="TRUC_TIEP")),
            women=Count("pk", filter=Q(stat_sex="female")),
            leaders=Count("pk", filter=Q(stat_position__in=LEADERS)),
        )
    )
    found = {r["y"]: r for r in by_year}
    people = Person.objects.filter(unit__path__startswith=unit.path).aggregate(
        total=Count("pk"),
        direct=Count("pk", filter=Q(is_direct_worker=True)),
        women=Count("pk", filter=Q(gender="female")),
        leaders=Count("pk", filter=Q(is_leader=True)),
    )

    def share(part, whole):
        return round(100 * part / whole, 1) if whole else 0.0

    table = Table(
        "cong-bang",
        "Tỷ lệ khen thưởng cá nhân: người lao động trực tiếp, nữ, lãnh đạo (%)",
        "Năm",
        ["Lao động trực tiếp", "Nữ", "Lãnh đạo", "Số lượt khen cá nhân"],
        unit="%",
    )
    for y in years:
        r = found.get(y, {"total": 0, "direct": 0, "women": 0, "leaders": 0})
        table.rows.append(
            (
                str(y),
                [
                    share(r["direct"], r["total"]),
                    share(r["women"], r["total"]),
                    share(r["leaders"], r["total"]),
                    r["total"],
                ],
            )
        )
    composition = {
        "total": people["total"],
        "direct": share(people["direct"], people["total"]),
        "women": share(people["women"], people["total"]),
        "leaders": share(people["leaders"], people["total"]),
    }
    return table, composition


def money_by_year(unit, year: int) -> Table:
    """Reward money of issued decisions of the unit's subtree, by year (one query)."""
    from vinhdanh.decisions.models import Decision, DecisionStatus

    years = years_back(year)
    rows = (
        Decision.objects.filter(
            issuer__path__startswith=unit.path,
            status=DecisionStatus.ISSUED,
            date__gte=dt.date(years[0], 1, 1),
            date__lte=dt.date(years[-1], 12, 31),
        )
        .order_by()
        .values(y=ExtractYear("date"))
        .annotate(total=Sum("total_amount"), n=Count("pk"))
    )
    found = {r["y"]: r for r in rows}
    table = Table("tien-thuong", "Tiền thưởng theo năm (đồng)", "Năm", ["Tiền thưởng"], unit="đồng")
    for y in years:
        table.rows.append((str(y), [found.get(y, {}).get("total") or 0]))
    return table


def registered_vs_achieved(unit, year: int) -> Table:
    """Titles registered for the year (đăng ký thi đua) and how many of them the register shows
    as achieved (same subject, title and achievement year), per title (one query)."""
    from django.db.models import Exists, OuterRef

    from vinhdanh.emulation.models import Registration
    from vinhdanh.registry.models import HonourRecord

    same = {"honour_id": OuterRef("honour_id"), "achievement_year": OuterRef("year")}
    rows = (
        Registration.objects.filter(unit__path__startswith=unit.path, year=year)
        .annotate(
            got_person=Exists(HonourRecord.objects.filter(person_id=OuterRef("person_id"), **same)),
            got_unit=Exists(
                HonourRecord.objects.filter(
                    unit_id=OuterRef("unit_id"), person__isnull=True, **same
                )
            ),
        )
        .order_by()
        .values("honour_id", "honour__name", "honour__position")
        .annotate(
            registered=Count("pk"),
            achieved=Count(
                "pk",
                filter=Q(person__isnull=False, got_person=True)
                | Q(person__isnull=True, got_unit=True),
            ),
        )
        .order_by("honour__position")
    )
    table = Table(
        "dang-ky", f"Danh hiệu đăng ký và đạt được năm {year}", "Danh hiệu", ["Đăng ký", "Đạt"]
    )
    for r in rows:
        table.rows.append((r["honour__name"], [r["registered"], r["achieved"]]))
    return table


def dossiers_by_state(unit) -> Table:
    from vinhdanh.nominations.enums import DossierStatus
    from vinhdanh.nominations.models import Dossier

    counts = dict(
        Dossier.objects.filter(
            Q(sending_unit__path__startswith=unit.path)
            | Q(receiving_unit__path__startswith=unit.path)
        )
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    table = Table("ho-so", "Hồ sơ đề nghị theo trạng thái", "Trạng thái", ["Số hồ sơ"])
    for value, label in DossierStatus.choices:
        table.rows.append((label, [counts.get(value, 0)]))
    return table


def bar_chart(table: Table, *, series: int | None = None, width: int = 760) -> dict:
    """Geometry of a grouped bar chart (server-rendered SVG, nothing fetched at run time)."""
    idx = list(range(len(table.series))) if series is None else [series]
    values = [float(v[i] or 0) for _l, v in table.rows for i in idx]
    top = max(values, default=0) or 1
    label_w, bar_h, gap = 170, 14, 8
    group_h = bar_h * len(idx) + gap
    plot_w = width - label_w - 90
    groups = []
    for g, (label, vals) in enumerate(table.rows):
        bars = []
        for k, i in enumerate(idx):
            v = float(vals[i] or 0)
            w = round(plot_w * v / top, 1)
            bars.append(
                {
                    "y": k * bar_h,
                    "w": w,
                    "tx": label_w + w + 4,
                    "value": vals[i],
                    "colour": COLOURS[k % len(COLOURS)],
                    "name": table.series[i],
                }
            )
        groups.append({"label": label, "y": g * group_h, "bars": bars})
    return {
        "width": width,
        "height": group_h * len(table.rows) + 30,
        "label_w": label_w,
        "groups": groups,
        "legend": [(table.series[i], COLOURS[k % len(COLOURS)]) for k, i in enumerate(idx)],
        "unit": table.unit,
    }
