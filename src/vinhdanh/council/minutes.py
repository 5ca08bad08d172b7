"""Minutes (biên bản) of a closed council meeting, generated as .docx from the stored results.

The number is a BB of the council's unit with the council's abbreviation (HĐTĐKT) as issuer
abbreviation (core.numbering); the file is kept with core.files.store_generated. Only counts are
printed: who voted is listed (written votes noted), never what anyone chose.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import require_on_unit
from vinhdanh.core import audit
from vinhdanh.core.audit import object_type_of
from vinhdanh.core.files import store_generated
from vinhdanh.core.models import AuditAction, AuditEntry, DocumentType
from vinhdanh.core.numbering import issue_number_for
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
    """A share as an official percentage: decimal comma, two places, space before "%"."""
    return f"{Decimal(value) * 100:.2f}".replace(".", ",") + " %"


def _share(yes: int, total: int) -> str:
    return _pct(Decimal(yes) / Decimal(total)) if total else "0,00 %"


def _threshold(threshold) -> str:
    if threshold is None:
        return "> 50 %"
    text = f"{Decimal(threshold) * 100:.2f}".replace(".", ",").removesuffix(",00")
    return f"≥ {text} %"


def _clock(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d}"


def _opened_at(meeting: CouncilMeeting):
    """When the meeting was opened (the audit entry of meeting_open), if recorded."""
    entry = (
        AuditEntry.objects.filter(
            object_type=object_type_of(CouncilMeeting),
            object_id=str(meeting.pk),
            action=AuditAction.TRANSITION,
            note__startswith="Khai mạc",
        )
        .order_by("at")
        .first()
    )
    return entry.at if entry else None


def _council_title(member) -> str:
    if member.role == MemberRole.VICE:
        return "Phó Chủ tịch Hội đồng"
    return member.get_role_display()


def _who(member) -> str:
    """ "Nguyễn Văn A, Phó Chủ tịch Hội đồng, Giám đốc Sở Nội vụ" (council title, real post)."""
    parts = [member.full_name, _council_title(member)]
    if member.position:
        parts.append(member.position)
    return ", ".join(parts)


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


def _paper_total(ballot) -> int:
    """Paper ballots handed in by present members without an account (all counted as returned)."""
    paper = _paper(ballot)
    return (paper.yes_count + paper.no_count + paper.invalid_count) if paper else 0


def minutes_docx(meeting: CouncilMeeting, *, number: str = "") -> bytes:
    """Biên bản họp Hội đồng (NĐ 30 Phụ lục III Mẫu 1.9; DOCUMENTS.md §8.5): wording only, the
    layout is documents.docx's."""
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
    absent = [a for a in attendance if not a.present]
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
        .annotate(
            returned=Count("voters"),
            written_count=Count("voters", filter=Q(voters__channel=VoteChannel.WRITTEN)),
        )
        .order_by("nominee__dossier_id", "nominee__position", "pk")
    )  # fmt: skip
    lines = _result_lines(meeting, ballots)
    chair = next(
        (a.member for a in present if a.member.role in (MemberRole.CHAIR, MemberRole.VICE)), None
    )
    secretary = next((a.member for a in attendance if a.member.role == MemberRole.SECRETARY), None)
    total = meeting.member_count or len(attendance)
    opened = _opened_at(meeting)
    start = f"{_clock(opened)}, {date_in_words(meeting.date)}" if opened else date_in_words(meeting.date)  # fmt: skip
    absent_text = "; ".join(
        f"{a.member.full_name}, {'có phiếu biểu quyết bằng văn bản' if a.member_id in written else 'không gửi phiếu bằng văn bản'}"  # fmt: skip
        for a in absent
    )
    body: list = [
        f"Thời gian bắt đầu: {start}.",
        f"Địa điểm: {meeting.place}.",
        Heading("I. THÀNH PHẦN"),
        f"Tổng số thành viên Hội đồng: {total}; có mặt: {len(present)}; vắng mặt: {len(absent)}"
        + (f" ({absent_text})." if absent else "."),
        f"Chủ trì: {_who(chair)}." if chair else "Chủ trì: chưa ghi nhận người chủ trì.",
        f"Thư ký: {_who(secretary)}." if secretary else "Thư ký: chưa ghi nhận thư ký.",
        Table(
            ["STT", "Họ và tên", "Vai trò", "Chức vụ", "Tham dự"],
            [
                [
                    str(i),
                    a.member.full_name,
                    a.member.get_role_display(),
                    a.member.position,
                    "Có mặt"
                    if a.present
                    else ("Vắng, có phiếu văn bản" if a.member_id in written else "Vắng"),
                ]
                for i, a in enumerate(attendance, start=1)
            ],
            widths_mm=[12, 42, 30, 43, 28],
            align=["center", "left", "left", "left", "left"],
        ),
        Heading("II. NỘI DUNG"),
        f"Hội đồng xem xét {len(agenda):02d} hồ sơ đề nghị khen thưởng sau:",
        *[f"{a.position}. {a.dossier.title} ({a.dossier.sending_unit.name});" for a in agenda],
        Heading("III. KẾT QUẢ BIỂU QUYẾT"),
        "Hội đồng biểu quyết bằng phiếu kín. Tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng"
        f" ({total} thành viên, kể cả thành viên vắng mặt); hình thức không có ngưỡng riêng cần"
        " quá nửa (trên 50 %) tổng số thành viên đồng ý.",
        Table(
            [
                "STT",
                "Đối tượng",
                "Hình thức đề nghị",
                "Phiếu phát ra",
                "Phiếu thu về",
                "Phiếu hợp lệ",
                "Đồng ý",
                "Tỷ lệ (%)",
                "Ngưỡng",
                "Kết quả",
            ],  # fmt: skip
            [
                [
                    str(i),
                    b.nominee.display_name,
                    b.nominee.honour.name,
                    str(len(present) + b.written_count),
                    str(b.returned + _paper_total(b)),
                    str(b.yes_votes + b.no_votes),
                    str(b.yes_votes)
                    + (f" (gồm {_paper(b).yes_count} phiếu giấy)" if _paper(b) else ""),
                    _share(b.yes_votes, b.total_members or total),
                    _threshold(b.threshold),
                    "Đạt" if b.passed else "Không đạt",
                ]
                for i, b in enumerate(ballots, start=1)
            ],
            widths_mm=[9, 30, 24, 14, 14, 14, 13, 15, 12, 10],
            align=[
                "center",
                "left",
                "left",
                "center",
                "center",
                "center",
                "center",
                "center",
                "center",
                "center",
            ],  # fmt: skip
            size=11,
        ),
        *lines,
    ]
    if meeting.closed_at:
        end = timezone.localtime(meeting.closed_at)
        body.append(f"Cuộc họp kết thúc vào {_clock(end)}, {date_in_words(end.date())}./.")
    else:
        # the day is known (the meeting's date); only the clock time is left to the secretary
        body.append(f"Cuộc họp kết thúc vào …… giờ ……, {date_in_words(meeting.date)}./.")
    header = Header(
        issuer=council.name.upper(),
        number=number,
        superior=council.unit.name.upper(),
        place=place_of(council.unit.name),
        date=meeting.date,
        symbol=f"{DocumentType.BB.value}-{council.abbreviation}",
        draft=not number,  # not numbered yet (a preview): DỰ THẢO, number left blank
        show_date=False,  # Mẫu 1.9: no place-date line
    )
    presiding = Signature(
        lines=["CHỦ TỌA"],
        note=_council_title(chair) if chair else "",
        name=chair.full_name if chair else "",
    )
    clerk = Signature(lines=["THƯ KÝ"], name=secretary.full_name if secretary else "")
    title = f"Họp {council.name} xét khen thưởng"
    return official_document(
        header,
        title,
        body,
        presiding,
        ["Lưu: VT, Hồ sơ"],
        doc_type="BIÊN BẢN",
        end_mark=False,
        signature_left=clerk,
    )


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
        meeting.minutes_number = issue_number_for(
            actor,
            meeting,
            issuer_key=f"council:{council.unit_id}:{council.abbreviation}",
            issuer_abbreviation=council.abbreviation,
            issuer_name=council.name,
            unit=council.unit,
            doc_type=DocumentType.BB,
            on=meeting.date,
            title=f"Biên bản họp {council.name}",
            error=CouncilError,
        )
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
