import io

import pytest
from django.urls import reverse
from docx import Document

from vinhdanh.council import ballots
from vinhdanh.council.enums import CouncilError
from vinhdanh.council.minutes import minutes_generate
from vinhdanh.council.models import MemberRole, NomineeBallot
from vinhdanh.documents.docx import docx_text

pytestmark = pytest.mark.django_db


def _cells(data: bytes) -> list[list[str]]:
    doc = Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


@pytest.fixture
def closed(session):
    s = session(5, absent=1)
    s.members[1].role = MemberRole.SECRETARY
    s.members[1].save()
    cstd = NomineeBallot.objects.get(meeting=s.meeting, nominee__honour_id="CSTD_TINH")
    ldtt = NomineeBallot.objects.get(meeting=s.meeting, nominee__honour_id="LDTT")
    ballots.record_written_vote(s.officer, cstd, s.members[0], True)
    for m in s.members[1:]:
        ballots.cast_vote(m.user, cstd, True)
        ballots.cast_vote(m.user, ldtt, m.pk != s.members[1].pk)
    ballots.meeting_close(s.officer, s.meeting)
    return s


def test_minutes_refused_before_close(session):
    s = session(3)
    with pytest.raises(CouncilError, match="sau khi kết thúc"):
        minutes_generate(s.officer, s.meeting)


def test_minutes_docx_has_attendance_and_tallies(closed, client, login):
    login(closed.officer)
    client.post(reverse("council:minutes_generate", args=[closed.meeting.pk]))
    closed.meeting.refresh_from_db()
    number = closed.meeting.minutes_number
    assert number.display == "01/BB-HĐTĐKT" and number.unit_id == closed.meeting.council.unit_id
    resp = client.get(reverse("council:minutes_download", args=[closed.meeting.pk]))
    data = b"".join(resp.streaming_content)
    text = docx_text(data)
    assert "01/BB-HĐTĐKT" in text and "BIÊN BẢN" in text.upper()
    rows = _cells(data)
    names = [r[1] for r in rows if len(r) == 5 and r[0].isdigit()]
    assert names[0] == closed.members[0].full_name  # chair first, then the rest by role
    assert names[-1] == closed.members[1].full_name  # secretary last
    absent = [r for r in rows if len(r) == 5 and r[1] == closed.members[0].full_name]
    assert absent and absent[0][4] == "Vắng, có phiếu văn bản"
    assert sum(1 for r in rows if len(r) == 5 and r[0].isdigit() and r[4] == "Có mặt") == 4
    tallies = {r[1]: r for r in rows if len(r) == 10}
    # issued (present + written), returned, valid, in favour, % of ALL members, threshold
    assert tallies["Nguyễn Văn An"][3:] == ["5", "5", "5", "5", "100,00 %", "≥ 90 %", "Đạt"]
    assert tallies["Trần Thị Bình"][3:] == ["4", "4", "4", "3", "60,00 %", "> 50 %", "Đạt"]
    # regenerating keeps the number
    client.post(reverse("council:minutes_generate", args=[closed.meeting.pk]))
    closed.meeting.refresh_from_db()
    assert closed.meeting.minutes_number_id == number.pk


def test_minutes_views_refuse_outsider_anonymous_roleless(closed, client, login, personas):
    closed.meeting = minutes_generate(closed.officer, closed.meeting)
    urls = [
        reverse("council:minutes_download", args=[closed.meeting.pk]),
        reverse("council:minutes_generate", args=[closed.meeting.pk]),
    ]
    assert client.get(urls[0]).status_code == 302
    assert client.post(urls[1]).status_code == 302
    login(personas.outsider)
    assert client.get(urls[0]).status_code == 404 and client.post(urls[1]).status_code == 404
    login(personas.nobody)
    assert client.get(urls[0]).status_code == 404 and client.post(urls[1]).status_code == 404
    login(personas.council_member)  # sees the council, may download but not regenerate
    assert client.get(urls[0]).status_code == 200
    before = closed.meeting.minutes_file_id
    assert client.post(urls[1]).status_code == 403
    closed.meeting.refresh_from_db()
    assert closed.meeting.minutes_file_id == before
