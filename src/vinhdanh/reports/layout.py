"""The printed layout of a form, shared by the on-screen preview and the .xlsx: the heading
block as merged cells (row and column spans), the column-index row and the body rows."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Report

INDEX_LETTERS = ("A", "B", "C")


@dataclass(frozen=True)
class HeadCell:
    text: str
    row: int  # 0-based within the heading block
    col: int  # 0-based over all columns (label columns first)
    rowspan: int = 1
    colspan: int = 1


def heads(report: Report) -> list[tuple[str, ...]]:
    labels = [(h,) for h in report.form.label_heads]
    return labels + [c.heads for c in report.columns]


def header_grid(report: Report) -> tuple[int, list[HeadCell]]:
    """(depth, cells): a heading shared by neighbouring columns is one merged cell; a heading
    with nothing under it runs down to the last heading row."""
    all_heads = heads(report)
    depth = max(len(h) for h in all_heads)
    cells: list[HeadCell] = []
    for level in range(depth):
        i = 0
        while i < len(all_heads):
            h = all_heads[i]
            if level >= len(h):
                i += 1
                continue
            if level == len(h) - 1:
                cells.append(HeadCell(h[level], level, i, rowspan=depth - level))
                i += 1
                continue
            prefix = h[: level + 1]
            j = i + 1
            while (
                j < len(all_heads)
                and len(all_heads[j]) > level + 1
                and all_heads[j][: level + 1] == prefix
            ):
                j += 1
            cells.append(HeadCell(h[level], level, i, colspan=j - i))
            i = j
    return depth, cells


def header_rows(report: Report) -> list[list[HeadCell]]:
    depth, cells = header_grid(report)
    return [[c for c in cells if c.row == r] for r in range(depth)]


def index_row(report: Report) -> list[str]:
    n = len(report.form.label_heads)
    return [*INDEX_LETTERS[:n], *(c.index for c in report.columns)]


def title_lines(report: Report) -> dict:
    form = report.form
    return {
        "left": [f"Biểu số: {form.number}", form.basis_text, form.deadline],
        "centre": [form.title, f"Năm {report.period.year}", f"({report.period.label})"],
        "right": [
            f"Đơn vị báo cáo: {report.unit.name}",
            f"Đơn vị nhận báo cáo: {report.receiving}",
        ],
    }
