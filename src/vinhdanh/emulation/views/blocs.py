"""Views of the emulation cycle: blocs. Each module lists its own urlpatterns.

A bloc outside the user's view (not the owner's users, not a member's) answers 404 on every
page; a visible bloc that the user may not configure answers 403 on the write pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.core.files import file_response
from vinhdanh.core.listing import paginate
from vinhdanh.orgs.models import Unit

from ..forms.blocs import BlocDocumentForm, BlocFilterForm, BlocForm, LeadersForm, MemberAddForm
from ..models import Bloc, BlocDocument, BlocMember
from ..permissions import (
    EmulationError,
    bloc_or_404,
    blocs_visible,
    is_bloc_head,
    is_owner_officer,
)
from ..selectors import blocs as selectors
from ..services import blocs as services

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."
NOT_OWNER = "Chỉ cơ quan thường trực Hội đồng Thi đua – Khen thưởng quản lý khối mới thực hiện được thao tác này."
NOT_HEAD = "Chỉ Trưởng khối hoặc cơ quan thường trực Hội đồng mới thực hiện được thao tác này."


def _owner_or_403(user, bloc):
    if not is_owner_officer(user, bloc):
        raise PermissionDenied(NOT_OWNER)


@login_required
def bloc_list(request):
    user = request.user
    if not has_capability(user, Capability.VIEW):
        raise Http404(NOT_FOUND)
    owners = Unit.objects.filter(pk__in=blocs_visible(user).values("owner_id")).order_by(
        "sort_key", "pk"
    )
    form = BlocFilterForm(request.GET or None, owners=owners)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return render(
        request,
        "emulation/blocs/list.html",
        {
            "form": form,
            "page": paginate(selectors.bloc_list(user, filters), request),
            "can_create": has_capability(user, Capability.MANAGE_EMULATION),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bloc_create(request):
    user = request.user
    if not has_capability(user, Capability.MANAGE_EMULATION):
        raise Http404(NOT_FOUND)
    form = BlocForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            bloc = services.bloc_create(user, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lập {bloc}.")
            return redirect("emulation:bloc_members", bloc.pk)
    return render(
        request,
        "emulation/blocs/form.html",
        {"form": form, "bloc": None},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bloc_edit(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _owner_or_403(user, bloc)
    form = BlocForm(request.POST or None, instance=bloc, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.bloc_update(user, bloc, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã cập nhật thông tin khối.")
            return redirect("emulation:bloc_detail", bloc.pk)
    return render(
        request,
        "emulation/blocs/form.html",
        {"form": form, "bloc": Bloc.objects.select_related("owner").get(pk=bloc.pk)},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def bloc_detail(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    return render(
        request,
        "emulation/blocs/detail.html",
        {
            "bloc": bloc,
            "members": selectors.bloc_members(bloc),
            "is_owner": is_owner_officer(user, bloc),
            "previous": bloc.previous if bloc.previous_id else None,
            "next_year": Bloc.objects.filter(previous=bloc).first(),
        },
    )


def _render_members(request, bloc, *, add_form=None, errors=None, status=200):
    members = selectors.bloc_members(bloc)
    for m in members:
        # After a refused reorder, show what the user typed rather than the stored order.
        m.shown_order = (
            request.POST.get(f"order-{m.pk}", m.rotation_order) if errors else m.rotation_order
        )
    return render(
        request,
        "emulation/blocs/members.html",
        {
            "bloc": bloc,
            "members": members,
            "add_form": add_form or MemberAddForm(user=request.user, bloc=bloc),
            "errors": errors or [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bloc_members(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _owner_or_403(user, bloc)
    if request.method == "GET":
        return _render_members(request, bloc)
    action = request.POST.get("action")
    if action == "add":
        form = MemberAddForm(request.POST, user=user, bloc=bloc)
        if form.is_valid():
            try:
                member = services.member_add(user, bloc, **form.cleaned_data)
            except EmulationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã thêm {member.unit.name} vào khối.")
                return redirect("emulation:bloc_members", bloc.pk)
        return _render_members(request, bloc, add_form=form, status=422)
    if action == "reorder":
        orders, errors = {}, []
        for member in bloc.members.select_related("unit"):
            raw = request.POST.get(f"order-{member.pk}", "").strip()
            if not raw.isdigit():
                errors.append(f"Thứ tự luân phiên của {member.unit.name} phải là số tự nhiên.")
                continue
            orders[member.pk] = int(raw)
        if not errors:
            try:
                services.members_reorder(user, bloc, orders)
            except EmulationError as exc:
                errors.append(str(exc))
            else:
                messages.success(request, "Đã lưu thứ tự luân phiên.")
                return redirect("emulation:bloc_members", bloc.pk)
        return _render_members(request, bloc, errors=errors, status=422)
    raise Http404(NOT_FOUND)


@login_required
@require_http_methods(["GET", "POST"])
def bloc_member_remove(request, pk, member_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _owner_or_403(user, bloc)
    member = get_object_or_404(
        BlocMember.objects.select_related("unit", "bloc"), pk=member_pk, bloc=bloc
    )
    error = None
    if request.method == "POST":
        try:
            services.member_remove(user, member)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã bỏ {member.unit.name} khỏi khối.")
            return redirect("emulation:bloc_members", bloc.pk)
    return render(
        request,
        "emulation/blocs/member_remove.html",
        {"bloc": bloc, "member": member, "error": error},
        status=422 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bloc_set_leaders(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _owner_or_403(user, bloc)
    head_id, deputy_id = services.suggest_leaders(bloc)
    form = LeadersForm(
        request.POST or None,
        bloc=bloc,
        initial={"head": bloc.head_id or head_id, "deputy": bloc.deputy_id or deputy_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bloc_set_leaders(user, bloc, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã cập nhật Trưởng khối, Khối phó.")
            return redirect("emulation:bloc_detail", bloc.pk)
    names = dict(Unit.objects.filter(pk__in=[head_id, deputy_id]).values_list("pk", "name"))
    return render(
        request,
        "emulation/blocs/leaders.html",
        {
            "bloc": bloc,
            "form": form,
            "suggested_head": names.get(head_id),
            "suggested_deputy": names.get(deputy_id),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bloc_copy_next_year(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _owner_or_403(user, bloc)
    error = None
    if request.method == "POST":
        try:
            new = services.bloc_copy_next_year(user, bloc)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã tạo {new}. Kiểm tra Trưởng khối, Khối phó được gợi ý.")
            return redirect("emulation:bloc_detail", new.pk)
    return render(
        request,
        "emulation/blocs/copy.html",
        {"bloc": bloc, "members": selectors.bloc_members(bloc), "error": error},
        status=422 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bloc_documents(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    can_add = is_bloc_head(user, bloc)
    form = None
    status = 200
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied(NOT_HEAD)
        form = BlocDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                doc = services.bloc_document_add(user, bloc, **form.cleaned_data)
            except EmulationError as exc:
                form.add_error("upload" if "Tệp" in str(exc) else None, str(exc))
            else:
                messages.success(request, f"Đã cấp số {doc.number.display} cho văn bản.")
                return redirect("emulation:bloc_documents", bloc.pk)
        status = 422
    return render(
        request,
        "emulation/blocs/documents.html",
        {
            "bloc": bloc,
            "documents": selectors.bloc_documents(bloc),
            "can_add": can_add,
            "form": form or (BlocDocumentForm() if can_add else None),
        },
        status=status,
    )


@login_required
def bloc_document_download(request, pk, doc_pk):
    bloc = bloc_or_404(request.user, pk)
    doc = get_object_or_404(BlocDocument.objects.select_related("file"), pk=doc_pk, bloc=bloc)
    if doc.file is None:
        raise Http404("Văn bản này chưa có tệp đính kèm.")
    return file_response(doc.file)


urlpatterns = [
    path("khoi/", bloc_list, name="bloc_list"),
    path("khoi/them/", bloc_create, name="bloc_create"),
    path("khoi/<int:pk>/", bloc_detail, name="bloc_detail"),
    path("khoi/<int:pk>/sua/", bloc_edit, name="bloc_edit"),
    path("khoi/<int:pk>/thanh-vien/", bloc_members, name="bloc_members"),
    path(
        "khoi/<int:pk>/thanh-vien/<int:member_pk>/bo/",
        bloc_member_remove,
        name="bloc_member_remove",
    ),
    path("khoi/<int:pk>/truong-pho-khoi/", bloc_set_leaders, name="bloc_set_leaders"),
    path("khoi/<int:pk>/sao-chep-nam-sau/", bloc_copy_next_year, name="bloc_copy_next_year"),
    path("khoi/<int:pk>/van-ban/", bloc_documents, name="bloc_documents"),
    path(
        "khoi/<int:pk>/van-ban/<int:doc_pk>/tai/",
        bloc_document_download,
        name="bloc_document_download",
    ),
]
