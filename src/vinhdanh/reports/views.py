"""The statutory forms on screen (preview, drill-down, checks) and as .xlsx files."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability
from vinhdanh.core.exports import XLSX_CONTENT_TYPE, xlsx_response
from vinhdanh.orgs.selectors import units_visible

from . import dashboard as dashboard_data
from . import engine, selectors
from .crosschecks import cross_form_checks
from .layout import header_rows, index_row, title_lines
from .ledger import ledger_for
from .models import ReportSubmission
from .selectors import ReportError
from .services import ReportsError, fund_set, report_submit
from .statforms import CODES, VERSIONS
from .xlsx import write_report

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."
MAX_SHOWN = 500


def _require_view(user) -> None:
    if not has_capability(user, Capability.VIEW):
        raise Http404(NOT_FOUND)


def _report(request, form_code: str, unit_code: str, year: int):
    _require_view(request.user)
    unit = selectors.unit_for(request.user, unit_code)
    try:
        return selectors.report_for(unit, form_code, year)
    except ReportError as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_GET
def index(request):
    _require_view(request.user)
    units = list(units_visible(request.user).order_by("path").values("code", "name", "depth")[:500])
    year = request.GET.get("nam") or str(selectors.default_year())
    form_code, unit_code = request.GET.get("bieu"), request.GET.get("don_vi")
    if form_code in CODES and unit_code and year.isdigit():
        return redirect("reports:form_detail", form_code, unit_code, int(year))
    forms = {f.code: f for f in VERSIONS}  # newest version per code
    return render(
        request,
        "reports/index.html",
        {"units": units, "year": year, "forms": [forms[c] for c in CODES]},
    )


@login_required
@require_GET
def form_detail(request, form_code: str, unit_code: str, year: int):
    report = _report(request, form_code, unit_code, year)
    return _render_detail(request, report)


def _render_detail(request, report, *, error: str = "", status: int = 200):
    checks = engine.run_checks(report)
    cross = cross_form_checks(report)
    submissions = ReportSubmission.objects.filter(
        unit=report.unit, form_code=report.form.code, year=report.period.year
    ).select_related("submitted_by")[:10]
    return render(
        request,
        "reports/form_detail.html",
        {
            "report": report,
            "titles": title_lines(report),
            "head_rows": header_rows(report),
            "index_row": index_row(report),
            "body": [
                (row, report.row_values(row) if row.has_figures else None) for row in report.rows
            ],
            "checks": checks,
            "failed": [c for c in checks if not c.ok],
            "cross": cross,
            "n_failed": sum(not c.ok for c in [*checks, *cross]),
            "submissions": list(submissions),
            "can_submit": can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, report.unit),
            "submit_error": error,
            "codes": CODES,
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def form_submit(request, form_code: str, unit_code: str, year: int):
    report = _report(request, form_code, unit_code, year)
    try:
        report_submit(
            request.user,
            report.unit,
            form_code,
            year,
            signer=request.POST.get("nguoi_ky", ""),
            preparer=request.POST.get("nguoi_lap", ""),
            reason=request.POST.get("ly_do", ""),
        )
    except ReportsError as exc:
        return _render_detail(request, report, error=str(exc), status=422)
    messages.success(request, f"Đã gửi biểu {report.form.number} năm {year}.")
    return redirect("reports:form_detail", form_code, unit_code, year)


@login_required
@require_GET
def form_cell(request, form_code: str, unit_code: str, year: int, row_code: str, col_key: str):
    report = _report(request, form_code, unit_code, year)
    row, col = report.form.row(row_code), report.column(col_key)
    if row is None or col is None or not row.has_figures:
        raise Http404(NOT_FOUND)
    found = engine.cell_records(report, row, col)
    return render(
        request,
        "reports/form_cell.html",
        {
            "report": report,
            "row": row,
            "col": col,
            "count": len(found),
            "records": found[:MAX_SHOWN],
            "truncated": len(found) > MAX_SHOWN,
            "figure": report.cell(row.code, col.key),
        },
    )


@login_required
@require_GET
def form_xlsx(request, form_code: str, unit_code: str, year: int):
    report = _report(request, form_code, unit_code, year)
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    write_report(
        tmp,
        report,
        signer=request.GET.get("nguoi_ky", "")[:150],
        preparer=request.GET.get("nguoi_lap", "")[:150],
    )
    tmp.seek(0)
    filename = f"Bieu_{report.form.code}_{report.unit.code}_{year}.xlsx"
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


# --- dashboards and the reward fund ledger ---------------------------------------------------


def _unit_and_year(request):
    _require_view(request.user)
    code = request.GET.get("don_vi") or request.POST.get("don_vi")
    if code:
        unit = selectors.unit_for(request.user, code)
    else:
        unit = units_visible(request.user).order_by("depth", "path").first()
        if unit is None:
            raise Http404(NOT_FOUND)
    raw = request.GET.get("nam") or request.POST.get("nam") or ""
    year = int(raw) if raw.isdigit() else selectors.default_year()
    try:
        selectors.check_year(year)
    except ReportError as exc:
        raise Http404(str(exc)) from exc
    return unit, year


@login_required
@require_GET
def dashboard(request):
    unit, year = _unit_and_year(request)
    data = dashboard_data.dashboard_tables(unit, year)
    levels, fair, money, dossiers = data["levels"], data["fair"], data["money"], data["dossiers"]
    composition, registered = data["composition"], data["registered"]
    tables = {t.key: t for t in (levels, fair, money, registered, dossiers)}
    export = request.GET.get("xuat")
    if export in tables:
        t = tables[export]
        return xlsx_response(
            f"{t.key}_{unit.code}_{year}.xlsx",
            t.title[:31],
            t.headers,
            t.export_rows(),
            report=t.title,
            unit=unit.name,
            money=t.series if t.unit == "đồng" else (),
        )
    charts = [
        (levels, dashboard_data.bar_chart(levels)),
        (fair, _fair_chart(fair)),
        (money, dashboard_data.bar_chart(money)),
        (registered, dashboard_data.bar_chart(registered)),
        (dossiers, dashboard_data.bar_chart(dossiers)),
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "unit": unit,
            "year": year,
            "charts": charts,
            "composition": composition,
            "units": units_visible(request.user).order_by("path").values("code", "name")[:500],
        },
    )


def _fair_chart(table):
    """The three shares only (the last series is the count of honours, shown in the table)."""
    from copy import copy

    shares = copy(table)
    shares.series = table.series[:3]
    shares.rows = [(label, values[:3]) for label, values in table.rows]
    return dashboard_data.bar_chart(shares)


@login_required
@require_http_methods(["GET", "POST"])
def fund_ledger(request):
    unit, year = _unit_and_year(request)
    error = ""
    if request.method == "POST":
        raw = (request.POST.get("so_tien") or "").replace(".", "").replace(",", "").strip()
        try:
            if not raw.isdigit():
                raise ReportsError("Ghi mức quỹ bằng số tiền (đồng), ví dụ 150.000.000.")
            fund_set(request.user, unit, year=year, amount=int(raw),
                     note=request.POST.get("ghi_chu", "")[:255])  # fmt: skip
        except ReportsError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã ghi mức quỹ thi đua, khen thưởng.")
            return redirect(f"{reverse('reports:fund_ledger')}?don_vi={unit.code}&nam={year}")
    ledger = ledger_for(unit, year)
    can_edit = can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, unit)
    return render(
        request,
        "reports/fund_ledger.html",
        {"ledger": ledger, "unit": unit, "year": year, "error": error, "can_edit": can_edit},
        status=422 if error else 200,
    )
