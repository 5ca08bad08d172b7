"""The council minutes pass the independent Nghị định 30 checker (checks/nd30), Mẫu 1.9."""

import io

import pytest
from docx import Document

from tests.documents.nd30check_loader import assert_nd30
from vinhdanh.council import ballots
from vinhdanh.council.minutes import minutes_docx, minutes_generate
from vinhdanh.council.models import MemberRole, NomineeBallot
from vinhdanh.documents.docx import docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def vice_presides(session):
    """7 members, the chair absent (written vote); the vice-chair presides."""
    s = session(7, absent=1)
    s.members[1].role, s.members[1].position = MemberRole.SECRETARY, "Chuyên viên Ban Thi đua"
    s.members[1].save()
    s.members[2].role, s.members[2].position = MemberRole.VICE, "Giám đốc Sở Nội vụ"
    s.members[2].save()
    cstd = NomineeBallot.objects.get(meeting=s.meeting, nominee__honour_id="CSTD_TINH")
    ldtt = NomineeBallot.objects.get(meeting=s.meeting, nominee__honour_id="LDTT")
    ballots.record_written_vote(s.officer, cstd, s.members[0], True)
    for m in s.members[1:]:
        ballots.cast_vote(m.user, cstd, True)
        ballots.cast_vote(m.user, ldtt, m.pk != s.members[1].pk)
    ballots.meeting_close(s.officer, s.meeting)
    s.meeting = minutes_generate(s.officer, s.meeting)
    return s


def _paras(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


def test_minutes_pass_the_checker_with_a_vice_chair_presiding(vice_presides):
    data = vice_presides.meeting.minutes_file.file.read()
    assert_nd30(data, "minutes")
    text = docx_text(data)
    paras = _paras(data)
    # Mẫu 1.9: number …/BB-…, no place-date line
    assert "Số: 01/BB-HĐTĐKT" in paras
    assert not [p for p in paras if ", ngày " in p and p.split(",")[0] in ("Hà Nội", "Thành phố Hà Nội")]  # fmt: skip
    assert "BIÊN BẢN" in paras and any(p.startswith("Họp Hội đồng") and "xét" in p for p in paras)
    # the vice-chair presides and signs as CHỦ TỌA with their council title, never as chair
    assert "CHỦ TỌA" in paras and "THƯ KÝ" in paras and "CHỦ TỊCH HỘI ĐỒNG" not in paras
    vice = vice_presides.members[2]
    assert f"Chủ trì: {vice.full_name}, Phó Chủ tịch Hội đồng, Giám đốc Sở Nội vụ." in paras
    doc = Document(io.BytesIO(data))
    closing = doc.tables[-1]
    left, right = (c.text for c in closing.rows[0].cells)
    assert left.startswith("THƯ KÝ") and vice_presides.members[1].full_name in left
    assert (
        right.startswith("CHỦ TỌA") and "Phó Chủ tịch Hội đồng" in right and vice.full_name in right
    )
    # members: total, present, absent with the written vote
    assert "Tổng số thành viên Hội đồng: 7; có mặt: 6; vắng mặt: 1" in text
    assert "có phiếu biểu quyết bằng văn bản" in text
    # percentages of ALL members, decimal comma: An 7/7, Bình 5/7
    rows = [[c.text for c in r.cells] for r in doc.tables[-2].rows]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Nguyễn Văn An"][6:8] == ["7", "100,00 %"]
    assert by_name["Trần Thị Bình"][6:8] == ["5", "71,43 %"]
    assert [p for p in paras if p.startswith("Cuộc họp kết thúc vào ")][0].endswith("./.")
    assert paras[paras.index("Nơi nhận:") + 1] == "- Lưu: VT, Hồ sơ."


def test_minutes_before_numbering_are_a_draft(vice_presides):
    # the same meeting rendered without a number: DỰ THẢO, blank "Số:      /BB-HĐTĐKT"
    data = minutes_docx(vice_presides.meeting, number="")
    assert_nd30(data, "minutes", draft=True)
    paras = _paras(data)
    assert "DỰ THẢO" in paras
    assert any(p.startswith("Số:") and p.endswith("/BB-HĐTĐKT") for p in paras)
