"""Excel files that open ready to use: ONE helper for every .xlsx the product writes.

Exports (``write_xlsx`` / ``xlsx_response``, streamed through openpyxl's write-only mode):

- rows 1–3: the report's name, the unit it is for, the date and time of export; row 4 blank;
  the header on row ``HEADER_ROW`` (5), frozen, with an autofilter over header and data;
- column widths from the content (header and the first ``WIDTH_SAMPLE`` rows);
- dates as real date cells shown dd/mm/yyyy (date-times dd/mm/yyyy hh:mm, local time);
- money columns (named in ``money``) as numbers with the format ``#,##0`` — Excel draws the
  thousands separator of the reader's locale, so a Vietnamese Excel shows 1.234.000 — and a
  bold “Tổng cộng” row under the data summing them;
- text that Excel (or a CSV re-save) could take for a formula — starting with ``=``, ``+``,
  ``-``, ``@``, tab or carriage return — is written as a string cell (data type ``s``) with a
  leading apostrophe (``safe_text``), never as a formula.

Import templates (``template_sheet``) keep the header on row 1 (the importers read it there)
but get the same frozen header, autofilter, widths, date and text formats, plus drop-down data
validation lists for codes.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from itertools import islice

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MONEY_FORMAT = "#,##0"  # the reader's locale draws the separator: 1.234.000 in Vietnamese
DECIMAL_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
TEMPLATE_ROWS = 1000  # rows of a template given the text format and the drop-downs
HEADER_ROW = 5  # title, unit, export date, blank, header
WIDTH_SAMPLE = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
TOTAL_LABEL = "Tổng cộng"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_START)


def safe_text(value: str) -> str:
    """Text that could be read as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def text_cell(ws, value: str, **style) -> WriteOnlyCell:
    """A string cell (data type ``s``) whatever the text: never a formula."""
    cell = WriteOnlyCell(ws)
    cell.value = safe_text(value)
    cell.data_type = "s"
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def sheet_title(title: str) -> str:
    return _BAD_TITLE.sub("-", title)[:31] or "Trang 1"


def _local(value: dt.datetime) -> dt.datetime:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return len(f"{value:,.0f}") + (3 if isinstance(value, Decimal | float) else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence]) -> list[float]:
    widths = [len(str(h)) for h in headers]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], _shown_length(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def unit_label(user) -> str:
    """The units the user works for (their role grants), for the title rows; one query."""
    if not getattr(user, "is_authenticated", False):
        return ""
    names = list(
        dict.fromkeys(
            user.role_grants.filter(unit__active_to__isnull=True)
            .order_by("unit__path")
            .values_list("unit__name", flat=True)
        )
    )
    if not names and user.is_superuser:
        return "Toàn hệ thống"
    return "; ".join(names)


def write_xlsx(path, title: str, headers: Sequence[str], rows: Iterable[Sequence], *,
               report: str = "", unit: str = "", money: Collection[str] = (),
               exported_at: dt.datetime | None = None) -> int:  # fmt: skip
    """Write one sheet named ``title`` (see the module docstring). ``report`` is the name in the
    first title row (default ``title``), ``unit`` the unit it is for, ``money`` the headers of
    the money columns (formatted and totalled). Returns the number of data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(title))
    rows = iter(rows)
    sample = [list(r) for r in islice(rows, WIDTH_SAMPLE)]
    ncols = len(headers)
    money_idx = {i for i, h in enumerate(headers) if h in money}
    for i, width in enumerate(column_widths(headers, sample), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    when = exported_at or timezone.localtime()
    ws.append([text_cell(ws, report or title, font=TITLE_FONT)])
    ws.append([text_cell(ws, f"Đơn vị: {unit}" if unit else "Đơn vị: —")])
    ws.append([text_cell(ws, f"Ngày xuất: {_local(when):%d/%m/%Y %H:%M}")])
    ws.append([])
    ws.append([text_cell(ws, str(h), font=BOLD) for h in headers])
    totals = {i: Decimal(0) for i in money_idx}
    count = 0

    def cells(row):
        out = []
        for i, value in enumerate(row):
            if value.__class__ is str:
                if value and value[0] in "=+-@\t\r":
                    out.append(text_cell(ws, value))
                else:
                    out.append(value)
            elif i in money_idx and value is not None and not isinstance(value, str | bool):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = MONEY_FORMAT
                totals[i] += Decimal(value)
                out.append(cell)
            elif isinstance(value, dt.datetime):
                cell = WriteOnlyCell(ws, value=_local(value))
                cell.number_format = DATETIME_FORMAT
                out.append(cell)
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            elif isinstance(value, Decimal):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DECIMAL_FORMAT
                out.append(cell)
            elif value is None or isinstance(value, int | float | bool):
                out.append(value)
            else:
                out.append(text_cell(ws, str(value)))
        return out

    for row in sample:
        ws.append(cells(row))
        count += 1
    for row in rows:
        ws.append(cells(row))
        count += 1
    last = get_column_letter(max(ncols, 1))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    if money_idx:
        label_col = min(set(range(ncols)) - money_idx, default=None)
        total_row = []
        for i in range(ncols):
            if i in money_idx:
                cell = WriteOnlyCell(ws, value=totals[i])
                cell.number_format = MONEY_FORMAT
                cell.font = BOLD
                total_row.append(cell)
            elif i == label_col:
                total_row.append(text_cell(ws, TOTAL_LABEL, font=BOLD))
            else:
                total_row.append(None)
        ws.append(total_row)
    wb.save(path)
    return count


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                  **options) -> FileResponse:  # fmt: skip
    """``write_xlsx`` into a temporary file, sent as a download (options: report, unit, money)."""
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to FileResponse, which closes it
    write_xlsx(tmp, title, headers, rows, **options)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


# --- import templates (normal mode: header on row 1) -----------------------------------------


def code_list(ws, formula: str, column: int, *, strict: bool = True, rows: int = TEMPLATE_ROWS,
              prompt: str = "") -> DataValidation:  # fmt: skip
    """A drop-down list on ``column`` (1-based) of a template sheet, rows 2..rows+1.

    ``formula`` is either ``'"Nam,Nữ"'`` (an inline list, under 255 characters) or a range such
    as ``"'Hướng dẫn'!$A$10:$A$40"``. ``strict`` refuses other values; otherwise Excel only
    warns (for columns that also accept a name instead of the code)."""
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,  # openpyxl's name: False SHOWS the in-cell arrow
        errorStyle="stop" if strict else "warning",
        error="Giá trị không có trong danh sách mã (xem trang “Hướng dẫn”).",
        errorTitle="Mã không hợp lệ",
        prompt=prompt or None,
        showErrorMessage=True,
        showInputMessage=bool(prompt),
    )
    letter = get_column_letter(column)
    dv.add(f"{letter}2:{letter}{rows + 1}")
    ws.add_data_validation(dv)
    return dv


def template_sheet(ws, headers: Sequence[str], examples: Sequence[Sequence] = (), *,
                   text_columns: Collection[int] = ()) -> None:  # fmt: skip
    """Header on row 1 (bold, frozen, autofilter), example rows, widths from the content, date
    cells dd/mm/yyyy, the ``text_columns`` (1-based) formatted as text so Excel keeps leading
    zeros, and every text written as a string cell (never a formula)."""
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col)
        cell.value = safe_text(str(header))
        cell.data_type = "s"
        cell.font = BOLD
    for r, row in enumerate(examples, start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                cell.value = safe_text(value)
                cell.data_type = "s"
            else:
                cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    for col in text_columns:  # the whole column (no empty cells created), and the examples
        ws.column_dimensions[get_column_letter(col)].number_format = TEXT_FORMAT
        for r in range(2, len(examples) + 2):
            ws.cell(row=r, column=col).number_format = TEXT_FORMAT
    for i, width in enumerate(column_widths(headers, examples), start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(width, 14)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{max(len(examples), 0) + 1}"
