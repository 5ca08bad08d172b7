"""Views of the emulation cycle: movements. Each module lists its own urlpatterns.

The number book's pages (views/numbers.py) are listed here too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.core.exports import unit_label, xlsx_response
from vinhdanh.core.files import file_response
from vinhdanh.core.listing import paginate

from ..enums import MovementStatus
from ..forms.movements import (
    MilestoneForm,
    MovementDocumentForm,
    MovementFilterForm,
    MovementForm,
    ParticipantForm,
)
from ..models import Milestone, MovementDocument, MovementParticipant
from ..permissions import EmulationError, can_manage_movement, movement_or_404
from ..selectors import movements as selectors
from ..services import movements as services
from . import numbers

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."


def _require_view(user):
    if not has_capability(user, Capability.VIEW):
        raise Http404(NOT_FOUND)


def _require_manage(user, movement):
    if not can_manage_movement(user, movement):
        raise PermissionDenied(
            "Chỉ cán bộ thi đua của đơn vị phát động mới thực hiện được thao tác này."
        )


@login_required
def movement_list(request):
    user = request.user
    _require_view(user)
    form = MovementFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.movement_list(user, filters)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                m.theme,
                m.get_kind_display(),
                m.launching_unit.name,
                m.authority,
                m.start,
                m.end,
                m.get_status_display(),
                m.launched_on,
                m.participant_count,
                m.parent.theme if m.parent_id else "",
            )
            for m in qs.iterator(chunk_size=2000)
        )
        headers = [
            "Chủ đề",
            "Loại",
            "Đơn vị phát động",
            "Cấp phát động",
            "Từ ngày",
            "Đến ngày",
            "Trạng thái",
            "Ngày phát động",
            "Số đơn vị tham gia",
            "Hưởng ứng phong trào",
        ]
        return xlsx_response("phong-trao-thi-dua.xlsx", "Phong trào thi đua", headers, rows,
                             report="Danh sách phong trào thi đua", unit=unit_label(request.user))  # fmt: skip
    return render(
        request,
        "emulation/movements/list.html",
        {
            "form": form,
            "page": paginate(qs, request),
            "can_create": has_capability(user, Capability.MANAGE_EMULATION),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request):
    user = request.user
    if not has_capability(user, Capability.MANAGE_EMULATION):
        raise Http404(NOT_FOUND)
    form = MovementForm(request.POST or None, user=user, parents=selectors.parent_choices(user))
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.movement_create(user, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã tạo phong trào (dự thảo).")
            return redirect("emulation:movement_detail", movement.pk)
    return render(
        request,
        "emulation/movements/form.html",
        {"form": form, "movement": None},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit(request, pk):
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    form = MovementForm(
        request.POST or None,
        instance=movement,
        user=user,
        parents=selectors.parent_choices(user, exclude=movement),
    )
    locked = movement.status != MovementStatus.DRAFT
    if locked:
        # shown above the (hidden) form; an unbound form (GET) cannot carry errors
        locked_message = "Chỉ sửa được phong trào đang ở trạng thái dự thảo; phong trào đã phát động thì giữ nguyên."
    elif request.method == "POST" and form.is_valid():
        try:
            services.movement_update(user, movement, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã cập nhật phong trào.")
            return redirect("emulation:movement_detail", movement.pk)
    return render(
        request,
        "emulation/movements/form.html",
        {
            "form": form,
            "movement": movement,
            "locked": locked,
            "locked_message": locked_message if locked else "",
        },
        status=422 if request.method == "POST" else 200,
    )


def _render_detail(request, movement, *, participant_form=None, document_form=None, status=200):
    user = request.user
    can_manage = can_manage_movement(user, movement)
    actions = [
        (key, label)
        for key, (_target, sources, label) in services.MOVEMENT_ACTIONS.items()
        if movement.status in sources
    ]
    ctx = {
        "movement": movement,
        "can_manage": can_manage,
        "actions": actions if can_manage else [],
        "is_draft": movement.status == MovementStatus.DRAFT,
        "is_closed": movement.status == MovementStatus.CLOSED,
        **selectors.movement_page(movement),
    }
    if can_manage:
        ctx["participant_form"] = participant_form or ParticipantForm(user=user)
        ctx["document_form"] = document_form or MovementDocumentForm()
    return render(request, "emulation/movements/detail.html", ctx, status=status)


@login_required
def movement_detail(request, pk):
    return _render_detail(request, movement_or_404(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def movement_transition(request, pk, action):
    if action not in services.MOVEMENT_ACTIONS:
        raise Http404(NOT_FOUND)
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    target, sources, label = services.MOVEMENT_ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            services.movement_transition(user, movement, action)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã thực hiện: {label.lower()}.")
            return redirect("emulation:movement_detail", movement.pk)
    elif movement.status not in sources:
        error = (
            f"Không thể “{label.lower()}” khi phong trào đang “{movement.get_status_display()}”."
        )
    return render(
        request,
        "emulation/movements/transition.html",
        {
            "movement": movement,
            "action": action,
            "label": label,
            "target": MovementStatus(target).label,
            "error": error,
        },
        status=422 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_form(request, pk, mid=None):
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    milestone = get_object_or_404(Milestone, pk=mid, movement=movement) if mid else None
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(user, movement, milestone, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu mốc thời gian.")
            return redirect("emulation:movement_detail", movement.pk)
    return render(
        request,
        "emulation/movements/milestone_form.html",
        {"form": form, "movement": movement, "milestone": milestone},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def milestone_done(request, pk, mid):
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    milestone = get_object_or_404(
        Milestone.objects.select_related("movement"), pk=mid, movement=movement
    )
    try:
        services.milestone_mark_done(user, milestone)
    except EmulationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã đánh dấu hoàn thành: {milestone.title}.")
    return redirect("emulation:movement_detail", movement.pk)


@login_required
@require_POST
def participant_add(request, pk):
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    form = ParticipantForm(request.POST, user=user)
    if form.is_valid():
        try:
            part = services.participant_add(user, movement, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã thêm {part.unit.name} vào danh sách tham gia.")
            return redirect("emulation:movement_detail", movement.pk)
    return _render_detail(request, movement, participant_form=form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def participant_remove(request, pk, part_pk):
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    part = get_object_or_404(
        MovementParticipant.objects.select_related("unit", "movement"),
        pk=part_pk,
        movement=movement,
    )
    if request.method == "POST":
        services.participant_remove(user, part)
        messages.success(request, f"Đã bỏ {part.unit.name} khỏi danh sách tham gia.")
        return redirect("emulation:movement_detail", movement.pk)
    return render(
        request, "emulation/movements/participant_remove.html", {"movement": movement, "part": part}
    )


@login_required
@require_POST
def document_add(request, pk):
    user = request.user
    movement = movement_or_404(user, pk)
    _require_manage(user, movement)
    form = MovementDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            doc = services.movement_document_add(
                user,
                movement,
                title=data["title"],
                doc_date=data["doc_date"],
                doc_type=data["doc_type"],
                external_number=data["external_number"],
                upload=data.get("upload"),
            )
        except EmulationError as exc:
            form.add_error("upload" if "Tệp" in str(exc) else None, str(exc))
        else:
            shown = doc.number.display if doc.number_id else doc.external_number
            messages.success(request, f"Đã thêm văn bản {shown}.")
            return redirect("emulation:movement_detail", movement.pk)
    return _render_detail(request, movement, document_form=form, status=422)


@login_required
def document_download(request, pk, doc_pk):
    movement = movement_or_404(request.user, pk)
    doc = get_object_or_404(
        MovementDocument.objects.select_related("file"), pk=doc_pk, movement=movement
    )
    if doc.file is None:
        raise Http404("Văn bản này chưa có tệp đính kèm.")
    return file_response(doc.file)


urlpatterns = [
    path("phong-trao/", movement_list, name="movement_list"),
    path("phong-trao/them/", movement_create, name="movement_create"),
    path("phong-trao/<int:pk>/", movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/sua/", movement_edit, name="movement_edit"),
    path(
        "phong-trao/<int:pk>/chuyen/<slug:action>/", movement_transition, name="movement_transition"
    ),
    path("phong-trao/<int:pk>/moc/them/", milestone_form, name="milestone_add"),
    path("phong-trao/<int:pk>/moc/<int:mid>/sua/", milestone_form, name="milestone_edit"),
    path("phong-trao/<int:pk>/moc/<int:mid>/hoan-thanh/", milestone_done, name="milestone_done"),
    path("phong-trao/<int:pk>/don-vi/them/", participant_add, name="participant_add"),
    path(
        "phong-trao/<int:pk>/don-vi/<int:part_pk>/bo/",
        participant_remove,
        name="participant_remove",
    ),
    path("phong-trao/<int:pk>/van-ban/them/", document_add, name="movement_document_add"),
    path(
        "phong-trao/<int:pk>/van-ban/<int:doc_pk>/tai/",
        document_download,
        name="movement_document_download",
    ),
    *numbers.urlpatterns,
]
