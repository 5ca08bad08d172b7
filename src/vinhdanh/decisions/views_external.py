"""Pages for external decisions (made by another body, recorded here): create and edit the
record with its scan, then confirm it into the register. Lines and the detail page are the
decisions' own (views.line_add, views.decision_detail)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability
from vinhdanh.nominations.selectors import visible as dossiers_visible
from vinhdanh.orgs.selectors import units_visible

from . import selectors, services
from .forms import ExternalDecisionForm
from .models import DecisionStatus
from .services import DecisionsError

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."


def _form(request, instance=None):
    return ExternalDecisionForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        units=units_visible(request.user, Capability.MANAGE_NOMINATIONS).order_by("path"),
        dossiers=dossiers_visible(request.user).order_by("-created_at"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def external_create(request):
    if not has_capability(request.user, Capability.MANAGE_NOMINATIONS):
        raise Http404(NOT_FOUND)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            decision = services.external_create(
                request.user,
                issuer=data.pop("issuer"),
                external_number=data.pop("external_number"),
                date=data.pop("date"),
                external_issuer_name=data.pop("external_issuer_name"),
                scan=data.pop("scan"),
                **data,
            )
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Đã ghi nhận quyết định. Thêm các dòng khen thưởng rồi ghi sổ."
            )
            return redirect("decisions:decision_detail", pk=decision.pk)
    return render(request, "decisions/external_form.html", {"form": form, "decision": None})


@login_required
@require_http_methods(["GET", "POST"])
def external_edit(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not decision.is_external or decision.status != DecisionStatus.DRAFT:
        raise Http404(NOT_FOUND)
    if not can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, decision.issuer):
        raise PermissionDenied("Bạn không có quyền sửa quyết định đã ghi nhận này.")
    form = _form(request, instance=decision)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "issuer"}
        try:
            services.external_update(request.user, decision, **data)
        except DecisionsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu.")
            return redirect("decisions:decision_detail", pk=decision.pk)
    return render(request, "decisions/external_form.html", {"form": form, "decision": decision})


@login_required
@require_POST
def external_confirm(request, pk: int):
    decision = selectors.decision_get(request.user, pk)
    if not decision.is_external:
        raise Http404(NOT_FOUND)
    if not can_on_unit(request.user, Capability.EDIT_REGISTER, decision.issuer):
        raise PermissionDenied("Bạn không có quyền ghi sổ theo quyết định này.")
    try:
        services.external_confirm(request.user, decision)
    except DecisionsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã ghi sổ thi đua, khen thưởng theo quyết định của cấp khác.")
    return redirect("decisions:decision_detail", pk=decision.pk)
