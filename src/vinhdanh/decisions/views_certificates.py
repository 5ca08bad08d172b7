"""Certificate pages: issue the certificates of a decision, print them (full design or on a
calibrated blank), and manage the blanks with a calibration preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability

from . import certificates, selectors
from .forms import BlankForm
from .models import CertificateBlank, DecisionStatus
from .services import DecisionsError

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def certificates_issue(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not (
        can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, decision.issuer)
        or can_on_unit(request.user, Capability.SIGN, decision.issuer)
    ):
        raise PermissionDenied("Bạn không có quyền cấp bằng, giấy khen của quyết định này.")
    try:
        count = certificates.certificates_issue(request.user, decision)
    except DecisionsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã cấp {count} bằng, giấy khen.")
    return redirect("decisions:decision_detail", pk=decision.pk)


def _issued_with_certificates(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if decision.is_external:
        return decision  # refused with the message by certificates.printable_lines
    if (
        decision.status != DecisionStatus.ISSUED
        or not decision.lines.filter(certificate__isnull=False).exists()
    ):
        raise Http404("Quyết định chưa cấp bằng, giấy khen.")
    return decision


@login_required
def certificates_pdf(request, pk: int):
    decision = _issued_with_certificates(request, pk)
    try:
        data = certificates.full_design_pdf(decision)
    except DecisionsError as exc:
        messages.error(request, str(exc))
        return redirect("decisions:decision_detail", pk=decision.pk)
    return _pdf(data, f"bang-khen-{decision.pk}.pdf")


@login_required
def certificates_blank_pdf(request, pk: int, blank_pk: int):
    decision = _issued_with_certificates(request, pk)
    blank = get_object_or_404(CertificateBlank, pk=blank_pk)
    try:
        data = certificates.blank_batch_pdf(blank, decision)
    except DecisionsError as exc:
        messages.error(request, str(exc))
        return redirect("decisions:decision_detail", pk=decision.pk)
    return _pdf(data, f"in-phoi-{decision.pk}-{blank.pk}.pdf")


@login_required
def blank_list(request):
    if not has_capability(request.user, Capability.VIEW):
        raise Http404(NOT_FOUND)
    return render(
        request,
        "decisions/blank_list.html",
        {
            "blanks": CertificateBlank.objects.select_related("honour"),
            "can_edit": has_capability(request.user, Capability.EDIT_CATALOGUE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def blank_edit(request, pk: int | None = None):
    if not has_capability(request.user, Capability.EDIT_CATALOGUE):
        raise Http404(NOT_FOUND)
    blank = get_object_or_404(CertificateBlank, pk=pk) if pk else CertificateBlank()
    form = BlankForm(request.POST or None, instance=blank)
    if request.method == "POST" and form.is_valid():
        from vinhdanh.core import audit

        before = audit.snapshot(blank) if blank.pk else None
        blank = form.save()
        if before is None:
            audit.record_create(request.user, blank)
        else:
            audit.record_update(request.user, blank, before)
        messages.success(request, "Đã lưu loại phôi. In thử để kiểm tra vị trí.")
        return redirect("decisions:blank_edit", pk=blank.pk)
    preview = certificates.blank_preview_html(blank) if blank.pk else ""
    return render(
        request, "decisions/blank_form.html", {"form": form, "blank": blank, "preview": preview}
    )


@login_required
def blank_preview(request, pk: int):
    if not has_capability(request.user, Capability.VIEW):
        raise Http404(NOT_FOUND)
    blank = get_object_or_404(CertificateBlank, pk=pk)
    return _pdf(certificates.blank_preview_pdf(blank), f"in-thu-phoi-{blank.pk}.pdf")
