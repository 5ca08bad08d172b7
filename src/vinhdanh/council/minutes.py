"""Minutes (biên bản) of a closed council meeting, generated as .docx from the stored results.

The number is a BB of the council's unit with the council's abbreviation (HĐTĐKT) as issuer
abbreviation (core.numbering); the file is kept with core.files.store_generated. Only counts are
printed: who voted is listed (written votes noted), never what anyone chose.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import require_on_unit
from vinhdanh.core import audit
from vinhdanh.core.files import store_generated
from vinhdanh.core.models import AuditAction, DocumentType
from vinhdanh.core.numbering import NumberingError, number_issue, number_reserve
from vinhdanh.documents.docx import Header, Heading, Signature, Table, official_document
from vinhdanh.documents.vn import date_in_words, place_of

from .enums import CouncilError
from .models import (
    AgendaItem,
    Attendance,
    CouncilMeeting,
    MeetingStatus,
    MemberRole,
    NomineeBallot,
    PaperTally,
    VoteChannel,
)
from .selectors import role_rank_of


def _pct(value) -> str:
    return f"{float(value) * 100:.0f}%"


def _paper(ballot):
    try:
        return ballot.paper
    except PaperTally.DoesNotExist:
        return None


def _result_lines(meeting: CouncilMeeting, ballots: list) -> list[str]:
    """Share against the threshold with its citation, paper ballots, and every acceptance
    against the ballot with its reason (NĐ 152/2025 Điều 33 khoản 5: result and share go in
    the minutes)."""
    from .standing import vote_standings

    closed = [b for b in ballots if not b.is_open]
    standings = vote_standings([b.nominee for b in closed])
    lines: list[str] = []
    for b in closed:
        s = standings[b.nominee_id]
        if s.meeting_id != meeting.pk:
            continue
        cited = f" ({s.citation})" if s.binding else ""
        verdict = "Đạt" if s.passed else "Không đạt"
        lines.append(
            f"{b.nominee.display_name} ({b.nominee.honour.name}): {s.summary}{cited} — {verdict}."
        )
        paper = _paper(b)
        if paper:
            lines.append(
                f"Phiếu giấy của thành viên có mặt không có tài khoản (biên bản kiểm phiếu kèm "
                f"theo): {paper.yes_count} đồng ý, {paper.no_count} không đồng ý, "
                f"{paper.invalid_count} phiếu trắng, không hợp lệ."
            )
        reason = b.nominee.ballot_override_reason.strip()
        if reason:
            lines.append(
                f"Chấp thuận khác kết quả biểu quyết: {b.nominee.display_name} "
                f"({b.nominee.honour.name}) — lý do: {reason}"
            )
    return lines


def minutes_docx(meeting: CouncilMeeting, *, number: str = "") -> bytes:
    council = meeting.council
    attendance = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .annotate(rank=role_rank_of("member__role"))
        .order_by("rank", "member__full_name", "member_id")
    )
    written = set(
        NomineeBallot.objects.filter(meeting=meeting)
        .filter(voters__channel=VoteChannel.WRITTEN)
        .values_list("voters__member_id", flat=True)
    )
    present = [a for a in attendance if a.present]
    agenda = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("dossier__sending_unit")
        .order_by("position", "pk")
    )
    ballots = list(
        NomineeBallot.objects.filter(meeting=meeting)
        .select_related(
            "nominee__person", "nominee__unit", "nominee__honour", "nominee__downgraded_to",
            "paper",
        )
        .annotate(written_count=Count("voters", filter=Q(voters__channel=VoteChannel.WRITTEN)))
        .order_by("nominee__dossier_id", "nominee__position", "pk")
    )  # fmt: skip
    lines = _result_lines(meeting, ballots)
    chair = next(
        (a.member for a in present if a.member.role in (MemberRole.CHAIR, MemberRole.VICE)), None
    )
    secretary = next((a.member for a in attendance if a.member.role == MemberRole.SECRETARY), None)
    body: list = [
        Heading("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
        f"Thời gian: {date_in_words(meeting.date)}. Địa điểm: {meeting.place}.",
        f"Thành viên Hội đồng có mặt: {len(present)}/{meeting.member_count} thành viên.",
        Table(
            ["STT", "Họ và tên", "Vai trò", "Có mặt", "Ghi chú"],
            [
                [
                    str(i),
                    a.member.full_name,
                    a.member.get_role_display(),
                    "Có mặt" if a.present else "Vắng",
                    "Gửi phiếu bằng văn bản" if a.member_id in written else "",
                ]
                for i, a in enumerate(attendance, start=1)
            ],
            widths_mm=[14, 52, 38, 22, 39],
            align=["center", "left", "left", "center", "left"],
        ),
        Heading("II. NỘI DUNG"),
        "Hội đồng xem xét các hồ sơ đề nghị khen thưởng sau:",
        *[f"{a.position}. {a.dossier.title} ({a.dossier.sending_unit.name})." for a in agenda],
        Heading("III. KẾT QUẢ BIỂU QUYẾT (BỎ PHIẾU KÍN)"),
        "Tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng (kể cả thành viên vắng mặt); "
        "hình thức không có ngưỡng riêng cần quá nửa (trên 50%) tổng số thành viên đồng ý.",
        Table(
            [
                "STT",
                "Đối tượng",
                "Đề nghị",
                "Đồng ý",
                "Không đồng ý",
                "Tổng số TV",
                "Ngưỡng",
                "Kết quả",
            ],  # fmt: skip
            [
                [
                    str(i),
                    b.nominee.display_name,
                    b.nominee.honour.name,
                    str(b.yes_votes)
                    + (f" (gồm {b.written_count} phiếu văn bản)" if b.written_count else "")
                    + (f" (gồm {_paper(b).yes_count} phiếu giấy)" if _paper(b) else ""),
                    str(b.no_votes)
                    + (f" (gồm {_paper(b).no_count} phiếu giấy)" if _paper(b) else ""),
                    str(b.total_members),
                    f"≥ {_pct(b.threshold)}" if b.threshold is not None else "> 50%",
                    "Thông qua" if b.passed else "Không thông qua",
                ]
                for i, b in enumerate(ballots, start=1)
            ],
            widths_mm=[10, 35, 30, 20, 18, 16, 16, 20],
            align=["center", "left", "left", "center", "center", "center", "center", "center"],
        ),
        *lines,
        f"Phiên họp kết thúc ngày {meeting.closed_at:%d/%m/%Y}." if meeting.closed_at else "",
    ]
    header = Header(
        issuer=council.name.upper(),
        number=number,
        superior=council.unit.name.upper(),
        place=place_of(council.unit.name),
        date=meeting.date,
    )
    signatures = [
        Signature(position="THƯ KÝ", name=secretary.full_name if secretary else ""),
        Signature(position="CHỦ TỊCH HỘI ĐỒNG", name=chair.full_name if chair else ""),
    ]
    title = f"Họp {council.name} ngày {meeting.date:%d/%m/%Y}"
    return official_document(header, title, [b for b in body if b], signatures, doc_type="Biên bản")


@transaction.atomic
def minutes_generate(actor, meeting: CouncilMeeting) -> CouncilMeeting:
    council = meeting.council
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, council.unit)
    meeting = (
        CouncilMeeting.objects.select_for_update(of=("self",))
        .select_related("minutes_number", "council__unit")
        .get(pk=meeting.pk)
    )
    if meeting.status != MeetingStatus.CLOSED:
        raise CouncilError("Chỉ lập biên bản sau khi kết thúc phiên họp và khóa kết quả.")
    before = audit.snapshot(meeting)
    if meeting.minutes_number is None:
        try:
            number = number_reserve(
                actor,
                issuer_key=f"council:{council.unit_id}:{council.abbreviation}",
                issuer_abbreviation=council.abbreviation,
                issuer_name=council.name,
                unit=council.unit,
                doc_type=DocumentType.BB,
                year=meeting.date.year,
                title=f"Biên bản họp {council.name}",
                doc_date=meeting.date,
            )
            meeting.minutes_number = number_issue(actor, number, obj=meeting, doc_date=meeting.date)
        except NumberingError as exc:
            raise CouncilError(str(exc)) from exc
    data = minutes_docx(meeting, number=meeting.minutes_number.display)
    meeting.minutes_file = store_generated(
        data,
        f"Bien-ban-{meeting.minutes_number.seq:02d}-BB-HDTDKT-{meeting.date:%Y%m%d}.docx",
        user=actor,
    )
    meeting.save(update_fields=["minutes_number", "minutes_file", "updated_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        meeting,
        changes=audit.diff(before, audit.snapshot(meeting)),
        note="Lập biên bản họp Hội đồng",
        unit_id=council.unit_id,
    )
    return meeting
