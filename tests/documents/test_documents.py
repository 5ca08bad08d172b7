"""The shared documents module: .docx layout read back, PDF via LibreOffice and WeasyPrint, words."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.shared import Mm
from pypdf import PdfReader

from vinhdanh.documents.docx import (
    LAYOUT,
    Header,
    Heading,
    NumberedList,
    Signature,
    SignatureGrid,
    Table,
    docx_text,
    official_document,
)
from vinhdanh.documents.pdf import DocumentError, docx_to_pdf, html_to_pdf, render_pdf, soffice_path
from vinhdanh.documents.vn import date_in_words, money_in_words

needs_soffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) chưa cài: make system-deps"
)


def _sample() -> bytes:
    return official_document(
        Header(
            issuer="Khối thi đua số 9",
            superior="UBND Thành phố Hà Nội",
            number="01/KH-KTĐ9",
            place="Hà Nội",
            date=dt.date(2024, 5, 21),
        ),
        "Kế hoạch tổ chức phong trào thi đua năm 2024",
        [
            Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            "Đẩy mạnh phong trào thi đua yêu nước trong các đơn vị thành viên.",
            NumberedList(["Hoàn thành chỉ tiêu được giao", "Cải cách hành chính"]),
            Table(
                ["STT", "Đơn vị", "Điểm"],
                [["1", "Sở Y tế", "98,50"], ["2", "Sở Giáo dục và Đào tạo", "97,00"]],
            ),
            SignatureGrid([Signature("Giám đốc", "Nguyễn Văn An", note="Sở Y tế")]),
        ],
        Signature("Trưởng khối", "Trần Thị Bình", on_behalf="TM. Khối thi đua số 9"),
        ["Ban Thi đua – Khen thưởng Thành phố", "Lưu: VT"],
        doc_type="Kế hoạch",
    )


def test_docx_header_number_date_and_tables_read_back():
    doc = Document(io.BytesIO(_sample()))
    header = doc.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert "UBND THÀNH PHỐ HÀ NỘI" in left and "KHỐI THI ĐUA SỐ 9" in left
    assert "Số: 01/KH-KTĐ9" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Hà Nội, ngày 21 tháng 5 năm 2024" in right
    # The issuer is bold, the date italic.
    issuer_runs = [
        r
        for p in header.rows[0].cells[0].paragraphs
        for r in p.runs
        if r.text == "KHỐI THI ĐUA SỐ 9"
    ]
    assert issuer_runs and issuer_runs[0].bold
    date_runs = [
        r for p in header.rows[0].cells[1].paragraphs for r in p.runs if "ngày 21" in r.text
    ]
    assert date_runs[0].italic
    grid = doc.tables[1]
    assert [c.text for c in grid.rows[2].cells] == ["2", "Sở Giáo dục và Đào tạo", "97,00"]
    text = docx_text(_sample())
    assert "KẾ HOẠCH" in text and "1. Hoàn thành chỉ tiêu được giao" in text
    assert "TM. KHỐI THI ĐUA SỐ 9" in text and "Trần Thị Bình" in text and "Nơi nhận:" in text
    assert "- Lưu: VT." in text


def test_docx_page_is_a4_with_decree_margins_and_times_new_roman():
    doc = Document(io.BytesIO(_sample()))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= doc.styles["Normal"].font.size.pt <= 14
    assert LAYOUT.font == "Times New Roman"


@needs_soffice
def test_docx_to_pdf_keeps_vietnamese_text():
    pdf = docx_to_pdf(_sample())
    assert pdf.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Số: 01/KH-KTĐ9" in flat
    assert "Sở Giáo dục và Đào tạo" in flat


def test_docx_to_pdf_without_libreoffice_says_so(monkeypatch):
    monkeypatch.setattr("vinhdanh.documents.pdf.soffice_path", lambda: None)
    with pytest.raises(DocumentError, match="LibreOffice"):
        docx_to_pdf(b"PK")


def test_weasyprint_pdf_text_reads_back():
    pdf = render_pdf(
        "documents/base_pdf.html",
        {
            "header": Header(issuer="Khối thi đua số 9", number="01/GƯ-KTĐ9"),
            "date_line": date_in_words(dt.date(2024, 1, 5), "Hà Nội"),
        },
    )
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "KHỐI THI ĐUA SỐ 9" in text
    assert "Số: 01/GƯ-KTĐ9" in text
    assert "Hà Nội, ngày 05 tháng 01 năm 2024" in text


def test_weasyprint_refuses_remote_urls():
    # A remote image is not fetched: WeasyPrint logs the refusal and renders without it.
    pdf = html_to_pdf('<p>Ảnh <img src="http://example.invalid/x.png"></p>')
    assert pdf.startswith(b"%PDF-")
    from vinhdanh.documents.pdf import _fetcher

    with pytest.raises(ValueError, match="disallowed protocol"):
        _fetcher()("https://example.com/font.woff")
    with pytest.raises(ValueError, match="ngoài thư mục"):
        _fetcher()("file:///etc/passwd")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1_000_000, "Một triệu đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (12_500_000_000, "Mười hai tỷ năm trăm triệu đồng"),
        (1_021, "Một nghìn không trăm hai mươi mốt đồng"),
        (1_000_000_005, "Một tỷ không trăm lẻ năm đồng"),
    ],
)
def test_money_in_words_cases(amount, words):
    assert money_in_words(amount) == words


def test_date_in_words_pads_small_days_and_first_months():
    assert date_in_words(dt.date(2024, 5, 21)) == "ngày 21 tháng 5 năm 2024"
    assert date_in_words(dt.date(2024, 2, 3), "Hà Nội") == "Hà Nội, ngày 03 tháng 02 năm 2024"
