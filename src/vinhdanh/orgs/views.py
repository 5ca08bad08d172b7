"""Screens for the unit tree. People screens are in ``people_views``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import (
    can_on_unit,
    get_scoped_or_404,
    has_capability,
    scope_paths,
)
from vinhdanh.core.exports import unit_label, xlsx_response

from . import selectors, services
from .divisions import full_address, province_name, ward_name, wards_of
from .forms import UnitCloseForm, UnitForm, UnitMoveForm
from .models import Unit
from .services import OrgsError


def require_view(user) -> None:
    if not has_capability(user, Capability.VIEW):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def require_edit_somewhere(user) -> None:
    """404 for users who see nothing, 403 for readers, pass for those who may edit somewhere."""
    require_view(user)
    if not has_capability(user, Capability.EDIT_ORGS):
        raise PermissionDenied(services.NO_RIGHT)


def get_unit(user, pk: int) -> Unit:
    return get_scoped_or_404(
        Unit.objects.select_related("parent"), user, Capability.VIEW, path_field="path", pk=pk
    )


def apply_error(form, exc: OrgsError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@require_GET
def unit_list(request):
    require_view(request.user)
    q = request.GET.get("q", "").strip()
    if request.GET.get("export") == "xlsx":
        return _units_export(request)
    hide_closed = request.GET.get("closed") == "0"
    roots = selectors.unit_tree(request.user, q=q, include_closed=not hide_closed)
    return render(
        request,
        "orgs/unit_list.html",
        {
            "roots": roots,
            "q": q,
            "hide_closed": hide_closed,
            "can_edit": has_capability(request.user, Capability.EDIT_ORGS),
        },
    )


UNIT_EXPORT_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Cấp",
    "Mã đơn vị cấp trên",
    "Đơn vị cấp trên",
    "Tỉnh/thành phố",
    "Xã/phường/đặc khu",
    "Địa chỉ",
    "Hoạt động từ",
    "Ngừng hoạt động từ",
    "Số cá nhân",
]


def _units_export(request):
    rows = (
        (
            u.code,
            u.name,
            u.abbreviation,
            u.get_level_display(),
            u.parent.code if u.parent_id else "",
            u.parent.name if u.parent_id else "",
            province_name(u.province_code),
            ward_name(u.ward_code),
            u.address,
            u.active_from,
            u.active_to,
            u.people_count,
        )
        for u in selectors.units_for_export(request.user).iterator(chunk_size=2000)
    )
    return xlsx_response("don-vi.xlsx", "Đơn vị", UNIT_EXPORT_HEADERS, rows,
                         report="Danh sách đơn vị", unit=unit_label(request.user))  # fmt: skip


@login_required
@require_GET
def unit_detail(request, pk):
    unit = get_unit(request.user, pk)
    children = list(
        selectors.units_visible(request.user).filter(parent=unit).order_by("active_to", "sort_key")
    )
    ancestors = list(
        selectors.units_visible(request.user)
        .filter(pk__in=unit.ancestor_ids()[:-1])
        .order_by("depth")
    )
    people_count = unit.people.count()
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "ancestors": ancestors,
            "people_count": people_count,
            "subtree_people": selectors.people_list(
                request.user, selectors.PeopleFilter(unit=unit)
            ).count(),
            "address": full_address(unit.address, unit.ward_code, unit.province_code),
            "can_edit": can_on_unit(request.user, Capability.EDIT_ORGS, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    user = request.user
    require_edit_somewhere(user)
    parents = selectors.unit_choices(user)
    initial = {}
    if request.GET.get("parent"):
        initial["parent"] = (
            parents.filter(pk=request.GET["parent"]).first()
            if request.GET["parent"].isdigit()
            else None
        )
    form = UnitForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent = data.pop("parent")
        try:
            unit = services.unit_create(user, parent=parent, **data)
        except OrgsError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"Đã tạo đơn vị {unit.name}.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(
        request,
        "orgs/unit_form.html",
        {
            "form": form,
            "title": "Thêm đơn vị",
            "root_allowed": "" in scope_paths(user, Capability.EDIT_ORGS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk):
    unit = get_unit(request.user, pk)
    services.require_edit(request.user, unit)
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_update(request.user, unit, **form.cleaned_data)
        except OrgsError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"Đã lưu thông tin {unit.name}.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(
        request, "orgs/unit_form.html", {"form": form, "unit": unit, "title": f"Sửa {unit.name}"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk):
    unit = get_unit(request.user, pk)
    services.require_edit(request.user, unit)
    parents = selectors.unit_choices(request.user, exclude_subtree_of=unit)
    form = UnitMoveForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_move(request.user, unit, parent=form.cleaned_data["parent"])
        except OrgsError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"Đã chuyển {unit.name} về trực thuộc {unit.parent.name}.")
            return redirect("orgs:unit_detail", pk=unit.pk)
    return render(
        request,
        "orgs/unit_move.html",
        {"form": form, "unit": unit, "subtree_size": Unit.objects.subtree_of(unit).count() - 1},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request, pk):
    """Two steps: the form shows what closing means; POST with the date closes."""
    unit = get_unit(request.user, pk)
    services.require_edit(request.user, unit)
    if unit.active_to is not None:
        messages.warning(request, f"{unit.name} đã ngừng hoạt động.")
        return redirect("orgs:unit_detail", pk=unit.pk)
    form = UnitCloseForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_close(
                request.user, unit, on=form.cleaned_data["on"], note=form.cleaned_data["note"]
            )
        except OrgsError as exc:
            apply_error(form, exc)
            error = exc.message
        else:
            messages.success(
                request, f"{unit.name} đã ngừng hoạt động. Lịch sử của đơn vị vẫn được giữ."
            )
            return redirect("orgs:unit_detail", pk=unit.pk)
    children, people = services.open_dependants(unit)
    return render(
        request,
        "orgs/unit_close.html",
        {
            "form": form,
            "unit": unit,
            "open_children": children,
            "open_people": people,
            "error": error,
        },
    )


@login_required
@require_POST
def unit_reopen(request, pk):
    unit = get_unit(request.user, pk)
    try:
        services.unit_reopen(request.user, unit)
    except OrgsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{unit.name} hoạt động trở lại.")
    return redirect("orgs:unit_detail", pk=unit.pk)


@login_required
@require_GET
def ward_options(request):
    """<option>s of the wards of ?province_code=, for the address select (htmx)."""
    province = request.GET.get("province_code", "")
    rows = wards_of(int(province)) if province.isdigit() else []
    options = ['<option value="">— Chọn xã/phường —</option>']
    options += [f'<option value="{code}">{escape(name)}</option>' for code, name in rows]
    return HttpResponse("\n".join(options))


@login_required
@require_GET
def unit_memberships(request, pk):
    """Everyone who has worked in the unit, past and present (membership history)."""
    from vinhdanh.core.listing import paginate

    from .models import Membership

    unit = get_unit(request.user, pk)
    qs = Membership.objects.filter(unit=unit).select_related("person").order_by("-start", "-pk")
    return render(
        request, "orgs/unit_memberships.html", {"unit": unit, "page": paginate(qs, request)}
    )
