"""Writes of the reports app: the reward fund allocated to a unit for a year."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit

from .models import ReportSubmission, RewardFund


class ReportsError(ValueError):
    pass


@transaction.atomic
def fund_set(actor, unit, *, year: int, amount: int, note: str = "") -> RewardFund:
    """Record (or correct) the fund allocated to ``unit`` for ``year``; audited."""
    if not can_on_unit(actor, Capability.VIEW, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    if not can_on_unit(actor, Capability.MANAGE_NOMINATIONS, unit):
        raise ReportsError("Bạn không có quyền ghi quỹ thi đua, khen thưởng của đơn vị này.")
    if amount is None or amount < 0:
        raise ReportsError("Mức quỹ phải là số tiền không âm.")
    fund = RewardFund.objects.select_for_update().filter(unit=unit, year=year).first()
    if fund is None:
        fund = RewardFund.objects.create(unit=unit, year=year, amount=amount, note=note)
        audit.record_create(actor, fund)
        return fund
    before = audit.snapshot(fund)
    fund.amount, fund.note = amount, note
    fund.save()
    audit.record_update(actor, fund, before)
    return fund


@transaction.atomic
def report_submit(actor, unit, form_code: str, year: int, *, signer: str = "",
                  preparer: str = "", reason: str = "") -> ReportSubmission:  # fmt: skip
    """Freeze a form's figures as sent upward. A form whose totals do not agree (its own checks
    and the checks across forms) is refused unless a reason is recorded with it (audited)."""
    from .crosschecks import cross_form_checks
    from .engine import run_checks
    from .selectors import ReportError, report_for

    if not can_on_unit(actor, Capability.VIEW, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    if not can_on_unit(actor, Capability.MANAGE_NOMINATIONS, unit):
        raise PermissionDenied("Bạn không có quyền gửi báo cáo thống kê của đơn vị này.")
    try:
        report = report_for(unit, form_code, year)
    except ReportError as exc:
        raise ReportsError(str(exc)) from exc
    failed = [c.check.label for c in run_checks(report) if not c.ok]
    failed += [c.label for c in cross_form_checks(report) if not c.ok]
    reason = (reason or "").strip()
    if failed and not reason:
        raise ReportsError(
            f"Biểu {report.form.number} còn {len(failed)} điều kiện khớp số chưa đạt: "
            f"{'; '.join(failed)}. Bổ sung dữ liệu rồi gửi lại, hoặc ghi lý do vẫn gửi báo cáo."
        )
    submission = ReportSubmission.objects.create(
        form_code=report.form.code,
        number=report.form.number,
        basis=report.form.basis,
        unit=unit,
        receiving=report.receiving[:255],
        year=year,
        cells={f"{r}|{c}": n for (r, c), n in report.cells.items()},
        columns=[[c.key, c.index, list(c.heads)] for c in report.columns],
        signer_name=signer[:150],
        preparer_name=preparer[:150],
        failed_checks=failed,
        override_reason=reason if failed else "",
        submitted_by=actor,
    )
    audit.record_create(actor, submission, note=f"Gửi biểu {report.form.number} năm {year}")
    return submission
