"""Meetings of a bloc (hội nghị phát động, ký kết giao ước, sơ kết, tổng kết) and their minutes.

The head's officers (and the owner's) record meetings. "Tạo biên bản" drafts the minutes as a
.docx from the data with a BB number of the bloc's sequence (reserved on the first draft, kept on
later drafts); "Tải lên bản đã chỉnh sửa" files the edited .docx/.pdf in its place (the former
file stays referenced in the audit history) and marks the number issued.
"""

from __future__ import annotations

from django.db import transaction

from vinhdanh.core import audit
from vinhdanh.core.files import FileRejected, store_generated, store_upload
from vinhdanh.core.models import AuditAction, DocumentType, NumberStatus
from vinhdanh.core.numbering import issue_reserved, reserve_number_for
from vinhdanh.documents.docx import (
    Header,
    Heading,
    Signature,
    Table,
    official_document,
)
from vinhdanh.documents.vn import date_in_words, place_of

from ..enums import MeetingKind
from ..models import Bloc, BlocMember, Meeting, MeetingAttendance
from ..permissions import EmulationError, require_bloc_head
from ..selectors.reviews import locked_results

MEETING_FIELDS = ["kind", "date", "place", "chair_unit", "chair_name", "guests", "agenda", "conclusions"]  # fmt: skip
MINUTES_TYPES = {".docx", ".pdf"}
BLANK_CLOCK = "…… giờ ……"  # filled in by the secretary: the clock time is not recorded


def _check_chair(bloc: Bloc, chair_unit) -> None:
    if (
        chair_unit is not None
        and not BlocMember.objects.filter(bloc=bloc, unit=chair_unit).exists()
    ):
        raise EmulationError("Đơn vị chủ trì phải là thành viên của khối.")


def _attendance_snapshot(meeting: Meeting) -> list[list]:
    return [
        [a.unit_id, a.present, a.delegates]
        for a in MeetingAttendance.objects.filter(meeting=meeting).order_by("unit_id")
    ]


def _write_attendance(meeting: Meeting, attendance: dict[int, tuple[bool, str]]) -> None:
    members = set(
        BlocMember.objects.filter(bloc_id=meeting.bloc_id).values_list("unit_id", flat=True)
    )
    unknown = set(attendance) - members
    if unknown:
        raise EmulationError("Chỉ ghi được tham dự của các đơn vị thành viên khối.")
    existing = {a.unit_id: a for a in MeetingAttendance.objects.filter(meeting=meeting)}
    new, changed = [], []
    for unit_id in sorted(members):
        present, delegates = attendance.get(unit_id, (False, ""))
        delegates = (delegates or "").strip()[:500]
        row = existing.get(unit_id)
        if row is None:
            new.append(MeetingAttendance(meeting=meeting, unit_id=unit_id, present=present, delegates=delegates))  # fmt: skip
        elif (row.present, row.delegates) != (present, delegates):
            row.present, row.delegates = present, delegates
            changed.append(row)
    MeetingAttendance.objects.bulk_create(new)
    MeetingAttendance.objects.bulk_update(changed, ["present", "delegates"])


@transaction.atomic
def meeting_create(
    actor, bloc: Bloc, *, attendance: dict[int, tuple[bool, str]], **data
) -> Meeting:
    require_bloc_head(actor, bloc)
    _check_chair(bloc, data.get("chair_unit"))
    meeting = Meeting.objects.create(
        bloc=bloc, **{k: v for k, v in data.items() if k in MEETING_FIELDS}
    )
    _write_attendance(meeting, attendance)
    audit.record_create(actor, meeting, unit_id=bloc.owner_id, note=_attendance_note(meeting))
    return meeting


def _attendance_note(meeting: Meeting) -> str:
    rows = MeetingAttendance.objects.filter(meeting=meeting, present=True).select_related("unit")
    return "Có mặt: " + ", ".join(sorted(r.unit.name for r in rows))


@transaction.atomic
def meeting_update(
    actor, meeting: Meeting, *, attendance: dict[int, tuple[bool, str]], **data
) -> Meeting:
    bloc = meeting.bloc
    require_bloc_head(actor, bloc)
    _check_chair(bloc, data.get("chair_unit", meeting.chair_unit))
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    before = audit.snapshot(meeting)
    before_att = _attendance_snapshot(meeting)
    for key in MEETING_FIELDS:
        if key in data:
            setattr(meeting, key, data[key])
    meeting.save()
    _write_attendance(meeting, attendance)
    changes = audit.diff(before, audit.snapshot(meeting))
    after_att = _attendance_snapshot(meeting)
    if before_att != after_att:
        changes["attendance"] = [before_att, after_att]
    if changes:
        audit.record(actor, AuditAction.UPDATE, meeting, changes=changes, unit_id=bloc.owner_id)
    return meeting


# --- Minutes ------------------------------------------------------------------------------------


def _tally_rows(bloc: Bloc):
    """The acclaim tally (votes per unit, voters/total) if the acclaim area is installed."""
    try:
        from ..selectors.acclaim import acclaim_tally
    except ImportError:  # pragma: no cover - the acclaim area ships with the app
        return None
    tally = acclaim_tally(bloc)
    if tally.ballot is None or not tally.visible:
        return None
    return tally


def minutes_docx(meeting: Meeting, *, number: str = "") -> bytes:
    """Biên bản hội nghị của khối (NĐ 30 Phụ lục III Mẫu 1.9; DOCUMENTS.md §8.5): "Số: …/BB-…",
    no place-date line, THƯ KÝ left and CHỦ TỌA right, "- Lưu: VT, Hồ sơ.". Wording only: the
    layout is documents.docx's. The clock times stay blank for the secretary (not recorded)."""
    bloc = meeting.bloc
    attendances = list(
        MeetingAttendance.objects.filter(meeting=meeting)
        .select_related("unit")
        .order_by("unit__sort_key")
    )
    present = [a for a in attendances if a.present]
    absent = [a for a in attendances if not a.present]
    chair_unit = meeting.chair_unit.name if meeting.chair_unit_id else ""
    chair = ", ".join(x for x in [meeting.chair_name, chair_unit] if x)
    day = date_in_words(meeting.date)
    body: list = [
        f"Thời gian bắt đầu: {BLANK_CLOCK}, {day}.",
        f"Địa điểm: {meeting.place}.",
        Heading("I. THÀNH PHẦN"),
        f"Đơn vị thành viên dự họp: {len(present)}/{len(attendances)} đơn vị"
        + (f"; vắng: {', '.join(a.unit.name for a in absent)}." if absent else "."),
        Table(
            ["STT", "Đơn vị", "Có mặt", "Đại biểu dự"],
            [
                [str(i), a.unit.name, "Có" if a.present else "Vắng", a.delegates]
                for i, a in enumerate(attendances, start=1)
            ],
            widths_mm=[14, 66, 20, 55],
            align=["center", "left", "center", "left"],
        ),
    ]
    if meeting.guests.strip():
        body.append(f"Đại biểu khách mời: {meeting.guests.strip()}")
    body.append(f"Chủ trì: {chair or '(chưa ghi)'}.")
    body.append("Thư ký (người ghi biên bản): ……………………")
    body.append(Heading("II. NỘI DUNG"))
    body.extend(line.strip() for line in meeting.agenda.splitlines() if line.strip())
    if meeting.kind == MeetingKind.YEAR_END:
        results = locked_results(bloc)
        if results:
            body.append(Heading("Kết quả chấm điểm, xếp hạng"))
            body.append(
                Table(
                    ["Hạng", "Đơn vị", "Tự chấm", "Chấm chéo", "Tổng điểm"],
                    [
                        [
                            str(r.rank),
                            r.member.name,
                            _num(r.self_total),
                            _num(r.cross_total),
                            _num(r.final_total),
                        ]
                        for r in results
                    ],
                    widths_mm=[16, 64, 25, 25, 25],
                    align=["center", "left", "right", "right", "right"],
                )
            )
        tally = _tally_rows(bloc)
        if tally is not None:
            body.append(Heading("Kết quả bình xét, suy tôn"))
            body.append(f"Số đơn vị đã bỏ phiếu: {tally.voters}/{tally.total}.")
            body.append(
                Table(
                    ["STT", "Đơn vị", "Số phiếu"],
                    [
                        [str(i), unit.name, str(votes)]
                        for i, (unit, votes) in enumerate(tally.rows, start=1)
                    ],
                    widths_mm=[16, 99, 40],
                    align=["center", "left", "center"],
                )
            )
    body.append(Heading("III. KẾT LUẬN"))
    body.extend(line.strip() for line in meeting.conclusions.splitlines() if line.strip())
    body.append(f"Cuộc họp kết thúc vào {BLANK_CLOCK}, {day}./.")
    header = Header(
        issuer=bloc.name,
        superior=bloc.owner.name,
        number=number,
        place=place_of_bloc(bloc),
        date=meeting.date,
        symbol=f"{DocumentType.BB.value}-{bloc.abbreviation}",
        draft=not number,  # not numbered yet (a preview): DỰ THẢO, number left blank
        show_date=False,  # Mẫu 1.9: a biên bản has no place-date line
    )
    return official_document(
        header,
        f"{meeting.get_kind_display()} {bloc.name} năm {bloc.year}",
        body,
        Signature(lines=["CHỦ TỌA"], name=meeting.chair_name, note=chair_unit),
        ["Lưu: VT, Hồ sơ"],
        doc_type="BIÊN BẢN",
        end_mark=False,
        signature_left=Signature(lines=["THƯ KÝ"]),
    )


def _num(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def place_of_bloc(bloc: Bloc) -> str:
    return place_of(bloc.owner.name)


@transaction.atomic
def minutes_generate(actor, meeting: Meeting) -> Meeting:
    bloc = meeting.bloc
    require_bloc_head(actor, bloc)
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("minutes_number")
        .get(pk=meeting.pk)
    )
    before = audit.snapshot(meeting)
    if meeting.minutes_number is None:
        meeting.minutes_number = reserve_number_for(
            actor,
            issuer_key=bloc.issuer_key,
            issuer_abbreviation=bloc.abbreviation,
            issuer_name=bloc.name,
            unit=bloc.owner,
            doc_type=DocumentType.BB,
            on=meeting.date,
            title=f"Biên bản {meeting.get_kind_display().lower()} {bloc.name}",
            error=EmulationError,
        )
    data = minutes_docx(meeting, number=meeting.minutes_number.display)
    meeting.minutes_file = store_generated(
        data, f"Bien-ban-{meeting.minutes_number.seq:02d}-BB-{meeting.date:%Y%m%d}.docx", user=actor
    )
    meeting.save(update_fields=["minutes_number", "minutes_file", "updated_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        meeting,
        changes=audit.diff(before, audit.snapshot(meeting)),
        note="Tạo biên bản từ dữ liệu hội nghị",
        unit_id=bloc.owner_id,
    )
    return meeting


@transaction.atomic
def minutes_upload(actor, meeting: Meeting, upload) -> Meeting:
    bloc = meeting.bloc
    require_bloc_head(actor, bloc)
    try:
        stored = store_upload(upload, user=actor, allowed=MINUTES_TYPES)
    except FileRejected as exc:
        raise EmulationError(str(exc)) from exc
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("minutes_number")
        .get(pk=meeting.pk)
    )
    before = audit.snapshot(meeting)
    meeting.minutes_file = stored
    meeting.save(update_fields=["minutes_file", "updated_at"])
    number = meeting.minutes_number
    if number is not None and number.status == NumberStatus.RESERVED:
        issue_reserved(actor, number, meeting, on=meeting.date, error=EmulationError)
    audit.record(
        actor,
        AuditAction.UPDATE,
        meeting,
        changes=audit.diff(before, audit.snapshot(meeting)),
        note=f"Tải lên biên bản đã chỉnh sửa: {stored.original_name}",
        unit_id=bloc.owner_id,
    )
    return meeting
