"""Candidate lists as files: .xlsx (openpyxl write-only) and .docx (python-docx): a title,
the unit, the year, and one table per target (STT, Họ và tên, Đơn vị, Căn cứ)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from vinhdanh.core.exports import write_xlsx

from .candidates import Row, cyclic_gc_paused, grouped
from .enums import KIND_LABELS, STATUS_LABELS

XLSX_HEADERS = [
    "STT",
    "Danh hiệu, hình thức",
    "Đối tượng",
    "Họ và tên / Tên tập thể",
    "Đơn vị",
    "Kết quả",
    "Căn cứ",
    "Lý do",
]
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def title_for(year: int, status: str) -> str:
    if status == "eligible":
        return f"Danh sách đủ điều kiện khen thưởng năm {year}"
    if status:
        return f"Danh sách {STATUS_LABELS.get(status, status).lower()} năm {year}"
    return f"Kết quả xét điều kiện khen thưởng năm {year}"


def write_candidates_xlsx(path_or_file, rows: Sequence[Row], *, year: int, unit_name: str = "",
                          status: str = "eligible") -> int:  # fmt: skip
    def lines():
        for i, r in enumerate(rows, 1):
            yield [i, r.target_name, KIND_LABELS[r.kind], r.name, r.unit_name, r.status_label,
                   r.citations, r.reasons]  # fmt: skip

    # Reading each row's reasons builds its verdict: a bulk allocation like the run itself.
    with cyclic_gc_paused():
        return write_xlsx(path_or_file, f"Năm {year}", XLSX_HEADERS, lines(),
                          report=title_for(year, status), unit=unit_name)  # fmt: skip


def write_candidates_docx(path_or_file, rows: Sequence[Row], *, unit_name: str, year: int,
                          status: str = "eligible") -> int:  # fmt: skip
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title_for(year, status).upper())
    run.bold = True
    run.font.size = Pt(14)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"Đơn vị: {unit_name} — Năm xét: {year}").italic = True
    groups = grouped(rows)
    if not groups:
        doc.add_paragraph("Không có đối tượng nào phù hợp với điều kiện lọc.")
    for _code, target_name, items in groups:
        kinds = {r.kind for r in items}
        label = " và ".join(KIND_LABELS[k].lower() for k in sorted(kinds, reverse=True))
        doc.add_heading(f"{target_name} ({label}: {len(items)})", level=2)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        header = table.rows[0].cells
        for cell, text in zip(header, ("STT", "Họ và tên", "Đơn vị", "Căn cứ"), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for i, r in enumerate(items, 1):
            cells = table.add_row().cells
            cells[0].text = str(i)
            cells[1].text = r.name
            cells[2].text = r.unit_name
            cells[3].text = r.citations
        widths = (Cm(1.2), Cm(5), Cm(5), Cm(6))
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    doc.save(path_or_file)
    return len(rows)


def rows_json(rows: Sequence[Row]) -> str:
    return json.dumps(
        [
            {
                "kind": r.kind,
                "id": r.subject_id,
                "name": r.name,
                "unit": r.unit_name,
                "target": r.target,
                "target_name": r.target_name,
                "status": r.status,
                "citations": r.citations,
                "reasons": r.reasons,
            }  # fmt: skip
            for r in rows
        ],
        ensure_ascii=False,
        indent=1,
    )
