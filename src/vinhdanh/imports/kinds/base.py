"""What every import kind shares: column specs, cell parsers, header matching, problems.

A kind declares its sheets as ``SheetSpec``s of ``Column``s (Vietnamese header, key, required,
parser). Parsers take a raw cell value from openpyxl (str, int, float, datetime, bool) and return
the clean value or raise ``CellError`` with a Vietnamese message. Headers are matched without
accents or case, so "Ma don vi" and "MÃ ĐƠN VỊ" both find "Mã đơn vị".
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from vinhdanh.core.text import fold

MAX_STORED_ERRORS = 10_000
PROGRESS_EVERY = 2_000
MIN_YEAR = 1945


class CellError(Exception):
    """A cell value that cannot be used; the message is shown to the user."""


class FileProblem(Exception):
    """The file as a whole cannot be read (not .xlsx, wrong columns): one message, nothing written."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: Callable[[Any], Any]
    required: bool = False
    help: str = ""
    example: Any = None


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    description: str = ""

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def header(self, key: str) -> str:
        return self.column(key).header


@dataclass
class Problems:
    """Problems found in a file, each with sheet, Excel row number and column header."""

    items: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0

    def add(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_STORED_ERRORS:
            self.items.append({"sheet": sheet, "row": row, "column": column, "message": message})


@dataclass
class Counts:
    create: int = 0
    update: int = 0
    unchanged: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "create": self.create,
            "update": self.update,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


class Scope:
    """The uploader's import scope (root unit paths, snapshot taken at upload)."""

    def __init__(self, roots: list[str]):
        self.roots = tuple(roots)
        self.everywhere = "" in self.roots

    def covers(self, path: str | None) -> bool:
        if path is None:
            return False
        return self.everywhere or any(path.startswith(r) for r in self.roots)


# ── cell parsers ─────────────────────────────────────────────────────────────────────────────


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime | dt.date):
            raise CellError("Cần nhập chữ, không phải ngày.")
        result = " ".join(str(value).split())
        if len(result) > max_length:
            raise CellError(f"Dài quá {max_length} ký tự.")
        return result

    return parse


def code(max_length: int) -> Callable[[Any], str]:
    inner = text(max_length)

    def parse(value: Any) -> str:
        return inner(value).replace(" ", "")

    return parse


def upper_code(max_length: int) -> Callable[[Any], str]:
    inner = code(max_length)

    def parse(value: Any) -> str:
        return inner(value).upper()

    return parse


def digits(value: Any) -> str:
    """A number typed as text or as a number (Excel drops leading zeros of numbers)."""
    if isinstance(value, bool):
        raise CellError("Cần nhập số.")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("Cần nhập số nguyên.")
        return str(int(value))
    return str(value).strip().replace(" ", "").replace(".", "")


def cccd(value: Any) -> str:
    raw = digits(value)
    if raw.isdigit() and 10 <= len(raw) < 12:
        # Typed as a number: Excel dropped the leading zeros of the province code (001–096).
        raw = raw.zfill(12)
    return raw


def integer(lo: int, hi: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        raw = digits(value)
        if not raw.isdigit():
            raise CellError("Cần nhập số nguyên.")
        number = int(raw)
        if not lo <= number <= hi:
            raise CellError(f"Phải từ {lo} đến {hi}.")
        return number

    return parse


def year(value: Any) -> int:
    raw = digits(value)
    if not raw.isdigit():
        raise CellError("Năm phải là số, ví dụ 2024.")
    number = int(raw)
    this_year = today().year
    if not MIN_YEAR <= number <= this_year:
        raise CellError(f"Năm {number} nằm ngoài khoảng {MIN_YEAR}–{this_year}.")
    return number


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


_today_cache: list = [0.0, None]


def today() -> dt.date:
    """Local date, re-read at most once a minute (called for every date cell)."""
    now = time.monotonic()
    if _today_cache[1] is None or now - _today_cache[0] > 60:
        _today_cache[0], _today_cache[1] = now, timezone.localdate()
    return _today_cache[1]


def date(*, allow_future: bool = False) -> Callable[[Any], dt.date]:
    cache: dict[str, dt.date] = {}  # text dates repeat a lot (birth days, hiring days)

    def parse(value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            result = value.date()
        elif isinstance(value, dt.date):
            result = value
        elif isinstance(value, str):
            result = cache.get(value)
            if result is None:
                result = _parse_text_date(value)
                if len(cache) > 100_000:
                    cache.clear()
                cache[value] = result
        else:
            raise CellError(f"Ngày “{value}” không đọc được; hãy nhập theo dạng dd/mm/yyyy.")
        if result.year < 1900:
            raise CellError(f"Ngày {result:%d/%m/%Y} quá xa trong quá khứ.")
        if not allow_future and result > today():
            raise CellError(f"Ngày {result:%d/%m/%Y} ở tương lai.")
        return result

    return parse


def _parse_text_date(value: str) -> dt.date:
    raw = value.strip()
    try:
        if (m := _DATE_TEXT.match(raw)) is not None:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _ISO_TEXT.match(raw)) is not None:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise CellError(f"Ngày “{raw}” không có thật.") from exc
    raise CellError(f"Ngày “{raw}” không đọc được; hãy nhập theo dạng dd/mm/yyyy.")


_YES = {"co", "x", "1", "true", "yes", "dung"}
_NO = {"khong", "0", "false", "no", "sai"}


_YES_NO_EXACT = {"Có": True, "Không": False, "có": True, "không": False}


def yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    exact = _YES_NO_EXACT.get(value) if isinstance(value, str) else None
    if exact is not None:
        return exact
    word = fold(str(value))
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"Chỉ nhận “Có” hoặc “Không”, không nhận “{value}”.")


def choice(options: dict[str, str], what: str) -> Callable[[Any], str]:
    """Accept a code or its Vietnamese label (accents and case ignored)."""
    lookup: dict[str, str] = {}
    for code_, label in options.items():
        lookup[fold(code_)] = code_
        lookup[fold(label)] = code_
    allowed = ", ".join(f"{c} ({label})" if c != label else c for c, label in options.items())

    exact = {**{c: c for c in options}, **{label: c for c, label in options.items()}}

    def parse(value: Any) -> str:
        found = exact.get(value) if isinstance(value, str) else None
        if found is None:
            found = lookup.get(fold(str(value)))
        if found is None:
            raise CellError(f"{what} “{value}” không hợp lệ; chỉ nhận: {allowed}.")
        return found

    return parse


# ── reading sheets ──────────────────────────────────────────────────────────────────────────


def _header_key(value: Any) -> str:
    return fold(str(value)).replace("*", "").strip() if value is not None else ""


def match_header(header_row: tuple, spec: SheetSpec) -> list[tuple[int, Column]]:
    """Map columns by header; raise FileProblem naming missing required and unknown columns."""
    wanted = {_header_key(c.header): c for c in spec.columns}
    mapping: list[tuple[int, Column]] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for idx, value in enumerate(header_row or ()):
        key = _header_key(value)
        if not key:
            continue
        column = wanted.get(key)
        if column is None:
            unknown.append(str(value).strip())
        elif column.key in seen:
            unknown.append(f"{str(value).strip()} (lặp lại)")
        else:
            seen.add(column.key)
            mapping.append((idx, column))
    missing = [c.header for c in spec.columns if c.required and c.key not in seen]
    parts = []
    if missing:
        parts.append("thiếu cột bắt buộc: " + ", ".join(f"“{h}”" for h in missing))
    if unknown:
        parts.append("có cột không nhận diện được: " + ", ".join(f"“{h}”" for h in unknown))
    if parts:
        raise FileProblem(
            f"Dòng tiêu đề của trang “{spec.name}” "
            + "; ".join(parts)
            + ". Hãy dùng tệp mẫu tải về từ trang nhập."
        )
    return mapping


def iter_rows(
    rows: Iterator[tuple],
    spec: SheetSpec,
    mapping: list[tuple[int, Column]],
    problems: Problems,
    counts: Counts,
) -> Iterator[tuple[int, dict[str, Any], bool]]:
    """Yield (Excel row number, parsed values, row ok) for every non-blank data row.

    Blank rows between data rows count as skipped; trailing blank rows are ignored.
    """
    pending_blank = 0
    sheet = spec.name
    for number, row in enumerate(rows, start=2):
        if not row or all(v is None or (v.__class__ is str and not v.strip()) for v in row):
            pending_blank += 1
            continue
        counts.skipped += pending_blank
        pending_blank = 0
        values: dict[str, Any] = {}
        ok = True
        width = len(row)
        for idx, column in mapping:
            value = row[idx] if idx < width else None
            if value is None or (value.__class__ is str and not value.strip()):
                values[column.key] = None
                if column.required:
                    problems.add(sheet, number, column.header, "Thiếu giá trị bắt buộc.")
                    ok = False
                continue
            try:
                values[column.key] = column.parse(value)
            except CellError as exc:
                values[column.key] = None
                problems.add(sheet, number, column.header, str(exc))
                ok = False
        yield number, values, ok


def json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class Context:
    """What a kind's validate/apply needs besides the rows: scope, sinks for problems and counts,
    the progress reporter (called every PROGRESS_EVERY rows, never per row) and the actor."""

    scope: Scope
    report: Callable[[int], None] = lambda done: None
    actor: Any = None
    note: str = ""
    problems: Problems = field(default_factory=Problems)
    counts: Counts = field(default_factory=Counts)
    sheets: dict[str, Counts] = field(default_factory=dict)
    done: int = 0
    # What a kind adds to the job's summary at check time (e.g. people's identity changes).
    extra: dict[str, Any] = field(default_factory=dict)
    # At apply time: the user confirmed the identity changes shown in the preview.
    identity_confirmed: bool = False
    # At apply time, called INSIDE each batch's transaction with the number of staged rows the
    # batch wrote: saves the job's checkpoint (and may raise to roll the batch back: the job was
    # cancelled, or another worker took it over).
    commit: Callable[[int], None] = lambda n: None

    def tick(self, n: int = 1) -> None:
        before = self.done
        self.done += n
        if self.done // PROGRESS_EVERY != before // PROGRESS_EVERY:
            self.report(self.done)

    def unit_error(self, code_: str) -> str:
        return f"Không tìm thấy đơn vị mã {code_} trong phạm vi của bạn."


class ApplyConflict(Exception):
    """The database changed between the check and the confirmation; nothing was written."""


GUIDE_SHEET = "Hướng dẫn"


def find_sheet(wb, spec: SheetSpec, *, fallback_first: bool):
    """The sheet named like ``spec.name`` (accents ignored); else, for one-sheet kinds, the first
    sheet that is not the guide."""
    wanted = fold(spec.name)
    for ws in wb.worksheets:
        if fold(ws.title) == wanted:
            return ws
    if fallback_first:
        for ws in wb.worksheets:
            if fold(ws.title) != fold(GUIDE_SHEET):
                return ws
    return None


def open_sheet(ws, spec: SheetSpec) -> tuple[Iterator[tuple], list[tuple[int, Column]]]:
    """Rows iterator positioned after the header, and the header mapping (FileProblem if wrong)."""
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or all(blank(v) for v in header):
        raise FileProblem(f"Trang “{ws.title}” không có dòng tiêu đề (dòng 1). Hãy dùng tệp mẫu.")
    return rows, match_header(header, spec)
