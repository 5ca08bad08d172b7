"""Pages of councils and their members.

Councils outside the user's VIEW scope answer 404; managing needs MANAGE_NOMINATIONS on the
council's unit (403 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability

from . import selectors, services
from .enums import CouncilError
from .forms import CouncilForm, EndTermForm, MemberForm
from .models import CouncilMember

NOT_MANAGER = "Chỉ cán bộ thi đua, khen thưởng của cấp có Hội đồng mới thực hiện được thao tác này."


def _manager_or_403(user, council) -> None:
    if not can_on_unit(user, Capability.MANAGE_NOMINATIONS, council.unit):
        raise PermissionDenied(NOT_MANAGER)


def can_manage(user, council) -> bool:
    return can_on_unit(user, Capability.MANAGE_NOMINATIONS, council.unit)


@login_required
def council_list(request):
    user = request.user
    if not has_capability(user, Capability.VIEW):
        raise PermissionDenied("Tài khoản chưa được phân quyền xem Hội đồng.")
    return render(
        request,
        "council/council_list.html",
        {
            "councils": selectors.council_list(user),
            "can_create": has_capability(user, Capability.MANAGE_NOMINATIONS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request):
    user = request.user
    if not has_capability(user, Capability.MANAGE_NOMINATIONS):
        raise PermissionDenied(NOT_MANAGER)
    form = CouncilForm(request.POST or None, user=user, initial={"abbreviation": "HĐTĐKT"})
    if request.method == "POST":
        if form.is_valid():
            try:
                council = services.council_create(user, **form.data_for_service())
            except CouncilError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã lập {council}.")
                return redirect("council:council_detail", council.pk)
        return render(request, "council/council_form.html", {"form": form}, status=422)
    return render(request, "council/council_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, pk):
    user = request.user
    council = selectors.council_or_404(user, pk)
    _manager_or_403(user, council)
    form = CouncilForm(request.POST or None, user=user, instance=council)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.council_update(user, council, **form.data_for_service())
            except CouncilError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Đã lưu thông tin Hội đồng.")
                return redirect("council:council_detail", council.pk)
        return render(
            request, "council/council_form.html", {"form": form, "council": council}, status=422
        )
    return render(request, "council/council_form.html", {"form": form, "council": council})


@login_required
def council_detail(request, pk):
    user = request.user
    council = selectors.council_or_404(user, pk)
    return render(
        request,
        "council/council_detail.html",
        {
            "council": council,
            "members": selectors.all_members(council),
            "meetings": selectors.meetings_of(council),
            "can_manage": can_manage(user, council),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    user = request.user
    council = selectors.council_or_404(user, pk)
    _manager_or_403(user, council)
    form = MemberForm(request.POST or None, council=council)
    if request.method == "POST":
        if form.is_valid():
            try:
                member = services.member_add(user, council, **form.data_for_service())
            except CouncilError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã thêm thành viên {member.full_name}.")
                return redirect("council:council_detail", council.pk)
        ctx = {"form": form, "council": council}
        return render(request, "council/member_form.html", ctx, status=422)
    return render(request, "council/member_form.html", {"form": form, "council": council})


@login_required
@require_http_methods(["GET", "POST"])
def member_end_term(request, pk, member_pk):
    user = request.user
    council = selectors.council_or_404(user, pk)
    member = get_object_or_404(CouncilMember, pk=member_pk, council=council)
    _manager_or_403(user, council)
    form = EndTermForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.member_end_term(user, member, term_end=form.cleaned_data["term_end"])
            except CouncilError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã kết thúc nhiệm kỳ của {member.full_name}.")
                return redirect("council:council_detail", council.pk)
        ctx = {"form": form, "council": council, "member": member}
        return render(request, "council/member_end_term.html", ctx, status=422)
    ctx = {"form": form, "council": council, "member": member}
    return render(request, "council/member_end_term.html", ctx)
