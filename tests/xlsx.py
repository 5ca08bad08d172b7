"""Reading back the .xlsx files written by ``vinhdanh.core.exports``."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from vinhdanh.core.exports import HEADER_ROW, TOTAL_LABEL


def export_bytes(source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    if getattr(source, "streaming", False):
        return b"".join(source.streaming_content)
    return source.content


def export_book(source):
    return load_workbook(io.BytesIO(export_bytes(source)))


def export_rows(source) -> list[tuple]:
    """The header and the data rows of an export (title rows and the totals row left out)."""
    ws = export_book(source).active
    rows = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    if rows and len(rows) > 1 and TOTAL_LABEL in rows[-1]:
        rows = rows[:-1]
    return rows
