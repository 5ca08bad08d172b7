"""Downloadable templates: one sheet per data sheet (bold header, an example row) and a
"Hướng dẫn" sheet explaining every column and listing the allowed codes from the database."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from vinhdanh.catalogue.models import (
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    Rating,
)
from vinhdanh.core.exports import code_list, safe_text, template_sheet
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


def _code_tables(kind: str) -> list[tuple[str, list[str], list[tuple], str | None]]:
    """(title, headers, rows, column key whose drop-down lists the codes) with rows laid out as
    (code, note, name)."""
    two = ["Mã", "", "Tên"]
    if kind == ImportKind.UNITS:
        return [
            (
                "Cấp đơn vị (cột “Cấp”, nhập mã hoặc tên)",
                two,
                [(c, None, n) for c, n in UnitLevel.choices],
                "level",
            )
        ]
    if kind == ImportKind.PEOPLE:
        return [
            ("Giới tính", ["Giá trị"], [("Nam",), ("Nữ",)], None),
            ("Lãnh đạo, Lao động trực tiếp", ["Giá trị"], [("Có",), ("Không",)], None),
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
        ("Xếp loại (trang “Xếp loại”)", two, rows(Rating), "rating_id"),
        (
            "Danh hiệu, hình thức (trang “Danh hiệu - Hình thức”)",
            ["Mã", "Dành cho", "Tên"],
            honours,
            "honour_id",
        ),
        ("Loại sáng kiến, đề tài (nhập mã hoặc tên)", two, rows(InitiativeKind), "kind_id"),
        ("Phạm vi ảnh hưởng (nhập mã hoặc tên)", two, rows(InitiativeScope), "scope_id"),
        ("Hình thức kỷ luật (nhập mã hoặc tên)", two, rows(DisciplineForm), "form_id"),
    ]


# Short fixed lists: an inline drop-down that refuses anything else.
INLINE_LISTS = {
    "gender": '"Nam,Nữ"',
    "is_leader": '"Có,Không"',
    "is_direct_worker": '"Có,Không"',
}
TEXT_KEYS = {"cccd", "subject"}


def _append(ws, values) -> None:
    """A row of the guide; catalogue names are data, so text is written as text (never a formula)."""
    ws.append([safe_text(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def template_bytes(kind: str) -> bytes:
    """The import template: one sheet per data sheet (header on row 1, an example row, frozen
    header, autofilter, widths, text format for CCCD, drop-down lists for codes), then the guide
    with the rules and the code tables the drop-downs point to."""
    module = KINDS[kind]
    wb = Workbook()
    wb.remove(wb.active)
    sheets = []
    for spec in module.SHEETS:
        ws = wb.create_sheet(spec.name)
        template_sheet(
            ws,
            [c.header for c in spec.columns],
            [[c.example for c in spec.columns]],
            text_columns=[i for i, c in enumerate(spec.columns, 1) if c.key in TEXT_KEYS],
        )
        sheets.append((ws, spec))

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
    ranges: dict[str, str] = {}
    for title, headers, rows, key in _code_tables(kind):
        guide.append([])
        guide.append([f"Bảng mã: {title}"])
        guide.cell(row=guide.max_row, column=1).font = BOLD
        guide.append(headers)
        for cell in guide[guide.max_row]:
            cell.font = BOLD
        first = guide.max_row + 1
        for row in rows:
            _append(guide, row)
        if key and rows:
            ranges[key] = f"'{GUIDE_SHEET}'!$A${first}:$A${guide.max_row}"
    for ws, spec in sheets:
        for col, column in enumerate(spec.columns, start=1):
            if column.key in INLINE_LISTS:
                code_list(ws, INLINE_LISTS[column.key], col, strict=True)
            elif column.key in ranges:
                # The column also takes the name: Excel warns but lets it through.
                code_list(ws, ranges[column.key], col, strict=False,
                          prompt="Chọn mã trong danh sách (hoặc nhập tên).")  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
