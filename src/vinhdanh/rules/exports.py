"""Candidate lists as files: .xlsx (openpyxl write-only) and .docx (python-docx): a title,
the unit, the year, and one table per target (STT, Họ và tên, Đơn vị, Căn cứ)."""

from __future__ import annotations

import json
from collections.abc import Sequence

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


def write_candidates_xlsx(path_or_file, rows: Sequence[Row], *, year: int) -> int:
    def lines():
        for i, r in enumerate(rows, 1):
            yield [i, r.target_name, KIND_LABELS[r.kind], r.name, r.unit_name, r.status_label,
                   r.citations, r.reasons]  # fmt: skip

    # Reading each row's reasons builds its verdict: a bulk allocation like the run itself.
    with cyclic_gc_paused():
        return write_xlsx(path_or_file, f"Năm {year}", XLSX_HEADERS, lines())


def write_candidates_docx(path_or_file, rows: Sequence[Row], *, unit_name: str, year: int,
                          status: str = "eligible", unit=None, on=None) -> int:  # fmt: skip
    """The candidate list on the Nghị định 30 layer (documents.docx): the unit's head block
    without a number (a working list, not an issued text), the title, one table per target
    within the text width (header row repeated, rows never split)."""
    from django.utils import timezone

    from vinhdanh.documents.docx import Header, Heading, Para, Table, official_document
    from vinhdanh.documents.vn import place_for_unit

    superior = ""
    if unit is not None and unit.parent_id:
        superior = unit.parent.name.upper()
    body: list = [
        Para(f"Đơn vị: {unit_name}. Năm xét: {year}.", italic=True, align="center", indent=False)
    ]
    groups = grouped(rows)
    if not groups:
        body.append("Không có đối tượng nào phù hợp với điều kiện lọc.")
    for n, (_code, target_name, items) in enumerate(groups, 1):
        kinds = {r.kind for r in items}
        label = " và ".join(KIND_LABELS[k].lower() for k in sorted(kinds, reverse=True))
        body.append(Heading(f"{n}. {target_name} ({label}: {len(items):02d})"))
        body.append(
            Table(
                ["STT", "Họ và tên / Tên tập thể", "Đơn vị", "Căn cứ"],
                [[str(i), r.name, r.unit_name, r.citations] for i, r in enumerate(items, 1)],
                widths_mm=[12, 45, 45, 53],
                align=["center", "left", "left", "left"],
                size=12,
            )
        )
    data = official_document(
        Header(
            issuer=unit_name.upper(),
            superior=superior,
            place=place_for_unit(unit) if unit is not None else "",
            date=on or timezone.localdate(),
            show_number=False,
        ),
        title_for(year, status).upper(),
        body,
        None,
        [],
        doc_type="",
    )
    if hasattr(path_or_file, "write"):
        path_or_file.write(data)
    else:
        with open(path_or_file, "wb") as out:
            out.write(data)
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
