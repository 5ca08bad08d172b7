"""Checks across forms (STATISTICS.md, "Checks", across forms), shown before export with the
records at fault: an award line counted on both 0602 and 0603; TĐKT bodies (0604) without
TĐKT civil servants (0605); register entries no form can count (no decision date)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import engine
from .statforms import form_for


@dataclass
class CrossCheck:
    label: str
    ok: bool
    detail: str = ""
    faults: list[engine.Record] = field(default_factory=list)


def _award_record(r) -> engine.Record:
    name = r.person.full_name if r.person_id else r.unit.name
    return engine.Record({}, name, f"{r.honour.name} · năm thành tích {r.achievement_year}",
                         r.decision_date, "")  # fmt: skip


def _on_both(unit, year: int) -> CrossCheck:
    from vinhdanh.catalogue.models import Honour

    state, ministry = form_for("0602", year), form_for("0603", year)

    def counted(form, h):
        return h[2] in form.options["authorities"] and (
            engine.stat_group(form.options["groups"], *h) is not None
        )

    honours = list(Honour.objects.values_list("code", "category", "authority"))
    both = [h[0] for h in honours if counted(state, h) and counted(ministry, h)]
    check = CrossCheck("Không bản ghi nào được tính ở cả biểu 0602 và biểu 0603", not both)
    if both:
        period = engine.Period(year)
        rows = (
            engine.awards_queryset()
            .filter(
                honour_id__in=both,
                owner_path__startswith=unit.path,
                decision_date__range=(period.start, period.end),
            )
            .select_related("person", "unit", "honour")[:200]
        )
        check.detail = f"Mã khen thưởng thuộc cả hai biểu: {', '.join(both)}"
        check.faults = [_award_record(r) for r in rows]
    return check


def _apparatus(unit, year: int, *, submitter: str) -> CrossCheck:
    orgs = engine.build(form_for("0604", year), unit, year, submitter=submitter)
    officers = engine.build(form_for("0605", year), unit, year, submitter=submitter)
    n_orgs, n_officers = orgs.cell("01", "1"), officers.cell("01", "1")
    check = CrossCheck(
        "Có tổ chức làm công tác TĐKT (biểu 0604) thì có công chức làm công tác TĐKT (biểu 0605)",
        not (n_orgs > 0 and n_officers == 0),
        f"Biểu 0604 dòng 01 = {n_orgs}; biểu 0605 dòng 01 = {n_officers}",
    )
    if not check.ok:
        check.faults = engine.records(orgs)
    return check


def _undated(unit, year: int) -> CrossCheck:
    rows = list(engine.no_date_entries(unit, year).select_related("person", "unit", "honour")[:200])
    return CrossCheck(
        f"Mục trong sổ (năm thành tích {year}) đều có ngày quyết định, để biểu 0602, 0603 tính được",
        not rows,
        f"{len(rows)} mục chưa ghi ngày quyết định" if rows else "",
        [_award_record(r) for r in rows],
    )


def cross_form_checks(report: engine.Report) -> list[CrossCheck]:
    unit, year = report.unit, report.period.year
    return [
        _on_both(unit, year),
        _apparatus(unit, year, submitter=report.context.submitter),
        _undated(unit, year),
    ]
