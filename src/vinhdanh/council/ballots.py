"""Meetings, agenda, attendance and the secret ballot per nominee (every write of that part).

Who voted (BallotVoter) and what was voted are kept apart so that nobody reading the database
can link a paper to its voter (core.ballotbox): while the ballot is open a vote only adds a
sealed paper (``SealedBallot``, same length for yes and no, unreadable without the key) and
no tally exists; the close opens the box and writes the plaintext papers (``BallotChoice``) of
every ballot in one transaction, in random order, with random keys. Tallies are compared with
the threshold over ALL members whose term covers the meeting date, on integers (no float error).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, require_on_unit
from vinhdanh.catalogue.selectors import vote_thresholds_map
from vinhdanh.core import audit, ballotbox
from vinhdanh.core.models import AuditAction
from vinhdanh.nominations.enums import DossierStatus
from vinhdanh.nominations.models import Dossier, Nominee

from .enums import MEETING_QUORUM, VOTING_QUORUM, CouncilError, quorum_met
from .models import (
    AgendaItem,
    Attendance,
    BallotChoice,
    BallotVoter,
    Council,
    CouncilMeeting,
    CouncilMember,
    MeetingStatus,
    MemberRole,
    NomineeBallot,
    PaperTally,
    SealedBallot,
    VoteChannel,
)
from .publicity import publicity_problem
from .selectors import members_on
from .standing import reaches

YES, NO = b"\x01", b"\x00"  # one byte each: a sealed yes and a sealed no have the same length


def _manager(actor, council: Council) -> None:
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, council.unit)


def _not_closed(meeting: CouncilMeeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise CouncilError("Phiên họp đã kết thúc; không thể thay đổi.")


def _log(actor, action, meeting: CouncilMeeting, note: str) -> None:
    audit.record(actor, action, meeting, note=note, unit_id=meeting.council.unit_id)


def _share_text(share) -> str:
    return f"{Decimal(share.numerator * 100) / share.denominator:.0f}%"


@transaction.atomic
def meeting_create(actor, council: Council, *, date: dt.date, place: str) -> CouncilMeeting:
    _manager(actor, council)
    meeting = CouncilMeeting.objects.create(
        council=council, date=date, place=place, member_count=members_on(council, date).count()
    )
    audit.record_create(actor, meeting, unit_id=council.unit_id)
    return meeting


def agenda_candidates(council: Council):
    """Dossiers waiting for this council: status AT_COUNCIL, received by the council's unit."""
    return Dossier.objects.filter(
        status=DossierStatus.AT_COUNCIL, receiving_unit_id=council.unit_id
    ).select_related("sending_unit")


@transaction.atomic
def agenda_add(actor, meeting: CouncilMeeting, dossier: Dossier) -> AgendaItem:
    _manager(actor, meeting.council)
    _not_closed(meeting)
    if not agenda_candidates(meeting.council).filter(pk=dossier.pk).exists():
        raise CouncilError(
            "Chỉ đưa vào chương trình các hồ sơ đang ở trạng thái “Trình Hội đồng” do cấp của "
            "Hội đồng tiếp nhận."
        )
    if AgendaItem.objects.filter(meeting=meeting, dossier=dossier).exists():
        raise CouncilError("Hồ sơ đã có trong chương trình phiên họp.")
    problem = publicity_problem(dossier, meeting_date=meeting.date)
    if problem:
        raise CouncilError(problem)
    last = AgendaItem.objects.filter(meeting=meeting).order_by("-position").first()
    item = AgendaItem.objects.create(
        meeting=meeting, dossier=dossier, position=(last.position + 1) if last else 1
    )
    _log(actor, AuditAction.UPDATE, meeting, f"Thêm vào chương trình: {dossier}")
    return item


@transaction.atomic
def agenda_remove(actor, item: AgendaItem) -> None:
    meeting = item.meeting
    _manager(actor, meeting.council)
    _not_closed(meeting)
    if NomineeBallot.objects.filter(meeting=meeting, nominee__dossier=item.dossier_id).exists():
        raise CouncilError("Đã mở biểu quyết cho hồ sơ này; không thể rút khỏi chương trình.")
    item.delete()
    _log(actor, AuditAction.UPDATE, meeting, f"Rút khỏi chương trình: {item.dossier}")


@transaction.atomic
def attendance_set(actor, meeting: CouncilMeeting, present_ids: set[int]) -> tuple[int, int]:
    """Present/absent for every member whose term covers the meeting date; returns (present, total)."""
    _manager(actor, meeting.council)
    _not_closed(meeting)
    if meeting.ballots.exists():
        raise CouncilError("Đã mở biểu quyết; không thể sửa danh sách có mặt.")
    members = list(members_on(meeting.council, meeting.date))
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=m, present=m.pk in present_ids) for m in members
    )
    present = sum(1 for m in members if m.pk in present_ids)
    meeting.member_count = len(members)
    meeting.save(update_fields=["member_count", "updated_at"])
    _log(actor, AuditAction.UPDATE, meeting, f"Điểm danh: có mặt {present}/{len(members)}")
    return present, len(members)


def _counts(meeting: CouncilMeeting) -> tuple[int, int]:
    total = members_on(meeting.council, meeting.date).count()
    present = Attendance.objects.filter(
        meeting=meeting, present=True, member__in=members_on(meeting.council, meeting.date)
    ).count()
    return present, total


@transaction.atomic
def meeting_open(actor, meeting: CouncilMeeting, *, quorum=MEETING_QUORUM) -> CouncilMeeting:
    _manager(actor, meeting.council)
    if meeting.status != MeetingStatus.PLANNED:
        raise CouncilError("Chỉ khai mạc được phiên họp đang ở trạng thái “Đã lên lịch”.")
    present, total = _counts(meeting)
    if not quorum_met(present, total, quorum):
        raise CouncilError(
            f"Chưa đủ điều kiện họp: có mặt {present}/{total} thành viên, cần ít nhất "
            f"{_share_text(quorum)} tổng số thành viên. Hãy cập nhật điểm danh hoặc dời phiên họp."
        )
    meeting.status, meeting.member_count = MeetingStatus.OPEN, total
    meeting.save(update_fields=["status", "member_count", "updated_at"])
    _log(actor, AuditAction.TRANSITION, meeting, f"Khai mạc, có mặt {present}/{total}")
    return meeting


@transaction.atomic
def ballots_open(actor, meeting: CouncilMeeting, *, quorum=VOTING_QUORUM) -> list[NomineeBallot]:
    """One ballot per agenda nominee without one; threshold from the catalogue on the meeting date."""
    _manager(actor, meeting.council)
    if meeting.status != MeetingStatus.OPEN:
        raise CouncilError("Phải khai mạc phiên họp trước khi mở biểu quyết.")
    present, total = _counts(meeting)
    if not quorum_met(present, total, quorum):
        raise CouncilError(
            f"Chưa đủ điều kiện biểu quyết khen thưởng: có mặt {present}/{total} thành viên, "
            f"phiên xét khen thưởng cần ít nhất {_share_text(quorum)} tổng số thành viên có mặt."
        )
    thresholds = vote_thresholds_map(meeting.date)
    nominees = Nominee.objects.filter(
        dossier__in=AgendaItem.objects.filter(meeting=meeting).values("dossier")
    ).exclude(ballots__meeting=meeting)
    ballots = [
        NomineeBallot(
            meeting=meeting,
            nominee=n,
            threshold=thresholds.get(n.honour_id),
            total_members=total,
        )
        for n in nominees.order_by("dossier_id", "position", "pk")
    ]
    if not ballots:
        raise CouncilError("Không có đối tượng nào chưa được biểu quyết trong chương trình họp.")
    NomineeBallot.objects.bulk_create(ballots)
    meeting.member_count = total
    meeting.save(update_fields=["member_count", "updated_at"])
    _log(actor, AuditAction.UPDATE, meeting, f"Mở biểu quyết {len(ballots)} đối tượng")
    # inbox: tell the members with an account, once the ballots are committed
    from vinhdanh.inbox import events

    events.on_commit(events.ballots_opened, meeting.pk)
    return ballots


def voting_member(user, meeting: CouncilMeeting) -> CouncilMember | None:
    """The member linked to ``user`` whose term covers the meeting date, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return members_on(meeting.council, meeting.date).filter(user=user).first()


def _open_ballot(ballot_pk: int) -> NomineeBallot:
    ballot = (
        NomineeBallot.objects.select_for_update()
        .select_related("meeting__council__unit")
        .get(pk=ballot_pk)
    )
    if not ballot.is_open or ballot.meeting.status != MeetingStatus.OPEN:
        raise CouncilError("Biểu quyết đã kết thúc; kết quả đã khóa, không nhận thêm phiếu.")
    return ballot


def _store(ballot, member, approve: bool, channel: str, actor) -> None:
    try:
        with transaction.atomic():
            BallotVoter.objects.create(
                ballot=ballot, member=member, channel=channel, recorded_by=actor
            )
    except IntegrityError as exc:
        raise CouncilError(f"{member.full_name} đã bỏ phiếu cho đối tượng này.") from exc
    # Only a sealed paper: its xmin/rowid tie it to this voter, its content to nobody.
    ballotbox.drop(SealedBallot, ballot, YES if approve else NO)


@transaction.atomic
def cast_vote(user, ballot: NomineeBallot, approve: bool) -> None:
    """The member's own electronic secret vote (present members only, once per ballot)."""
    ballot = _open_ballot(ballot.pk)
    meeting = ballot.meeting
    member = voting_member(user, meeting)
    if member is None or not can_on_unit(user, Capability.COUNCIL_VOTE, meeting.council.unit):
        raise CouncilError("Bạn không phải thành viên có quyền biểu quyết của Hội đồng này.")
    if not Attendance.objects.filter(meeting=meeting, member=member, present=True).exists():
        raise CouncilError(
            "Bạn được ghi vắng mặt: phiếu của thành viên vắng mặt gửi bằng văn bản qua Thư ký."
        )
    if BallotVoter.objects.filter(ballot=ballot, member=member).exists():
        raise CouncilError("Bạn đã bỏ phiếu cho đối tượng này; mỗi thành viên chỉ bỏ một phiếu.")
    _store(ballot, member, approve, VoteChannel.ELECTRONIC, user)
    _log(user, AuditAction.UPDATE, meeting, "Bỏ phiếu kín (điện tử)")


def can_record_written(user, meeting: CouncilMeeting) -> bool:
    """The secretary (linked account) or an officer of the council's unit enters written votes."""
    if can_on_unit(user, Capability.MANAGE_NOMINATIONS, meeting.council.unit):
        return True
    member = voting_member(user, meeting)
    return member is not None and member.role == MemberRole.SECRETARY


@transaction.atomic
def record_written_vote(actor, ballot: NomineeBallot, member: CouncilMember, approve: bool) -> None:
    ballot = _open_ballot(ballot.pk)
    meeting = ballot.meeting
    if not can_record_written(actor, meeting):
        raise CouncilError(
            "Chỉ Thư ký Hội đồng hoặc cán bộ thi đua của cấp mới nhập phiếu văn bản."
        )
    if not members_on(meeting.council, meeting.date).filter(pk=member.pk).exists():
        raise CouncilError("Người này không phải thành viên Hội đồng vào ngày họp.")
    if Attendance.objects.filter(meeting=meeting, member=member, present=True).exists():
        raise CouncilError(f"{member.full_name} có mặt: thành viên có mặt tự bỏ phiếu điện tử.")
    if BallotVoter.objects.filter(ballot=ballot, member=member).exists():
        raise CouncilError(f"{member.full_name} đã bỏ phiếu cho đối tượng này.")
    _store(ballot, member, approve, VoteChannel.WRITTEN, actor)
    _log(actor, AuditAction.UPDATE, meeting, f"Nhập phiếu văn bản của {member}")


def paper_voters_present(meeting: CouncilMeeting) -> int:
    """Present members without an account: the only ones who vote on paper."""
    return Attendance.objects.filter(
        meeting=meeting,
        present=True,
        member__user__isnull=True,
        member__in=members_on(meeting.council, meeting.date),
    ).count()


@transaction.atomic
def record_paper_tally(
    actor, ballot: NomineeBallot, *, yes: int, no: int, invalid: int, upload
) -> PaperTally:
    """The secretary's count of the paper ballots for one nominee, with the signed tally (PDF).

    Only counts are kept (secret vote); they cannot exceed the present members without an
    account; recording again replaces the previous count while the ballot is open.
    """
    from vinhdanh.core.files import FileRejected, store_upload

    ballot = _open_ballot(ballot.pk)
    meeting = ballot.meeting
    if not can_record_written(actor, meeting):
        raise CouncilError("Chỉ Thư ký Hội đồng hoặc cán bộ thi đua của cấp mới nhập phiếu giấy.")
    counts = [int(yes), int(no), int(invalid)]
    if any(c < 0 for c in counts):
        raise CouncilError("Số phiếu không được âm.")
    allowed = paper_voters_present(meeting)
    if sum(counts) == 0:
        raise CouncilError("Nhập số phiếu giấy đã kiểm.")
    if sum(counts) > allowed:
        raise CouncilError(
            f"Tổng số phiếu giấy ({sum(counts)}) vượt quá số thành viên có mặt không có tài khoản "
            f"({allowed}). Chỉ thành viên có mặt không có tài khoản mới bỏ phiếu giấy; thành "
            "viên có tài khoản bỏ phiếu điện tử, thành viên vắng mặt gửi phiếu bằng văn bản."
        )
    if upload is None:
        raise CouncilError("Tải lên biên bản kiểm phiếu có chữ ký (PDF).")
    try:
        stored = store_upload(upload, user=actor, allowed={".pdf"})
    except FileRejected as exc:
        raise CouncilError(str(exc)) from exc
    tally, created = PaperTally.objects.update_or_create(
        ballot=ballot,
        defaults={
            "yes_count": counts[0],
            "no_count": counts[1],
            "invalid_count": counts[2],
            "tally_file": stored,
            "recorded_by": actor,
        },
    )
    _log(
        actor,
        AuditAction.UPDATE,
        meeting,
        f"{'Nhập' if created else 'Sửa'} kết quả phiếu giấy cho {ballot.nominee}: đồng ý "
        f"{counts[0]}, không đồng ý {counts[1]}, trắng/không hợp lệ {counts[2]} "
        f"(biên bản kiểm phiếu tệp mã {stored.pk})",
    )
    return tally


def passes(yes: int, total: int, threshold: Decimal | None) -> bool:
    """yes / total >= threshold (or > 1/2 when the honour has none), on integers (the same
    comparison as the guard, ``standing.reaches``)."""
    return reaches(yes, total, threshold)


@transaction.atomic
def meeting_close(actor, meeting: CouncilMeeting) -> CouncilMeeting:
    """Open every sealed box, write the plaintext papers of all ballots in random order (one
    transaction, one xmin), count, lock the results and close the meeting."""
    _manager(actor, meeting.council)
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.OPEN:
        raise CouncilError("Chỉ kết thúc được phiên họp đang họp.")
    now = timezone.now()
    present, total = _counts(meeting)
    quorum_ok = quorum_met(present, total, VOTING_QUORUM)  # the guard's rule (standing.py)
    open_ballots = list(
        NomineeBallot.objects.select_for_update()
        .filter(meeting=meeting, is_open=True)
        .order_by("pk")
    )
    voters = dict(
        BallotVoter.objects.filter(ballot__in=open_ballots)
        .values_list("ballot")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for ballot in open_ballots:
        # Papers stored in clear before the sealed box existed are mixed in and rewritten too.
        legacy = BallotChoice.objects.filter(ballot=ballot)
        try:
            opened = ballotbox.empty_box(
                SealedBallot,
                ballot,
                voters=voters.get(ballot.pk, 0),
                extra=[YES if a else NO for a in legacy.values_list("approve", flat=True)],
            )
        except ballotbox.BallotBoxError as exc:
            raise CouncilError(f"{ballot.nominee}: {exc}") from exc
        legacy.delete()
        papers = [p == YES for p in opened]
        BallotChoice.objects.bulk_create(
            BallotChoice(id=uuid.uuid4(), ballot=ballot, approve=a) for a in papers
        )
        paper = PaperTally.objects.filter(ballot=ballot).first()
        online_yes = sum(1 for a in papers if a)
        ballot.yes_votes = online_yes + (paper.yes_count if paper else 0)
        ballot.no_votes = len(papers) - online_yes + (paper.no_count if paper else 0)
        ballot.passed = quorum_ok and passes(
            ballot.yes_votes, ballot.total_members, ballot.threshold
        )
        ballot.is_open, ballot.closed_at = False, now
        ballot.save(update_fields=["yes_votes", "no_votes", "passed", "is_open", "closed_at"])
    meeting.status, meeting.closed_at = MeetingStatus.CLOSED, now
    meeting.save(update_fields=["status", "closed_at", "updated_at"])
    _log(actor, AuditAction.TRANSITION, meeting, "Kết thúc phiên họp, khóa kết quả")
    return meeting
