"""Meetings of a bloc: recording with attendance, minutes drafted as .docx from the data with a
BB number, the edited version uploaded in its place, scope and query counts."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from tests.files import PDF
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.documents.docx import docx_text
from vinhdanh.emulation.enums import MeetingKind, ScoringStatus
from vinhdanh.emulation.models import (
    Meeting,
    MeetingAttendance,
    RankingResult,
    ScoringTable,
)
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.services import meetings as services


@pytest.fixture(autouse=True)
def _media_and_hashers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, bloc, *args):
    return reverse(f"emulation:{name}", args=[bloc.pk, *args])


def _meeting(khoi9, kind=MeetingKind.MID_YEAR, date=dt.date(2024, 7, 12)):
    attendance = {u.pk: (True, f"Đại diện {u.abbreviation}") for u in khoi9.members}
    attendance[khoi9.skhcn.pk] = (False, "")
    return services.meeting_create(
        khoi9.head_officer,
        khoi9.bloc,
        attendance=attendance,
        kind=kind,
        date=date,
        place="Hội trường Sở Y tế, 4 Sơn Tây",
        chair_unit=khoi9.svhtt,
        chair_name="Nguyễn Văn Khối Phó",
        agenda="Sơ kết 6 tháng đầu năm.\nTriển khai nhiệm vụ 6 tháng cuối năm.",
        conclusions="Các đơn vị hoàn thành báo cáo trước 30/7/2024.",
        guests="Ban Thi đua – Khen thưởng Thành phố",
    )


def _form_data(khoi9, **over):
    data = {
        "kind": MeetingKind.COVENANT,
        "date": "15/02/2024",
        "place": "Sở Y tế Hà Nội",
        "chair_unit": khoi9.syt.pk,
        "chair_name": "Trần Văn Trưởng",
        "guests": "",
        "agenda": "Ký kết giao ước thi đua năm 2024",
        "conclusions": "Các đơn vị đã ký giao ước.",
    }
    for unit in khoi9.members:
        if unit != khoi9.sldtbxh:
            data[f"present_{unit.pk}"] = "on"
        data[f"delegates_{unit.pk}"] = f"Lãnh đạo {unit.abbreviation}"
    data.update(over)
    return data


# --- Recording ---------------------------------------------------------------------------------


def test_meeting_create_by_head_records_attendance_and_audit(login, khoi9):
    resp = login(khoi9.head_officer).post(_url("meeting_create", khoi9.bloc), _form_data(khoi9))
    meeting = Meeting.objects.get(bloc=khoi9.bloc)
    assert resp.status_code == 302 and resp.url == _url("meeting_detail", khoi9.bloc, meeting.pk)
    assert meeting.date == dt.date(2024, 2, 15) and meeting.chair_unit == khoi9.syt
    rows = {a.unit_id: (a.present, a.delegates) for a in meeting.attendances.all()}
    assert len(rows) == 5
    assert rows[khoi9.sldtbxh.pk] == (False, "Lãnh đạo SLĐTBXH")
    assert rows[khoi9.sgd.pk] == (True, "Lãnh đạo SGDĐT") or rows[khoi9.sgd.pk][0] is True
    entry = AuditEntry.objects.get(object_type="emulation.meeting", object_id=str(meeting.pk))
    assert entry.action == "create" and "Sở Y tế" in entry.note


def test_meeting_create_invalid_keeps_input(login, khoi9):
    resp = login(khoi9.head_officer).post(
        _url("meeting_create", khoi9.bloc), _form_data(khoi9, date="31/02/2024")
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    assert "Lãnh đạo SGDĐT" in html and "Ký kết giao ước thi đua năm 2024" in html
    assert not Meeting.objects.exists()


def test_meeting_chair_outside_bloc_refused(khoi9):
    with pytest.raises(EmulationError, match="thành viên của khối"):
        services.meeting_create(
            khoi9.head_officer, khoi9.bloc, attendance={}, kind=MeetingKind.LAUNCH,
            date=dt.date(2024, 1, 10), place="X", chair_unit=khoi9.sxd,
        )  # fmt: skip


def test_meeting_edit_changes_attendance_audited(login, khoi9):
    meeting = _meeting(khoi9)
    data = _form_data(khoi9, kind=MeetingKind.MID_YEAR, place="Sở Văn hóa và Thể thao")
    resp = login(khoi9.head_officer).post(_url("meeting_edit", khoi9.bloc, meeting.pk), data)
    assert resp.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Sở Văn hóa và Thể thao"
    assert MeetingAttendance.objects.get(meeting=meeting, unit=khoi9.skhcn).present is True
    entry = AuditEntry.objects.filter(object_type="emulation.meeting", action="update").latest("pk")
    assert "place" in entry.changes and "attendance" in entry.changes


def test_member_officer_views_but_cannot_manage(login, khoi9):
    meeting = _meeting(khoi9)
    client = login(khoi9.sgd_officer)
    resp = client.get(_url("meeting_list", khoi9.bloc))
    assert resp.status_code == 200 and "Hội trường Sở Y tế" in resp.content.decode()
    assert "Ghi hội nghị mới" not in resp.content.decode()
    assert client.get(_url("meeting_create", khoi9.bloc)).status_code == 403
    assert (
        client.post(_url("meeting_edit", khoi9.bloc, meeting.pk), _form_data(khoi9)).status_code
        == 403
    )
    assert client.post(_url("meeting_minutes_generate", khoi9.bloc, meeting.pk)).status_code == 403
    meeting.refresh_from_db()
    assert meeting.minutes_file_id is None and meeting.place.startswith("Hội trường")
    with pytest.raises(EmulationError):
        services.minutes_generate(khoi9.sgd_officer, meeting)


# --- Minutes -----------------------------------------------------------------------------------


def test_minutes_generated_with_number_attendance_and_content(login, khoi9):
    meeting = _meeting(khoi9)
    resp = login(khoi9.head_officer).post(_url("meeting_minutes_generate", khoi9.bloc, meeting.pk))
    assert resp.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_number.display == "01/BB-KTĐ9"
    assert meeting.minutes_number.status == NumberStatus.RESERVED
    download = login(khoi9.sgd_officer).get(
        _url("meeting_minutes_download", khoi9.bloc, meeting.pk)
    )
    data = b"".join(download.streaming_content)
    doc = Document(io.BytesIO(data))
    assert "Số: 01/BB-KTĐ9" in doc.tables[0].rows[0].cells[0].text
    assert "ngày 12 tháng 7 năm 2024" not in doc.tables[0].rows[0].cells[1].text  # Mẫu 1.9
    text = docx_text(data)
    assert "BIÊN BẢN" in text and "Sơ kết 6 tháng" in text
    for unit in khoi9.members:
        assert unit.name in text
    assert "Đại diện SYT" in text and "Vắng" in text
    assert "Các đơn vị hoàn thành báo cáo trước 30/7/2024." in text
    assert "Thời gian bắt đầu: …… giờ ……, ngày 12 tháng 7 năm 2024." in text
    assert "Nguyễn Văn Khối Phó" in text and "Đơn vị thành viên dự họp: 4/5 đơn vị; vắng: " in text
    # A second draft keeps the number; no new number is taken.
    services.minutes_generate(khoi9.head_officer, meeting)
    assert DocumentNumber.objects.filter(doc_type="BB").count() == 1
    assert (
        AuditEntry.objects.filter(
            object_type="emulation.meeting", note="Tạo biên bản từ dữ liệu hội nghị"
        ).count()
        == 2
    )


def _locked_ranking(khoi9):
    table = ScoringTable.objects.create(
        bloc=khoi9.bloc, name="Bảng điểm 2024", status=ScoringStatus.LOCKED
    )
    for rank, unit in enumerate([khoi9.svhtt, khoi9.syt], start=1):
        RankingResult.objects.create(
            table=table, member=unit, rank=rank, self_total=Decimal("98"),
            cross_total=Decimal("97.5") - rank, final_total=Decimal("97.5") - rank,
        )  # fmt: skip


def test_year_end_minutes_carry_ranking(khoi9):
    _locked_ranking(khoi9)
    meeting = _meeting(khoi9, kind=MeetingKind.YEAR_END, date=dt.date(2024, 12, 20))
    text = docx_text(services.minutes_docx(meeting, number="02/BB-KTĐ9"))
    assert "Kết quả chấm điểm, xếp hạng" in text and "96,50" in text
    mid_year = _meeting(khoi9, kind=MeetingKind.MID_YEAR)
    assert "Kết quả chấm điểm" not in docx_text(services.minutes_docx(mid_year))


def test_year_end_minutes_carry_acclaim_tally(khoi9):
    pytest.importorskip(
        "vinhdanh.emulation.selectors.acclaim", reason="khu bình xét, suy tôn chưa có"
    )
    from vinhdanh.emulation.models import AcclaimBallot, AcclaimChoice, AcclaimVoter

    _locked_ranking(khoi9)
    ballot = AcclaimBallot.objects.create(bloc=khoi9.bloc, status="closed")
    for unit in khoi9.members:
        AcclaimVoter.objects.create(ballot=ballot, member=unit)
        AcclaimChoice.objects.create(id=uuid.uuid4(), ballot=ballot, candidate=khoi9.svhtt)
    meeting = _meeting(khoi9, kind=MeetingKind.YEAR_END, date=dt.date(2024, 12, 20))
    text = docx_text(services.minutes_docx(meeting, number="02/BB-KTĐ9"))
    assert "Kết quả bình xét, suy tôn" in text and "Số đơn vị đã bỏ phiếu: 5/5." in text
    rows = text.split("Kết quả bình xét, suy tôn", 1)[1]
    assert rows.index("Sở Văn hóa và Thể thao\n5") < rows.index("Sở Y tế\n0")


def test_minutes_upload_replaces_file_keeps_old_in_audit_and_issues_number(login, khoi9):
    meeting = services.minutes_generate(khoi9.head_officer, _meeting(khoi9))
    old_file = meeting.minutes_file_id
    client = login(khoi9.head_officer)
    resp = client.post(
        _url("meeting_minutes_upload", khoi9.bloc, meeting.pk),
        {"upload": bytes_upload(PDF, "bien-ban-da-ky.pdf")},
    )
    assert resp.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_file.original_name == "bien-ban-da-ky.pdf"
    assert meeting.minutes_number.status == NumberStatus.ISSUED
    entry = AuditEntry.objects.filter(object_type="emulation.meeting").latest("pk")
    assert entry.changes["minutes_file"] == [old_file, meeting.minutes_file_id]


def test_minutes_upload_of_non_docx_refused(login, khoi9):
    meeting = services.minutes_generate(khoi9.head_officer, _meeting(khoi9))
    before = meeting.minutes_file_id
    resp = login(khoi9.head_officer).post(
        _url("meeting_minutes_upload", khoi9.bloc, meeting.pk),
        {"upload": bytes_upload(b"MZ\x90\x00 not a document", "bien-ban.exe")},
    )
    assert resp.status_code == 422 and "không đúng loại" in resp.content.decode()
    resp = login(khoi9.head_officer).post(
        _url("meeting_minutes_upload", khoi9.bloc, meeting.pk),
        {"upload": bytes_upload("<html>giả</html>".encode(), "bien-ban.docx")},
    )
    assert resp.status_code == 422
    meeting.refresh_from_db()
    assert meeting.minutes_file_id == before


# --- Scope -------------------------------------------------------------------------------------


def _all_urls(khoi9, meeting):
    return [
        ("get", _url("meeting_list", khoi9.bloc)),
        ("get", _url("meeting_create", khoi9.bloc)),
        ("get", _url("meeting_detail", khoi9.bloc, meeting.pk)),
        ("get", _url("meeting_edit", khoi9.bloc, meeting.pk)),
        ("post", _url("meeting_minutes_generate", khoi9.bloc, meeting.pk)),
        ("post", _url("meeting_minutes_upload", khoi9.bloc, meeting.pk)),
        ("get", _url("meeting_minutes_download", khoi9.bloc, meeting.pk)),
    ]


def test_other_bloc_officer_gets_404_everywhere(login, khoi9):
    meeting = services.minutes_generate(khoi9.head_officer, _meeting(khoi9))
    client = login(khoi9.other_bloc_officer)
    for method, url in _all_urls(khoi9, meeting):
        assert getattr(client, method)(url).status_code == 404, url
    meeting.refresh_from_db()
    assert DocumentNumber.objects.count() == 1


def test_outsider_and_anonymous_refused(client, login, khoi9, personas):
    meeting = services.minutes_generate(khoi9.head_officer, _meeting(khoi9))
    for method, url in _all_urls(khoi9, meeting):
        resp = getattr(client, method)(url)
        assert resp.status_code == 302 and "next=" in resp.url, url
    outsider = login(personas.outsider)
    for method, url in _all_urls(khoi9, meeting):
        assert getattr(outsider, method)(url).status_code == 404, url


def test_meeting_list_query_count_constant(
    login, khoi9, django_assert_num_queries, django_assert_max_num_queries
):
    client = login(khoi9.sgd_officer)
    _meeting(khoi9)
    client.get(_url("meeting_list", khoi9.bloc))  # warm caches (session, scopes)
    with django_assert_max_num_queries(100) as ctx:
        client.get(_url("meeting_list", khoi9.bloc))
    few = len(ctx.captured_queries)
    for day in range(1, 8):
        services.minutes_generate(khoi9.head_officer, _meeting(khoi9, date=dt.date(2024, 3, day)))
    with django_assert_num_queries(few):
        resp = client.get(_url("meeting_list", khoi9.bloc))
    assert resp.content.decode().count("BB-KTĐ9") == 7
