"""Downloadable templates: one sheet per data sheet (bold header, an example row) and a
"Hướng dẫn" sheet explaining every column and listing the allowed codes from the database."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from vinhdanh.catalogue.models import (
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    Rating,
)
from vinhdanh.orgs.enums import UnitLevel

from .enums import ImportKind
from .kinds.base import GUIDE_SHEET
from .pipeline import KINDS

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FILENAMES = {
    ImportKind.UNITS: "mau-nhap-don-vi.xlsx",
    ImportKind.PEOPLE: "mau-nhap-ca-nhan.xlsx",
    ImportKind.REGISTER: "mau-nhap-so-thi-dua-khen-thuong.xlsx",
}
GENERAL_RULES = [
    "Giữ nguyên dòng tiêu đề (dòng 1); có thể bỏ các cột không bắt buộc nhưng không thêm cột lạ.",
    "Ngày nhập theo dạng dd/mm/yyyy (ví dụ 05/09/2024) hoặc dùng ô kiểu ngày của Excel.",
    "Nhập lại cùng một tệp không tạo bản ghi trùng: dòng đã có sẽ được cập nhật hoặc giữ nguyên.",
    "Ô không bắt buộc để trống: giữ nguyên giá trị đang lưu.",
    "Số CCCD nên nhập dạng chữ (định dạng ô Text) để Excel không bỏ số 0 ở đầu.",
    "Trước khi ghi, hệ thống kiểm tra toàn bộ tệp và cho xem trước; chỉ ghi khi bạn bấm “Xác nhận nhập”.",
]


def _code_tables(kind: str) -> list[tuple[str, list[str], list[tuple]]]:
    """(title, headers, rows) with rows laid out as (code, note, name)."""
    two = ["Mã", "", "Tên"]
    if kind == ImportKind.UNITS:
        return [
            (
                "Cấp đơn vị (cột “Cấp”, nhập mã hoặc tên)",
                two,
                [(c, None, n) for c, n in UnitLevel.choices],
            )
        ]
    if kind == ImportKind.PEOPLE:
        return [
            ("Giới tính", ["Giá trị"], [("Nam",), ("Nữ",)]),
            ("Lãnh đạo, Lao động trực tiếp", ["Giá trị"], [("Có",), ("Không",)]),
        ]
    honours = [
        (
            h.code,
            ", ".join(
                w for w, ok in (("cá nhân", h.for_individual), ("tập thể", h.for_collective)) if ok
            ),
            h.name,
        )
        for h in Honour.objects.order_by("category", "position", "code")
    ]

    def rows(model):
        return [(c, None, n) for c, n in model.objects.values_list("pk", "name")]

    return [
        ("Xếp loại (trang “Xếp loại”)", two, rows(Rating)),
        (
            "Danh hiệu, hình thức (trang “Danh hiệu - Hình thức”)",
            ["Mã", "Dành cho", "Tên"],
            honours,
        ),
        ("Loại sáng kiến, đề tài (nhập mã hoặc tên)", two, rows(InitiativeKind)),
        ("Phạm vi ảnh hưởng (nhập mã hoặc tên)", two, rows(InitiativeScope)),
        ("Hình thức kỷ luật (nhập mã hoặc tên)", two, rows(DisciplineForm)),
    ]


def template_bytes(kind: str) -> bytes:
    module = KINDS[kind]
    wb = Workbook()
    wb.remove(wb.active)
    for spec in module.SHEETS:
        ws = wb.create_sheet(spec.name)
        for col, column in enumerate(spec.columns, start=1):
            cell = ws.cell(row=1, column=col, value=column.header)
            cell.font = BOLD
            example = ws.cell(row=2, column=col, value=column.example)
            if isinstance(column.example, dt.date):
                example.number_format = "DD/MM/YYYY"
            elif column.key in {"cccd", "subject"}:
                example.number_format = "@"
            ws.column_dimensions[get_column_letter(col)].width = max(14, len(column.header) + 4)
        ws.freeze_panes = "A2"

    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 34
    guide.column_dimensions["B"].width = 16
    guide.column_dimensions["C"].width = 90
    guide.append([f"Hướng dẫn nhập {ImportKind(kind).label.lower()} từ Excel"])
    guide["A1"].font = TITLE
    for rule in GENERAL_RULES:
        guide.append(["•", None, rule])
    for spec in module.SHEETS:
        guide.append([])
        guide.append([f"Trang “{spec.name}”", None, spec.description])
        guide.cell(row=guide.max_row, column=1).font = BOLD
        guide.append(["Cột", "Bắt buộc", "Cách nhập"])
        for cell in guide[guide.max_row]:
            cell.font = BOLD
        for column in spec.columns:
            guide.append([column.header, "Có" if column.required else "Không", column.help])
            guide.cell(row=guide.max_row, column=3).alignment = Alignment(wrap_text=True)
    for title, headers, rows in _code_tables(kind):
        guide.append([])
        guide.append([f"Bảng mã: {title}"])
        guide.cell(row=guide.max_row, column=1).font = BOLD
        guide.append(headers)
        for cell in guide[guide.max_row]:
            cell.font = BOLD
        for row in rows:
            guide.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
