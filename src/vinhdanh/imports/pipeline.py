"""Reading an uploaded workbook: the file checks, the row estimate, the two phases.

Validation reads the workbook once with openpyxl (read_only, values_only) and stores the parsed,
checked rows as a small JSON file next to the upload; applying reads that JSON instead of
parsing the workbook a second time, and re-checks it against the database before writing.
"""

from __future__ import annotations

import json
import re
import zipfile
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from openpyxl import load_workbook

from vinhdanh.core.files import FileRejected, refuse_zip_bomb

from .enums import ImportKind
from .kinds import people, register, units
from .kinds.base import Context, FileProblem

KINDS = {ImportKind.UNITS: units, ImportKind.PEOPLE: people, ImportKind.REGISTER: register}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")
NOT_XLSX = "Tệp “{name}” không phải tệp Excel .xlsx hợp lệ ({why}). Hãy mở tệp bằng Excel và lưu lại dưới dạng “Excel Workbook (.xlsx)”."


def sniff(fp: IO[bytes], name: str) -> None:
    """Refuse what is not a zip container by its first bytes (the extension proves nothing)."""
    fp.seek(0)
    head = fp.read(8)
    fp.seek(0)
    if head.startswith(_OLE_MAGIC):
        raise FileProblem(NOT_XLSX.format(name=name, why="định dạng Excel 97–2003 .xls cũ"))
    if not head.startswith(_ZIP_MAGIC):
        raise FileProblem(NOT_XLSX.format(name=name, why="nội dung không phải bảng tính"))
    # Entry count and expansion ratio from the central directory, before openpyxl reads a byte.
    try:
        refuse_zip_bomb(fp, name)
    except FileRejected as exc:
        raise FileProblem(str(exc)) from exc


def estimate_rows(fp: IO[bytes]) -> int | None:
    """Data rows in all sheets, counted from the sheet XML without parsing cells (cheap).

    None when the file cannot be opened as a zip; the caller then treats the file as large.
    """
    try:
        fp.seek(0)
        with zipfile.ZipFile(fp) as zf:
            total = 0
            for info in zf.infolist():
                if not _SHEET_XML.match(info.filename):
                    continue
                rows, tail = 0, b""
                with zf.open(info) as sheet:
                    while chunk := sheet.read(1 << 20):
                        data = tail + chunk
                        rows += data.count(b"<row ") + data.count(b"<row>")
                        tail = data[-5:]
                        rows -= tail.count(b"<row ") + tail.count(b"<row>")
                    rows += tail.count(b"<row ") + tail.count(b"<row>")
                total += max(rows - 1, 0)
            return total
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    finally:
        fp.seek(0)


def open_workbook(fp: IO[bytes], name: str):
    sniff(fp, name)
    try:
        return load_workbook(fp, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken container
        raise FileProblem(
            NOT_XLSX.format(name=name, why="không đọc được cấu trúc bảng tính")
        ) from exc


def validate(kind: str, fp: IO[bytes], name: str, ctx: Context) -> dict[str, Any]:
    wb = open_workbook(fp, name)
    try:
        return KINDS[kind].validate(wb, ctx)
    finally:
        wb.close()


def apply(kind: str, staged: dict[str, Any], ctx: Context) -> None:
    KINDS[kind].apply(staged, ctx)


def _order(kind: str) -> list[str]:
    return [b.sheet.name for b in register.BOOKS] if kind == ImportKind.REGISTER else ["rows"]


def row_at(kind: str, staged: dict[str, Any], index: int) -> tuple[str, int | None]:
    """(sheet, Excel row number) of the ``index``-th staged row in writing order (0-based)."""
    for key in _order(kind):
        rows = staged.get(key) or []
        if index < len(rows):
            return ("" if key == "rows" else key), rows[index][0]
        index -= len(rows)
    return "", None


def remaining(kind: str, staged: dict[str, Any], skip: int) -> dict[str, Any]:
    """The staged rows after the first ``skip`` ones, in the order ``apply`` writes them (the
    rows of the batches a crashed or cancelled attempt already committed are left out)."""
    if skip <= 0:
        return staged
    result = dict(staged)
    for key in _order(kind):
        rows = staged.get(key) or []
        taken = min(skip, len(rows))
        result[key] = rows[taken:]
        skip -= taken
    return result


def staged_count(staged: dict[str, Any]) -> int:
    return sum(len(rows) for rows in staged.values())


def save_staged(job_pk: int, staged: dict[str, Any]) -> str:
    data = json.dumps(staged, ensure_ascii=False, separators=(",", ":")).encode()
    return default_storage.save(f"imports/staged/job-{job_pk}.json", ContentFile(data))


def load_staged(name: str) -> dict[str, Any]:
    with default_storage.open(name, "rb") as fp:
        return json.load(fp)


def drop_staged(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)
