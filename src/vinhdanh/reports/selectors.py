"""Reads for the statistics: the unit a report is for (scope-checked), and the filled form."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit

from . import engine
from .statforms import UnknownForm, form_for

CENTRAL_RECEIVER = "Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương)"
FIRST_YEAR = 2000


class ReportError(ValueError):
    """A report that cannot be made: unknown form, unit or year (Vietnamese message)."""


def check_year(year: int) -> None:
    last = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= last:
        raise ReportError(f"Năm báo cáo {year} không hợp lệ: chọn năm từ {FIRST_YEAR} đến {last}.")


def unit_by_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ReportError(f"Không có đơn vị mã “{code}”.")
    return unit


def unit_for(user, code: str) -> Unit:
    """The unit with ``code`` when the user may see it (its subtree is the report's scope);
    otherwise 404, whether it does not exist or lies outside the user's units."""
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not can_on_unit(user, Capability.VIEW, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    return unit


def _ancestors(unit: Unit) -> list[Unit]:
    ids = unit.ancestor_ids()
    found = Unit.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def report_for(unit: Unit, form_code: str, year: int) -> engine.Report:
    """The form filled for ``unit``'s subtree and report year ``year`` (three queries)."""
    check_year(year)
    try:
        form = form_for(form_code, year)
    except UnknownForm as exc:
        raise ReportError(str(exc)) from exc
    chain = _ancestors(unit)  # root … unit
    body = next((u for u in reversed(chain) if u.level == UnitLevel.MINISTRY_PROVINCE), None)
    submitter = "TINH" if body is not None and body.province_code else "BO"
    report = engine.build(form, unit, year, submitter=submitter)
    if unit.level in (UnitLevel.MINISTRY_PROVINCE, UnitLevel.CENTRAL) or len(chain) < 2:
        report.receiving = CENTRAL_RECEIVER
    else:
        report.receiving = chain[-2].name
    return report


def default_year(today: dt.date | None = None) -> int:
    """The report year being prepared: the period ends 30/11, so from December on it is the
    current year's report that is due (15/12)."""
    today = today or timezone.localdate()
    return today.year
