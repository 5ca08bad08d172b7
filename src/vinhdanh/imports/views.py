from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.core.exports import XLSX_CONTENT_TYPE, unit_label, xlsx_response
from vinhdanh.core.listing import paginate

from .enums import ImportKind
from .forms import ConfirmForm, UploadForm
from .models import ImportJob
from .selectors import job_visible, jobs_of
from .services import (
    ImportsError,
    identity_change_count,
    import_cancel,
    import_confirm,
    import_retry,
    import_upload,
)
from .workbooks import FILENAMES, template_bytes

GROUPS = {
    None: ("Nhập dữ liệu từ Excel", [ImportKind.UNITS, ImportKind.PEOPLE, ImportKind.REGISTER]),
    "orgs": ("Nhập đơn vị, cá nhân từ Excel", [ImportKind.UNITS, ImportKind.PEOPLE]),
    "register": ("Nhập sổ thi đua, khen thưởng từ Excel", [ImportKind.REGISTER]),
}
DESCRIPTIONS = {
    ImportKind.UNITS: "Cây đơn vị: mã, tên, cấp, đơn vị cấp trên, địa bàn. Đơn vị đã có được nhận ra theo mã.",
    ImportKind.PEOPLE: "Cán bộ, công chức, người lao động: nhận ra theo số CCCD; đổi đơn vị sẽ ghi quá trình công tác.",
    ImportKind.REGISTER: "Xếp loại, danh hiệu và hình thức đã được khen, sáng kiến – đề tài, kỷ luật của các năm trước.",
}
ERRORS_PER_PAGE = 50


def _require_import(user) -> None:
    if not has_capability(user, Capability.IMPORT):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def _job_or_404(request, pk: int) -> ImportJob:
    _require_import(request.user)
    job = ImportJob.objects.select_related("created_by", "confirmed_by").filter(pk=pk).first()
    if job is None or not job_visible(request.user, job):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    return job


@login_required
@require_http_methods(["GET", "POST"])
def start(request, group=None):
    _require_import(request.user)
    title, kinds = GROUPS[group]
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_upload(
                request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ImportsError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("imports:job_detail", pk=job.pk)
    return render(
        request,
        "imports/start.html",
        {
            "title": title,
            "kinds": [(k, ImportKind(k).label, DESCRIPTIONS[k]) for k in kinds],
            "form": form,
            "recent": list(jobs_of(request.user).select_related("created_by")[:5]),
        },
    )


@login_required
@require_GET
def template_download(request, kind: str):
    _require_import(request.user)
    if kind not in ImportKind.values:
        raise Http404("Không có tệp mẫu này.")
    response = HttpResponse(template_bytes(kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{FILENAMES[kind]}"'
    return response


@login_required
@require_GET
def job_list(request):
    _require_import(request.user)
    page = paginate(jobs_of(request.user).select_related("created_by"), request)
    return render(request, "imports/job_list.html", {"page": page})


def _detail_context(request, job: ImportJob, confirm_form=None) -> dict:
    errors_page = Paginator(job.errors or [], ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    summary = job.summary or {}
    sheets = [(name, counts) for name, counts in (summary.get("sheets") or {}).items()]
    return {
        "job": job,
        "errors_page": errors_page,
        "page": errors_page,
        "summary": summary,
        "sheets": sheets if len(sheets) > 1 or job.kind == ImportKind.REGISTER else [],
        "confirm_form": confirm_form or ConfirmForm(identity_count=identity_change_count(job)),
        "identity": summary.get("identity") or {},
        "identity_count": identity_change_count(job),
        "hidden_errors": max(job.error_count - len(job.errors or []), 0),
    }


@login_required
@require_GET
def job_detail(request, pk: int):
    job = _job_or_404(request, pk)
    if request.GET.get("export") == "xlsx" and job.errors:
        return xlsx_response(
            f"loi-nhap-{job.pk}.xlsx",
            "Lỗi",
            ["Trang", "Dòng", "Cột", "Lỗi"],
            ((e.get("sheet"), e.get("row"), e.get("column"), e.get("message")) for e in job.errors),
            report=f"Lỗi nhập Excel lần #{job.pk}: {job.original_name}",
            unit=unit_label(request.user),
        )
    return render(request, "imports/job_detail.html", _detail_context(request, job))


@login_required
@require_GET
def job_progress(request, pk: int):
    job = _job_or_404(request, pk)
    if not job.is_running and request.htmx:
        return HttpResponseClientRefresh()
    return render(request, "imports/_progress.html", {"job": job})


@login_required
@require_POST
def job_confirm(request, pk: int):
    job = _job_or_404(request, pk)
    form = ConfirmForm(request.POST, identity_count=identity_change_count(job))
    if not form.is_valid():
        return render(
            request, "imports/job_detail.html", _detail_context(request, job, form), status=400
        )
    try:
        job = import_confirm(request.user, job, identity_confirmed=form.cleaned_data["identity"])
    except ImportsError as exc:
        form.add_error(None, str(exc))
        return render(
            request, "imports/job_detail.html", _detail_context(request, job, form), status=400
        )
    messages.success(
        request,
        "Đã xác nhận nhập. Dữ liệu đang được ghi." if job.is_running else "Đã xác nhận nhập.",
    )
    return redirect("imports:job_detail", pk=job.pk)


@login_required
@require_POST
def job_cancel(request, pk: int):
    job = _job_or_404(request, pk)
    try:
        job = import_cancel(request.user, job)
    except ImportsError as exc:
        messages.error(request, str(exc))
    else:
        if job.status == "cancelled":
            messages.success(request, "Đã hủy lần nhập.")
        else:
            messages.success(request, "Đã yêu cầu hủy: lần nhập sẽ dừng sau lô đang ghi.")
    return redirect("imports:job_detail", pk=pk)


@login_required
@require_POST
def job_retry(request, pk: int):
    job = _job_or_404(request, pk)
    try:
        job = import_retry(request.user, job)
    except ImportsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã chạy lại lần nhập.")
    return redirect("imports:job_detail", pk=pk)
