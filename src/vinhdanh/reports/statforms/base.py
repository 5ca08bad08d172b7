"""A statutory form as data: rows, columns and checks, each a filter over named dimensions.

A form version (``FormVersion``) says which records it counts (its ``source``), how its rows
and columns cut them (``where``: dimension → allowed values; all must hold) and which totals
must agree (``checks``). The engine (``reports.engine``) fills every cell from one GROUP BY
query over the source: a cell is the number of records matching its row's and its column's
filters. A later circular's layout is a new ``FormVersion`` in data, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Row levels as printed: a total, a numbered group heading (no code, no figures), "-" level 1,
# "+" level 2, and "Trong đó:" (of-which) lines.
TOTAL, GROUP, L1, L2, OF = "total", "group", "-", "+", "of"


@dataclass(frozen=True)
class Row:
    code: str | None
    label: str
    level: str = L1
    unit: str = ""  # Đơn vị tính, where the form has that column
    where: dict[str, frozenset] = field(default_factory=dict)

    @property
    def has_figures(self) -> bool:
        return self.level != GROUP

    @property
    def printed_label(self) -> str:
        # Indented as on paper; the leading spaces also keep "-" and "+" from opening the text
        # (a spreadsheet would read "- …" or "+ …" as a formula).
        if self.level == L1:
            return f"  - {self.label}"
        if self.level == L2:
            return f"    + {self.label}"
        if self.level == OF:
            return f"Trong đó: {self.label}"
        return self.label


@dataclass(frozen=True)
class Column:
    key: str  # stable id used in URLs (drill-down) and checks
    index: str  # printed in the column-index row
    heads: tuple[str, ...]  # headings from the top level down to the leaf
    where: dict[str, frozenset] = field(default_factory=dict)


@dataclass(frozen=True)
class DynamicGroup:
    """Columns made from the honours actually counted (Biểu 0602 columns 2, 5 and 9): one
    pair (Tập thể, Cá nhân) per honour with ``stat_group``, in catalogue order."""

    stat_group: str
    index: str
    heads: tuple[str, ...]
    pair: tuple[tuple[str, str], ...] = (("collective", "Tập thể"), ("individual", "Cá nhân"))


@dataclass(frozen=True)
class Check:
    """Totals that must agree. ``kind``:

    - "rows": in every column, row ``total`` = the sum of ``parts`` (rows);
    - "cols": in every row, column ``total`` = the sum of ``parts`` (columns);
    - "le": in every column, row ``total`` ≤ row ``parts[0]``;
    - "zero": the cells of rows ``parts`` in columns whose subject is ``total`` are zero.
    """

    kind: str
    total: str
    parts: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class FormVersion:
    code: str  # "0601"
    number: str  # "0601.N/BNV-TĐKT"
    basis: str  # "TT02_2023"
    basis_text: str
    valid_from_year: int
    title: str
    source: str  # "movements" | "awards" | "organisations" | "officers"
    rows: tuple[Row, ...]
    columns: tuple[Column | DynamicGroup, ...]
    label_heads: tuple[str, ...] = ("", "Mã số")
    measure: str = ""  # "Đơn vị tính: Phong trào", printed right above the table
    deadline: str = "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"
    checks: tuple[Check, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)  # source parameters (stat groups)

    @property
    def has_unit_column(self) -> bool:
        return len(self.label_heads) == 3

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)


def fs(*values) -> frozenset:
    return frozenset(values)


def matches(where: dict[str, frozenset], dims: dict[str, Any]) -> bool:
    return all(dims.get(name) in allowed for name, allowed in where.items())
