"""Pages of council meetings: agenda, attendance, opening, secret ballots, closing.

Meetings outside the user's VIEW scope answer 404; managing needs MANAGE_NOMINATIONS on the
council's unit (403); voting needs a linked member account with COUNCIL_VOTE. Tallies are shown
only once a ballot is closed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability

from . import ballots as services
from . import selectors
from .enums import VOTING_QUORUM, CouncilError
from .forms import MeetingForm, PaperTallyForm, VoteForm, WrittenVoteForm
from .models import AgendaItem, Attendance, MeetingStatus, PaperTally
from .views import _manager_or_403, can_manage


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    user = request.user
    council = selectors.council_or_404(user, pk)
    _manager_or_403(user, council)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            meeting = services.meeting_create(user, council, **form.cleaned_data)
            messages.success(request, f"Đã lên lịch phiên họp ngày {meeting.date:%d/%m/%Y}.")
            return redirect("council:meeting_detail", meeting.pk)
        ctx = {"form": form, "council": council}
        return render(request, "council/meeting_form.html", ctx, status=422)
    return render(request, "council/meeting_form.html", {"form": form, "council": council})


@login_required
def meeting_detail(request, meeting_pk):
    user = request.user
    meeting = selectors.meeting_or_404(user, meeting_pk)
    page = selectors.meeting_page(meeting, user)
    manage = can_manage(user, meeting.council)
    ctx = {
        "meeting": meeting,
        "council": meeting.council,
        "can_manage": manage,
        "can_written": services.can_record_written(user, meeting),
        "candidates": (
            services.agenda_candidates(meeting.council).exclude(
                pk__in=[a.dossier_id for a in page["agenda"]]
            )
            if manage and meeting.status != MeetingStatus.CLOSED
            else []
        ),
        "voting_quorum": f"{VOTING_QUORUM.numerator * 100 // VOTING_QUORUM.denominator}%",
        **page,
    }
    return render(request, "council/meeting_detail.html", ctx)


def _manage_action(request, meeting_pk, action, done: str):
    user = request.user
    meeting = selectors.meeting_or_404(user, meeting_pk)
    _manager_or_403(user, meeting.council)
    try:
        action(user, meeting)
    except CouncilError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("council:meeting_detail", meeting.pk)


@login_required
@require_POST
def agenda_add(request, meeting_pk):
    from vinhdanh.nominations.models import Dossier

    def act(user, meeting):
        dossier = Dossier.objects.filter(pk=request.POST.get("dossier") or 0).first()
        if dossier is None:
            raise CouncilError("Hãy chọn một hồ sơ để đưa vào chương trình.")
        services.agenda_add(user, meeting, dossier)

    return _manage_action(request, meeting_pk, act, "Đã thêm hồ sơ vào chương trình họp.")


@login_required
@require_POST
def agenda_remove(request, meeting_pk, item_pk):
    def act(user, meeting):
        services.agenda_remove(user, get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting))

    return _manage_action(request, meeting_pk, act, "Đã rút hồ sơ khỏi chương trình họp.")


@login_required
@require_POST
def attendance_save(request, meeting_pk):
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}

    def act(user, meeting):
        services.attendance_set(user, meeting, present)

    return _manage_action(request, meeting_pk, act, "Đã lưu điểm danh.")


@login_required
@require_POST
def meeting_open(request, meeting_pk):
    return _manage_action(request, meeting_pk, services.meeting_open, "Đã khai mạc phiên họp.")


@login_required
@require_POST
def ballots_open(request, meeting_pk):
    return _manage_action(request, meeting_pk, services.ballots_open, "Đã mở biểu quyết.")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_close(request, meeting_pk):
    user = request.user
    meeting = selectors.meeting_or_404(user, meeting_pk)
    _manager_or_403(user, meeting.council)
    if request.method == "POST":
        return _manage_action(
            request, meeting_pk, services.meeting_close, "Đã kết thúc phiên họp và khóa kết quả."
        )
    return render(request, "council/meeting_close.html", {"meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def ballot_vote(request, ballot_pk):
    user = request.user
    ballot = selectors.ballot_or_404(user, ballot_pk)
    if not has_capability(user, Capability.COUNCIL_VOTE):
        raise PermissionDenied("Tài khoản của bạn không có quyền biểu quyết.")
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cast_vote(user, ballot, form.cleaned_data["approve"])
        except CouncilError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã ghi nhận phiếu của bạn.")
            return redirect("council:my_ballots")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "council/ballot_vote.html", {"ballot": ballot, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def written_vote(request, ballot_pk):
    user = request.user
    ballot = selectors.ballot_or_404(user, ballot_pk)
    meeting = ballot.meeting
    if not services.can_record_written(user, meeting):
        raise PermissionDenied(
            "Chỉ Thư ký Hội đồng hoặc cán bộ thi đua của cấp mới nhập phiếu văn bản."
        )
    absent = (
        selectors.members_on(meeting.council, meeting.date)
        .filter(
            pk__in=Attendance.objects.filter(meeting=meeting, present=False).values("member_id")
        )
        .exclude(pk__in=ballot.voters.values("member_id"))
    )
    form = WrittenVoteForm(request.POST or None, members=absent)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_written_vote(
                user, ballot, form.cleaned_data["member"], form.cleaned_data["approve"]
            )
        except CouncilError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã nhập phiếu văn bản của {form.cleaned_data['member']}.")
            return redirect("council:meeting_detail", meeting.pk)
    status = 422 if request.method == "POST" else 200
    ctx = {"ballot": ballot, "form": form, "written": True}
    return render(request, "council/ballot_vote.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def paper_tally(request, ballot_pk):
    """The secretary's count of paper ballots (present members without an account)."""
    user = request.user
    ballot = selectors.ballot_or_404(user, ballot_pk)
    meeting = ballot.meeting
    if not services.can_record_written(user, meeting):
        raise PermissionDenied(
            "Chỉ Thư ký Hội đồng hoặc cán bộ thi đua của cấp mới nhập phiếu giấy."
        )
    current = PaperTally.objects.filter(ballot=ballot).first()
    initial = (
        {"yes": current.yes_count, "no": current.no_count, "invalid": current.invalid_count}
        if current
        else None
    )
    form = PaperTallyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_paper_tally(
                user, ballot, yes=data["yes"], no=data["no"], invalid=data["invalid"],
                upload=data["tally"],
            )  # fmt: skip
        except CouncilError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Đã ghi kết quả phiếu giấy cho {ballot.nominee.display_name}."
            )
            return redirect("council:meeting_detail", meeting.pk)
    status = 422 if request.method == "POST" else 200
    ctx = {
        "ballot": ballot,
        "form": form,
        "current": current,
        "paper_voters": services.paper_voters_present(meeting),
    }
    return render(request, "council/paper_tally.html", ctx, status=status)


@login_required
def my_ballots(request):
    user = request.user
    if not has_capability(user, Capability.COUNCIL_VOTE):
        raise PermissionDenied("Tài khoản của bạn không có quyền biểu quyết.")
    return render(request, "council/my_ballots.html", {"ballots": selectors.open_ballots_for(user)})


@login_required
@require_POST
def minutes_generate(request, meeting_pk):
    from .minutes import minutes_generate as generate

    return _manage_action(request, meeting_pk, generate, "Đã lập biên bản họp.")


@login_required
def minutes_download(request, meeting_pk):
    from vinhdanh.core.files import file_response

    meeting = selectors.meeting_or_404(request.user, meeting_pk)
    if meeting.minutes_file is None:
        raise Http404("Phiên họp chưa có biên bản.")
    return file_response(meeting.minutes_file)


@login_required
def paper_tally_file(request, ballot_pk):
    """The signed tally minutes of a nominee's paper ballots (same scope as the meeting)."""
    from vinhdanh.core.files import file_response

    ballot = selectors.ballot_or_404(request.user, ballot_pk)
    tally = PaperTally.objects.select_related("tally_file").filter(ballot=ballot).first()
    if tally is None:
        raise Http404("Chưa có biên bản kiểm phiếu giấy.")
    return file_response(tally.tally_file, inline=True)
