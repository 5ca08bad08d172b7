"""Filling a statutory form: one GROUP BY query over the form's source, then every cell is the
sum of the grouped counts whose dimensions match the cell's row and column.

Dimensions that the database cannot bucket portably (a movement's duration, an officer's age
and seniority) are grouped by their raw dates and bucketed here; the query still returns one
row per distinct combination, never one per record. Drill-down and the checks' "records at
fault" read the records of the same filtered queryset once and apply the same matching.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from .sources import (  # noqa: F401 - re-exported: the engine's vocabulary
    SOURCES,
    Context,
    Period,
    age_bucket,
    awards_queryset,
    duration_bucket,
    seniority_bucket,
    stat_group,
)
from .statforms.base import Check, Column, FormVersion, Row, fs, matches

# --- filling the form ----------------------------------------------------------------------------


@dataclass
class Report:
    form: FormVersion
    unit: Any
    period: Period
    context: Context
    columns: list[Column]
    facts: list[tuple[dict, int]]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    receiving: str = ""

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.form.rows

    def cell(self, row_code: str, col_key: str) -> int:
        return self.cells.get((row_code, col_key), 0)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    def row_values(self, row: Row) -> list[int]:
        return [self.cell(row.code, c.key) for c in self.columns]


def _expand(form: FormVersion, facts) -> list[Column]:
    columns: list[Column] = []
    for spec in form.columns:
        if isinstance(spec, Column):
            columns.append(spec)
            continue
        honours = sorted(
            {
                (d["honour_position"], d["honour"], d["honour_name"])
                for d, _n in facts
                if d["stat_group"] == spec.stat_group
            }
        )
        if not honours:  # the group keeps its place on the paper form, with empty cells
            honours = [(0, None, "—")]
        n = 0
        for _pos, code, name in honours:
            for subject, subject_label in spec.pair:
                n += 1
                where = {"stat_group": fs(spec.stat_group), "subject": fs(subject)}
                if code is not None:
                    where["honour"] = fs(code)
                columns.append(
                    Column(
                        f"{spec.index}.{code or '-'}.{subject}",
                        f"{spec.index}.{n}",
                        (*spec.heads, name, subject_label),
                        where,
                    )
                )
    return columns


def build(form: FormVersion, unit, year: int, *, submitter: str = "TINH") -> Report:
    """One query: the source's rows grouped by the dimensions' raw fields."""
    source = SOURCES[form.source]
    ctx = Context(Period(year), submitter)
    grouped = (
        source.queryset(unit, form, ctx)
        .order_by()
        .values(*source.group_fields)
        .annotate(n=Count("pk"))
    )
    # Raw groups that fall in the same buckets (e.g. movements with different dates but the
    # same duration bucket) are merged first, so the matching below runs over a few hundred
    # distinct dimension tuples at most, whatever the volume.
    merged: dict[tuple, list] = {}
    for raw in grouped:
        dims = source.dims(raw, form, ctx)
        if dims is not None:
            key = tuple(dims.items())
            if key in merged:
                merged[key][1] += raw["n"]
            else:
                merged[key] = [dims, raw["n"]]
    facts = [(d, n) for d, n in merged.values()]
    columns = _expand(form, facts)
    report = Report(form, unit, ctx.period, ctx, columns, facts)
    rows = [r for r in form.rows if r.has_figures]
    cells = dict.fromkeys(((r.code, c.key) for r in rows for c in columns), 0)
    for dims, n in facts:
        in_rows = [r.code for r in rows if matches(r.where, dims)]
        if not in_rows:
            continue
        for col in columns:
            if matches(col.where, dims):
                for code in in_rows:
                    cells[(code, col.key)] += n
    report.cells = cells
    return report


@dataclass
class Record:
    dims: dict
    label: str
    detail: str
    date: dt.date | None
    url: str


def records(report: Report) -> list[Record]:
    """Every record the form counts (one query), with its dimensions."""
    source = SOURCES[report.form.source]
    qs = source.queryset(report.unit, report.form, report.context)
    if source.name == "awards":
        qs = qs.annotate(
            owner_name=Coalesce("owner_unit__name", "unit__name", "person__unit__name")
        )
        extra = ("owner_name", "honour__name")
    elif source.name == "movements":
        extra = ("launch_date",)
    else:
        extra = ()
    fields = dict.fromkeys((*source.group_fields, *source.display_fields, *extra))
    out = []
    for raw in qs.order_by("pk").values(*fields):
        dims = source.dims(raw, report.form, report.context)
        if dims is None:
            continue
        out.append(Record(dims, **source.describe(raw)))
    return out


def cell_records(report: Report, row: Row, col: Column) -> list[Record]:
    return [r for r in records(report) if matches(row.where, r.dims) and matches(col.where, r.dims)]


# --- checks ----------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    check: Check
    ok: bool
    mismatches: list[str]
    faults: list[Record] = field(default_factory=list)


def _part_columns(report: Report, check: Check) -> list[Column]:
    if check.parts == ("*",):
        return [c for c in report.columns if c.key != check.total]
    return [c for c in report.columns if c.key in check.parts]


def run_checks(report: Report) -> list[CheckResult]:
    """Each check of the form on the filled cells; for a failing check, the records that make
    it fail: counted in the total but in none (or more than one) of its parts."""
    results = []
    data_rows = [r for r in report.rows if r.has_figures]
    all_records: list[Record] | None = None
    for check in report.form.checks:
        mismatches = []
        if check.kind == "cols":
            total = report.column(check.total)
            parts = _part_columns(report, check)
            for row in data_rows:
                left = report.cell(row.code, total.key)
                right = sum(report.cell(row.code, c.key) for c in parts)
                if left != right:
                    mismatches.append(
                        f"Dòng {row.code}: cột {total.index} = {left}, tổng = {right}"
                    )
            whole, pieces = total.where, [c.where for c in parts]
        else:
            total_row = report.form.row(check.total)
            part_rows = [report.form.row(code) for code in check.parts]
            for col in report.columns:
                left = report.cell(total_row.code, col.key)
                right = sum(report.cell(r.code, col.key) for r in part_rows)
                bad = left > right if check.kind == "le" else left != right
                if bad:
                    mismatches.append(
                        f"Cột {col.index}: dòng {total_row.code} = {left}, "
                        f"{'dòng ' + part_rows[0].code if check.kind == 'le' else 'tổng'} = {right}"
                    )
            whole, pieces = total_row.where, [r.where for r in part_rows]
        result = CheckResult(check, not mismatches, mismatches)
        if mismatches and check.kind != "le":
            if all_records is None:
                all_records = records(report)
            result.faults = [
                r
                for r in all_records
                if matches(whole, r.dims) and sum(matches(w, r.dims) for w in pieces) != 1
            ]
        results.append(result)
    return results


def no_date_entries(unit, year: int) -> QuerySet:
    """Register entries of ministry/state level with an achievement year in the report year
    but no decision date: no form can count them (the period goes by decision date)."""
    return awards_queryset(authorities=("PRESIDENT", "PRIME_MINISTER", "MINISTER_PROVINCE")).filter(
        owner_path__startswith=unit.path, decision_date__isnull=True, achievement_year=year
    )


__all__ = ["build", "records", "cell_records", "run_checks", "Period", "Report", "Q"]
