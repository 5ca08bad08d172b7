"""Views of the emulation cycle: a bloc's meetings and their minutes.

Users who cannot see the bloc get 404 on every page; members see the meetings and download the
minutes; only the head's officers (and the owner's) record meetings and file minutes (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.core.files import file_response
from vinhdanh.orgs.models import Unit

from ..forms.meetings import MeetingForm, MinutesUploadForm
from ..models import Meeting, MeetingAttendance
from ..permissions import EmulationError, bloc_or_404, is_bloc_head
from ..services import meetings as services

NOT_HEAD = "Chỉ Trưởng khối hoặc cơ quan thường trực Hội đồng mới thực hiện được thao tác này."


def _members(bloc) -> list[Unit]:
    return list(Unit.objects.filter(bloc_memberships__bloc=bloc).order_by("sort_key", "pk"))


def _meeting_or_404(bloc, meeting_pk) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("chair_unit", "minutes_number", "minutes_file"),
        pk=meeting_pk,
        bloc=bloc,
    )


def _head_or_403(user, bloc) -> None:
    if not is_bloc_head(user, bloc):
        raise PermissionDenied(NOT_HEAD)


@login_required
def meeting_list(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    meetings = (
        Meeting.objects.filter(bloc=bloc)
        .select_related("chair_unit", "minutes_number", "minutes_file")
        .annotate(
            present_count=Count("attendances", filter=Q(attendances__present=True)),
            attendance_count=Count("attendances"),
        )
        .order_by("-date", "-pk")
    )
    return render(
        request,
        "emulation/meetings/list.html",
        {"bloc": bloc, "meetings": meetings, "can_manage": is_bloc_head(user, bloc)},
    )


def _render_form(request, bloc, form, meeting=None, status=200):
    return render(
        request,
        "emulation/meetings/form.html",
        {"bloc": bloc, "form": form, "meeting": meeting},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _head_or_403(user, bloc)
    members = _members(bloc)
    form = MeetingForm(request.POST or None, members=members, initial={"chair_unit": bloc.head_id})
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.meeting_create(
                    user, bloc, attendance=form.attendance(), **form.meeting_data()
                )
            except EmulationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã ghi {meeting}.")
                return redirect("emulation:meeting_detail", bloc.pk, meeting.pk)
        return _render_form(request, bloc, form, status=422)
    return _render_form(request, bloc, form)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk, meeting_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    meeting = _meeting_or_404(bloc, meeting_pk)
    _head_or_403(user, bloc)
    members = _members(bloc)
    attendance = {
        a.unit_id: (a.present, a.delegates)
        for a in MeetingAttendance.objects.filter(meeting=meeting)
    }
    form = MeetingForm(
        request.POST or None, instance=meeting, members=members, attendance=attendance
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_update(
                    user, meeting, attendance=form.attendance(), **form.meeting_data()
                )
            except EmulationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Đã cập nhật hội nghị.")
                return redirect("emulation:meeting_detail", bloc.pk, meeting.pk)
        return _render_form(request, bloc, form, meeting, status=422)
    return _render_form(request, bloc, form, meeting)


def _render_detail(request, bloc, meeting, *, upload_form=None, error=None, status=200):
    attendances = (
        MeetingAttendance.objects.filter(meeting=meeting)
        .select_related("unit")
        .order_by("unit__sort_key")
    )
    can_manage = is_bloc_head(request.user, bloc)
    return render(
        request,
        "emulation/meetings/detail.html",
        {
            "bloc": bloc,
            "meeting": meeting,
            "attendances": attendances,
            "can_manage": can_manage,
            "upload_form": upload_form or (MinutesUploadForm() if can_manage else None),
            "error": error,
        },
        status=status,
    )


@login_required
def meeting_detail(request, pk, meeting_pk):
    bloc = bloc_or_404(request.user, pk)
    return _render_detail(request, bloc, _meeting_or_404(bloc, meeting_pk))


@login_required
@require_POST
def meeting_minutes_generate(request, pk, meeting_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    meeting = _meeting_or_404(bloc, meeting_pk)
    _head_or_403(user, bloc)
    try:
        meeting = services.minutes_generate(user, meeting)
    except EmulationError as exc:
        return _render_detail(request, bloc, meeting, error=str(exc), status=422)
    messages.success(
        request, f"Đã tạo biên bản số {meeting.minutes_number.display}. Tải về để chỉnh sửa."
    )
    return redirect("emulation:meeting_detail", bloc.pk, meeting.pk)


@login_required
@require_POST
def meeting_minutes_upload(request, pk, meeting_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    meeting = _meeting_or_404(bloc, meeting_pk)
    _head_or_403(user, bloc)
    form = MinutesUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.minutes_upload(user, meeting, form.cleaned_data["upload"])
        except EmulationError as exc:
            form.add_error("upload", str(exc))
        else:
            messages.success(request, "Đã lưu biên bản đã chỉnh sửa.")
            return redirect("emulation:meeting_detail", bloc.pk, meeting.pk)
    return _render_detail(request, bloc, meeting, upload_form=form, status=422)


@login_required
def meeting_minutes_download(request, pk, meeting_pk):
    bloc = bloc_or_404(request.user, pk)
    meeting = _meeting_or_404(bloc, meeting_pk)
    if meeting.minutes_file is None:
        raise Http404("Hội nghị này chưa có biên bản.")
    return file_response(meeting.minutes_file)


urlpatterns = [
    path("khoi/<int:pk>/hoi-nghi/", meeting_list, name="meeting_list"),
    path("khoi/<int:pk>/hoi-nghi/them/", meeting_create, name="meeting_create"),
    path("khoi/<int:pk>/hoi-nghi/<int:meeting_pk>/", meeting_detail, name="meeting_detail"),
    path("khoi/<int:pk>/hoi-nghi/<int:meeting_pk>/sua/", meeting_edit, name="meeting_edit"),
    path(
        "khoi/<int:pk>/hoi-nghi/<int:meeting_pk>/bien-ban/tao/",
        meeting_minutes_generate,
        name="meeting_minutes_generate",
    ),
    path(
        "khoi/<int:pk>/hoi-nghi/<int:meeting_pk>/bien-ban/tai-len/",
        meeting_minutes_upload,
        name="meeting_minutes_upload",
    ),
    path(
        "khoi/<int:pk>/hoi-nghi/<int:meeting_pk>/bien-ban/tai-ve/",
        meeting_minutes_download,
        name="meeting_minutes_download",
    ),
]
