"""Excel exports of any list: streamed through openpyxl's write-only mode."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_xlsx(path, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write one sheet; dates get dd/mm/yyyy number formats. Returns the number of data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "DD/MM/YYYY"
                out.append(cell)
            elif isinstance(value, dt.datetime):
                cell = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
                cell.number_format = "DD/MM/YYYY HH:MM"
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
        count += 1
    wb.save(path)
    return count


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> FileResponse:
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to FileResponse, which closes it
    write_xlsx(tmp, title, headers, rows)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
