"""A filled form as an .xlsx in the paper form's layout: the three-part heading (form number
and circular on the left, title and year in the centre, reporting and receiving unit on the
right), the merged column headings, the column-index row, the body and the signature block.

Written in openpyxl's normal mode (merged cells need it; a form is a few dozen rows). Every
text goes through ``core.exports.safe_text`` as a string cell, never a formula.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from vinhdanh.core.exports import safe_text, sheet_title

from .engine import Report
from .layout import header_grid, index_row, title_lines
from .statforms.base import GROUP, TOTAL

FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
HEAD_TOP = 1  # first row of the three-part heading
TABLE_TOP = 6  # first row of the column headings (wide forms; narrow ones start 2 lower)
NARROW = 6  # forms with this many columns or fewer stack the heading blocks
LABEL_WIDTH = 48  # column A
LABEL_CHARS = 52  # characters of 11 pt Times New Roman per line of column A, about


def _text(ws, row: int, col: int, value: str, *, bold=False, italic=False, size=12,
          align=CENTRE, border=None):  # fmt: skip
    cell = ws.cell(row=row, column=col)
    cell.value = safe_text(value)
    cell.data_type = "s"
    cell.font = Font(name=FONT, bold=bold, italic=italic, size=size)
    cell.alignment = align
    if border is not None:
        cell.border = border
    return cell


def _merge(ws, row: int, first: int, last: int, *, rows: int = 1) -> None:
    if last > first or rows > 1:
        ws.merge_cells(start_row=row, start_column=first, end_row=row + rows - 1, end_column=last)


def thirds(ncols: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    side = max(1, ncols // 3)
    return (1, side), (side + 1, ncols - side), (ncols - side + 1, ncols)


def write_report(path, report: Report, *, signer: str = "", preparer: str = "",
                 place: str = "") -> None:  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(report.form.number.split("/")[0])
    nlabels = len(report.form.label_heads)
    ncols = nlabels + len(report.columns)
    lines = title_lines(report)
    narrow = ncols <= NARROW
    if narrow:
        # Too few columns for three blocks side by side: the left and right blocks share
        # rows 1–3 (column A | the rest), the title is centred under them over the width.
        left, right, centre = (1, 1), (2, ncols), (1, ncols)
        centre_top, table_top = HEAD_TOP + 3, TABLE_TOP + 2
    else:
        left, centre, right = thirds(ncols)
        centre_top, table_top = HEAD_TOP, TABLE_TOP
    for i in range(3):
        row = HEAD_TOP + i
        if i < len(lines["left"]):
            _text(ws, row, left[0], lines["left"][i], bold=i == 0, size=10, align=LEFT)
            _merge(ws, row, *left)
        if i < len(lines["right"]):
            _text(ws, row, right[0], lines["right"][i], size=10, align=LEFT)
            _merge(ws, row, *right)
        if narrow:
            ws.row_dimensions[row].height = 28
    for i, text in enumerate(lines["centre"]):
        row = centre_top + i
        _text(ws, row, centre[0], text, bold=i < 2, size=12 if i else 13)
        _merge(ws, row, *centre)
        if not narrow and i == 0 and len(text) > 60:
            ws.row_dimensions[row].height = 34
    if report.form.measure:
        _text(ws, table_top - 1, right[0], report.form.measure, italic=True, size=10, align=RIGHT)
        _merge(ws, table_top - 1, *right)
    if narrow:
        ws.row_dimensions[centre_top].height = 34

    depth, cells = header_grid(report)
    for hc in cells:
        r, c = table_top + hc.row, hc.col + 1
        _text(ws, r, c, hc.text, bold=True, size=10, border=BOX)
        for rr in range(r, r + hc.rowspan):  # borders on every cell of the merged block
            for cc in range(c, c + hc.colspan):
                ws.cell(row=rr, column=cc).border = BOX
        _merge(ws, r, c, c + hc.colspan - 1, rows=hc.rowspan)
    index_at = table_top + depth
    for c, value in enumerate(index_row(report), start=1):
        _text(ws, index_at, c, value, italic=True, size=10, border=BOX)

    r = index_at
    for row in report.rows:
        r += 1
        bold = row.level in (TOTAL, GROUP)
        _text(ws, r, 1, row.printed_label, bold=bold, size=11, align=LEFT, border=BOX)
        lines = -(-len(row.printed_label) // LABEL_CHARS)  # spreadsheets do not grow rows
        if lines > 1:  # of wrapped text on their own everywhere (LibreOffice keeps 1 line)
            ws.row_dimensions[r].height = 15 * lines
        _text(ws, r, 2, row.code or "", size=11, border=BOX)
        if nlabels == 3:
            _text(ws, r, 3, row.unit, size=11, border=BOX)
        for i, col in enumerate(report.columns, start=nlabels + 1):
            cell = ws.cell(row=r, column=i)
            cell.border = BOX
            cell.alignment = CENTRE
            cell.font = Font(name=FONT, bold=bold, size=11)
            if row.has_figures:
                cell.value = report.cell(row.code, col.key)
                cell.number_format = "#,##0"

    r += 2
    footer_right = [
        (f"{place or '…'}, ngày … tháng … năm …", False, True),
        ("THỦ TRƯỞNG ĐƠN VỊ", True, False),
        ("(Ký, họ tên, đóng dấu)", False, True),
        ("", False, False),
        ("", False, False),
        ("", False, False),
        (signer, True, False),
    ]
    footer_left = [
        ("", False, False),
        ("NGƯỜI LẬP BIỂU", True, False),
        ("(Ký, họ tên)", False, True),
        ("", False, False),
        ("", False, False),
        ("", False, False),
        (preparer, True, False),
    ]
    for i, ((rt, rb, ri), (lt, lb, li)) in enumerate(zip(footer_right, footer_left, strict=True)):
        if rt:
            _text(ws, r + i, right[0], rt, bold=rb, italic=ri, size=11)
            _merge(ws, r + i, *right)
        if lt:
            _text(ws, r + i, left[0], lt, bold=lb, italic=li, size=11)
            _merge(ws, r + i, *left)

    widths = {1: LABEL_WIDTH, 2: 7, **({3: 12} if nlabels == 3 else {})}
    data_width = 12 if not narrow else max(12, (100 - sum(widths.values())) // len(report.columns))
    for i in range(nlabels + 1, ncols + 1):
        widths[i] = data_width
    for i, w in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = w
    # Heading rows tall enough for their wrapped text (bold 10 pt: about 1,1 characters per
    # unit of width; 13 points per line); a spreadsheet does not grow them by itself.
    heights = dict.fromkeys(range(depth), 30.0)
    for hc in cells:
        chars = sum(widths[c] for c in range(hc.col + 1, hc.col + hc.colspan + 1)) * 1.1
        lines = -(-len(hc.text) // max(int(chars), 1))
        need = (13 * lines + 6) / hc.rowspan
        for rr in range(hc.row, hc.row + hc.rowspan):
            heights[rr] = max(heights[rr], need)
    for level, height in heights.items():
        ws.row_dimensions[table_top + level].height = height
    ws.page_setup.orientation = "landscape" if ncols > 6 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{table_top}:{index_at}"
    wb.save(path)
