"""Bloc minutes and the covenant pass the independent Nghị định 30 checker (checks/nd30)."""

import datetime as dt
import io

import pytest
from docx import Document

from tests.documents.nd30check_loader import assert_nd30
from vinhdanh.documents.docx import docx_text
from vinhdanh.emulation.enums import MeetingKind
from vinhdanh.emulation.services import covenants, meetings, reviews

pytestmark = pytest.mark.django_db

ITEMS = [
    "Hoàn thành 100% chỉ tiêu, nhiệm vụ được giao năm 2024.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số.",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _paras(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


def _covenant(khoi9, *, deputy=None):
    cov = covenants.covenant_save(
        khoi9.head_officer,
        khoi9.bloc,
        theme="Đoàn kết, sáng tạo",
        basis="Kế hoạch số 282/KH-UBND ngày 30/11/2023 của UBND Thành phố\n"
        "Quy chế hoạt động của Khối thi đua số 9",
        place="Sở Y tế Hà Nội",
        signed_on=dt.date(2024, 2, 5),
    )
    for text in ITEMS:
        covenants.item_add(khoi9.head_officer, cov, content=text)
    rows = {}
    for u in khoi9.members:
        position = "Phó Giám đốc" if u == deputy else "Giám đốc"
        rows[u.pk] = (f"Nguyễn Văn {u.abbreviation}", position)
    covenants.signatories_save(khoi9.head_officer, cov, rows)
    return cov


def test_signed_covenant_passes_the_checker(khoi9):
    cov = _covenant(khoi9, deputy=khoi9.syt)
    cov = covenants.covenant_sign(khoi9.head_officer, cov)
    data = covenants.covenant_docx(cov)
    warns = assert_nd30(data, "covenant")
    assert not warns  # no "Số:" line: giao ước has no listed type code (§4), none invented
    paras = _paras(data)
    assert "GIAO ƯỚC THI ĐUA" in paras and not any(p.startswith("Số:") for p in paras)
    assert cov.number.display == "01/GƯ-KTĐ9"  # the bloc's book still registers the signing
    assert "Hà Nội, ngày 05 tháng 02 năm 2024" in paras
    n = len(khoi9.members)
    text = docx_text(data)
    assert f"Giao ước này được lập thành {n + 1:02d} bản" in text
    assert f"mỗi đơn vị thành viên giữ 01 bản ({n:02d} bản), 01 bản gửi" in text
    basis = [p for p in paras if p.startswith("Căn cứ")]
    assert basis[0].endswith(";") and basis[-1].endswith(".")
    # one signature block per member unit head; a deputy signs KT.
    grid = Document(io.BytesIO(data)).tables[-1]
    cells = [c.text for row in grid.rows for c in row.cells if c.text.strip()]
    assert len(cells) == n
    syt = next(c for c in cells if c.startswith(khoi9.syt.name.upper()))
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in syt and f"Nguyễn Văn {khoi9.syt.abbreviation}" in syt


def test_unsigned_covenant_is_a_checked_draft(khoi9):
    data = covenants.covenant_docx(_covenant(khoi9))
    assert_nd30(data, "covenant", draft=True)
    paras = _paras(data)
    assert "DỰ THẢO" in paras
    assert not any(p.startswith("Số:") for p in paras)


def test_bloc_minutes_pass_the_checker(khoi9):
    attendance = {u.pk: (True, f"Đại diện {u.abbreviation}") for u in khoi9.members}
    attendance[khoi9.skhcn.pk] = (False, "")
    meeting = meetings.meeting_create(
        khoi9.head_officer,
        khoi9.bloc,
        attendance=attendance,
        kind=MeetingKind.MID_YEAR,
        date=dt.date(2024, 7, 12),
        place="Hội trường Sở Y tế",
        chair_unit=khoi9.svhtt,
        chair_name="Nguyễn Văn Khối",
        agenda="Sơ kết 6 tháng đầu năm.\nTriển khai nhiệm vụ 6 tháng cuối năm.",
        conclusions="Các đơn vị hoàn thành báo cáo trước 30/7/2024.",
    )
    meeting = meetings.minutes_generate(khoi9.head_officer, meeting)
    data = meeting.minutes_file.file.read()
    assert_nd30(data, "minutes")
    paras = _paras(data)
    assert "Số: 01/BB-KTĐ9" in paras and "BIÊN BẢN" in paras
    assert not [p for p in paras if p.startswith("Hà Nội, ngày")]  # Mẫu 1.9: no place-date
    assert "Cuộc họp kết thúc vào …… giờ ……, ngày 12 tháng 7 năm 2024./." in paras
    closing = Document(io.BytesIO(data)).tables[-1]
    left, right = (c.text for c in closing.rows[0].cells)
    assert left.startswith("THƯ KÝ") and right.startswith("CHỦ TỌA")
    assert "Nguyễn Văn Khối" in right and khoi9.svhtt.name in right
    assert paras[paras.index("Nơi nhận:") + 1] == "- Lưu: VT, Hồ sơ."


def test_period_review_draft_passes_the_checker(khoi9):
    review = reviews.review_create(
        khoi9.head_officer,
        bloc=khoi9.bloc,
        title="Báo cáo tổng kết công tác thi đua năm 2024",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
    )
    review = reviews.review_draft(khoi9.head_officer, review)
    data = review.draft_file.file.read()
    warns = assert_nd30(data, "review", draft=True)
    assert not [w for w in warns if w.rule == "review"]  # sections I.–IV. all there
    paras = _paras(data)
    assert "BÁO CÁO" in paras and "Tổng kết công tác thi đua năm 2024" in paras
    assert f"Kính gửi: {khoi9.bloc.owner.name}." in paras  # sent upward to the bloc's owner
    for head in ("I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "IV. KIẾN NGHỊ, ĐỀ XUẤT"):  # fmt: skip
        assert head in paras
    recipients = paras[paras.index("Nơi nhận:") + 1 :]
    assert recipients[0] == "- Như trên;" and recipients[2].startswith("- Lưu: VT, ")
    assert any(p.startswith("Số:") and p.endswith("/BC-KTĐ9") for p in paras)
