"""Pages of the decisions app: list, detail, draft create/edit, lines, issue, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability
from vinhdanh.core.exports import unit_label, xlsx_response
from vinhdanh.core.files import file_response
from vinhdanh.core.listing import paginate
from vinhdanh.documents.vn import money_in_words
from vinhdanh.orgs.selectors import people_visible, units_visible

from . import checks, issued_files, selectors, services
from .forms import (
    DecisionFilterForm,
    DecisionForm,
    IssueForm,
    LineForm,
    OverrideForm,
    RevokeForm,
    WithdrawForm,
)
from .models import Certificate, CertificateBlank, DecisionLine, DecisionStatus
from .services import DecisionsError


def _can_prepare(user, decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and can_on_unit(
        user, Capability.MANAGE_NOMINATIONS, decision.issuer
    )


def _can_sign(user, decision) -> bool:
    return can_on_unit(user, Capability.SIGN, decision.issuer)


@login_required
def decision_list(request):
    if not has_capability(request.user, Capability.VIEW):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    form = DecisionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.decision_list(request.user, filters)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                d.number_display,
                d.date,
                d.issuer_display,
                d.title,
                d.get_status_display(),
                d.line_count,
                d.total_amount,
            )
            for d in qs
        )
        return xlsx_response(
            "quyet-dinh-khen-thuong.xlsx",
            "Quyết định khen thưởng",
            [
                "Số",
                "Ngày ký",
                "Cơ quan ban hành",
                "Trích yếu",
                "Trạng thái",
                "Số dòng",
                "Tổng tiền",
            ],
            rows,
            report="Danh sách quyết định khen thưởng",
            unit=unit_label(request.user),
            money={"Tổng tiền"},
        )
    return render(
        request,
        "decisions/decision_list.html",
        {
            "form": form,
            "page": paginate(qs, request),
            "can_create": has_capability(request.user, Capability.MANAGE_NOMINATIONS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    units = units_visible(request.user, Capability.MANAGE_NOMINATIONS)
    if not has_capability(request.user, Capability.MANAGE_NOMINATIONS):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    form = DecisionForm(request.POST or None, units=units.order_by("path"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            decision = services.decision_create(
                request.user, issuer=data.pop("issuer"), title=data.pop("title"), **data
            )
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lập dự thảo quyết định.")
            return redirect("decisions:decision_detail", pk=decision.pk)
    if not form.is_bound:
        form.initial.update(
            {"legal_basis": services.DEFAULT_LEGAL_BASIS, "recipients": services.DEFAULT_RECIPIENTS}
        )
    return render(request, "decisions/decision_form.html", {"form": form, "decision": None})


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if decision.is_external:
        return redirect("decisions:external_edit", pk=decision.pk)
    if not _can_prepare(request.user, decision):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    form = DecisionForm(request.POST or None, instance=decision, units=units_visible(request.user))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "issuer"}
        try:
            services.decision_update(request.user, decision, **data)
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("decisions:decision_detail", pk=decision.pk)
    return render(request, "decisions/decision_form.html", {"form": form, "decision": decision})


def _line_form(request, decision, data=None):
    # an external decision may reward anyone the recording unit sees; a decision issued here
    # rewards people and units under its issuer
    people = people_visible(request.user)
    units = units_visible(request.user)
    if not decision.is_external:
        people = people.filter(unit__path__startswith=decision.issuer.path)
        units = units.filter(path__startswith=decision.issuer.path)
    return LineForm(data, people=people, units=units)


def _candidates(decision):
    """Approved nominees with, for an honour the issuer does not confer, the refusal and the
    way up (their dossier's forward action), and the council's refusal (set-based)."""
    from vinhdanh.council.selectors import nominees_may_be_decided

    refusals: dict[str, str | None] = {}
    out = []
    nominees = list(services.approved_nominees(decision))
    council = nominees_may_be_decided(nominees) if nominees else {}
    for nominee in nominees:
        honour = (
            nominee.downgraded_to
            if nominee.outcome == "downgraded" and nominee.downgraded_to_id
            else nominee.honour
        )
        if honour.code not in refusals:
            refusals[honour.code] = checks.confer_refusal(decision.issuer, honour)
        nominee.refusal = refusals[honour.code]
        nominee.council_refusal = council.get(nominee.pk)
        out.append(nominee)
    return out


@login_required
def decision_detail(request, pk: int, line_form=None):
    decision = selectors.decision_get(request.user, pk)
    if request.method == "GET" and request.GET.get("export") == "xlsx":
        return _lines_export(request, decision)
    can_prepare = _can_prepare(request.user, decision)
    can_sign = _can_sign(request.user, decision)
    lines = list(selectors.decision_lines(decision))
    is_draft = decision.status == DecisionStatus.DRAFT
    context = {
        "decision": decision,
        "lines": lines,
        "can_prepare": can_prepare,
        "can_override": is_draft and not decision.is_external and can_sign,
        "can_issue": is_draft and not decision.is_external and can_sign,
        "can_confirm": is_draft
        and decision.is_external
        and can_on_unit(request.user, Capability.EDIT_REGISTER, decision.issuer),
        "can_revoke": decision.status == DecisionStatus.ISSUED
        and (
            can_on_unit(request.user, Capability.EDIT_REGISTER, decision.issuer)
            if decision.is_external
            else can_sign
        ),
        "can_draft_files": is_draft and not decision.is_external and (can_prepare or can_sign),
        "can_publish": decision.status == DecisionStatus.ISSUED
        and not decision.published
        and can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, decision.issuer),
        "can_withdraw": decision.published
        and can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, decision.issuer),
        "withdraw_form": WithdrawForm(),
        "override_form": OverrideForm(),
        "blocking": [
            ln for ln in lines if is_draft and not decision.is_external and not ln.passes_rules
        ],
        "certificate_count": Certificate.objects.filter(line__decision=decision).count(),
        "blanks": CertificateBlank.objects.all(),
        "total_words": money_in_words(decision.total_amount) if decision.total_amount else "",
    }
    if is_draft and not decision.is_external and decision.total_amount:
        from vinhdanh.reports.ledger import fund_warning

        context["fund_warning"] = fund_warning(decision)  # the issuer's reward fund this year
    if can_prepare:
        if not decision.is_external:
            context["candidates"] = _candidates(decision)
        context["line_form"] = line_form or _line_form(request, decision)
    return render(request, "decisions/decision_detail.html", context)


LINE_EXPORT_HEADERS = ["STT", "Họ tên / tên tập thể", "Chức vụ, đơn vị", "Mã danh hiệu, hình thức",
                       "Danh hiệu, hình thức", "Năm thành tích", "Hệ số", "Tiền thưởng", "Đã thu hồi"]  # fmt: skip


def _lines_export(request, decision):
    rows = (
        (line.position, line.name, line.details, line.honour_id, line.honour.name, line.achievement_year,
         line.multiple, line.amount, "Có" if line.revoked else "")
        for line in selectors.decision_lines(decision).iterator(chunk_size=2000)
    )  # fmt: skip
    number = decision.number.display if decision.number else f"dự thảo #{decision.pk}"
    return xlsx_response(f"danh-sach-khen-thuong-{decision.pk}.xlsx", "Danh sách khen thưởng",
                         LINE_EXPORT_HEADERS, rows, money={"Tiền thưởng"},
                         report=f"Danh sách khen thưởng kèm Quyết định số {number} — {decision.title}",
                         unit=decision.issuer.name)  # fmt: skip


@login_required
@require_POST
def line_add(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not _can_prepare(request.user, decision):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    if "nominees" in request.POST:
        try:
            lines = services.lines_add_nominees(
                request.user, decision, request.POST.getlist("nominees")
            )
        except DecisionsError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Đã thêm {len(lines)} dòng.")
        return redirect("decisions:decision_detail", pk=decision.pk)
    form = _line_form(request, decision, request.POST)
    if form.is_valid():
        try:
            services.line_add(request.user, decision, **form.cleaned_data)
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã thêm dòng khen thưởng.")
            return redirect("decisions:decision_detail", pk=decision.pk)
    return decision_detail(request, pk, line_form=form)


@login_required
@require_POST
def line_remove(request, pk: int, line_pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not _can_prepare(request.user, decision):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    line = get_object_or_404(DecisionLine, decision=decision, pk=line_pk)
    try:
        services.line_remove(request.user, line)
    except DecisionsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã bỏ dòng khỏi dự thảo.")
    return redirect("decisions:decision_detail", pk=decision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision_issue(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if (
        decision.status != DecisionStatus.DRAFT
        or decision.is_external
        or not _can_sign(request.user, decision)
    ):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    form = IssueForm(
        request.POST or None,
        issuer=decision.issuer,
        initial={"signer": decision.signer_id or request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_issue(request.user, decision, **form.cleaned_data)
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã ban hành quyết định và ghi sổ thi đua, khen thưởng.")
            return redirect("decisions:decision_detail", pk=decision.pk)
    lines = list(selectors.decision_lines(decision))
    return render(
        request,
        "decisions/decision_issue.html",
        {
            "decision": decision,
            "form": form,
            "lines": lines,
            "blocking": [ln for ln in lines if not ln.passes_rules],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_revoke(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    allowed = (
        can_on_unit(request.user, Capability.EDIT_REGISTER, decision.issuer)
        if decision.is_external
        else _can_sign(request.user, decision)
    )
    if decision.status != DecisionStatus.ISSUED or not allowed:
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_revoke(request.user, decision, reason=form.cleaned_data["reason"])
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Đã hủy bỏ quyết định, xóa các mục trong sổ và thu hồi tiền thưởng."
            )
            return redirect("decisions:decision_detail", pk=decision.pk)
    return render(request, "decisions/decision_revoke.html", {"decision": decision, "form": form})


@login_required
@require_POST
def line_override(request, pk: int, line_pk: int):
    decision = selectors.decision_get(request.user, pk)
    if decision.status != DecisionStatus.DRAFT or not _can_sign(request.user, decision):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    line = get_object_or_404(DecisionLine, decision=decision, pk=line_pk)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cần ghi lý do vẫn khen thưởng khi chưa đủ tiêu chuẩn.")
        return redirect("decisions:decision_detail", pk=decision.pk)
    try:
        services.line_override(request.user, line, reason=form.cleaned_data["reason"])
    except DecisionsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ghi lý do vẫn khen thưởng {line.name}.")
    return redirect("decisions:decision_detail", pk=decision.pk)


@login_required
@require_POST
def decision_publish(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, decision.issuer):
        raise PermissionDenied("Bạn không có quyền công khai quyết định này.")
    try:
        services.decision_publish(request.user, decision)
    except DecisionsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã công khai quyết định trên cổng thông tin.")
    return redirect("decisions:decision_detail", pk=decision.pk)


@login_required
@require_POST
def decision_withdraw(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, decision.issuer):
        raise PermissionDenied("Bạn không có quyền gỡ quyết định này.")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cần ghi lý do gỡ quyết định khỏi cổng thông tin.")
        return redirect("decisions:decision_detail", pk=decision.pk)
    try:
        services.decision_withdraw(request.user, decision, reason=form.cleaned_data["reason"])
    except DecisionsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã gỡ quyết định khỏi cổng thông tin.")
    return redirect("decisions:decision_detail", pk=decision.pk)


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def document_download(request, pk: int, kind: str):
    """An issued decision: exactly the files stored at issue. A draft: generated now, marked
    as a draft, never numbered. An external decision: its scan."""
    decision = selectors.decision_get(request.user, pk)
    if kind == "scan":
        if decision.external_scan is None:
            raise Http404("Chưa có bản chụp quyết định.")
        return file_response(decision.external_scan)
    if kind not in CONTENT_TYPES:
        raise Http404("Không có văn bản này.")
    if decision.status == DecisionStatus.DRAFT and not decision.is_external:
        try:
            data, name = issued_files.draft_file(request.user, decision, kind)
        except DecisionsError as exc:
            messages.error(request, str(exc))
            return redirect("decisions:decision_detail", pk=decision.pk)
        response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    stored = {"docx": decision.docx_file, "pdf": decision.pdf_file}.get(kind)
    if stored is None:
        raise Http404("Chưa có văn bản này.")
    return file_response(stored)
