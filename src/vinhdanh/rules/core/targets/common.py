"""Check builders shared by several targets (five-year windows, prior forms, counts).

A window "[Y-4, Y]" is the five achievement years ending with Y (RULES.md). "Before Y-4"
means an achievement year of Y-5 or earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ..codes import HTT, HTXS, INITIATIVE_KIND_NAMES, SCOPE_NAMES, short_name, span, years_text
from ..history import Initiative
from ..registry import CheckFn, Message

if TYPE_CHECKING:
    from ..engine import Subject

LAW_FROM = date(2024, 1, 1)  # Luật Thi đua, khen thưởng 06/2022/QH15 in force
ND152_FROM = date(2025, 7, 1)  # Nghị định 152/2025/NĐ-CP replaces NĐ 98/2023
TT15_FROM = date(2025, 8, 5)  # Thông tư 15/2025/TT-BNV replaces TT 01/2024/TT-BNV [summary]

Params = Mapping[str, Any]


def initiatives_text(items: Iterable[Initiative]) -> str:
    """'sáng kiến cấp tỉnh 2024, đề tài khoa học cơ sở 2023' or 'không có'."""
    parts = [
        f"{INITIATIVE_KIND_NAMES.get(i.kind, i.kind)} {SCOPE_NAMES.get(i.scope, i.scope)} {i.year}"
        for i in items
    ]
    return ", ".join(parts) if parts else "không có"


def ratings_text(s: Subject, lo: int, hi: int) -> str:
    ratings = s.h.ratings
    return ", ".join(f"{t} {ratings.get(t) or 'chưa có xếp loại'}" for t in range(lo, hi + 1))


def prior_form(code: str) -> CheckFn:
    """Already holds `code` with an achievement year before Y-4 (i.e. Y-5 or earlier)."""
    name = short_name(code)

    def check(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
        years = sorted(s.h.years_of(code))
        met = bool(years) and years[0] <= y - 5
        return (
            met,
            lambda: (
                f"Cần đã được tặng {name} với năm thành tích trước {y - 4} (từ {y - 5} trở về "
                f"trước); hồ sơ có: {years_text(years)}."
            ),
        )

    return check


def ratings_window(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Every year in [Y-4, Y] rated HTT or better."""
    lo = y - 4
    rank = s.h.rank
    met = all(rank.get(t, 0) >= HTT for t in range(lo, y + 1))
    return (
        met,
        lambda: (
            f"Cần xếp loại từ HTT trở lên tất cả các năm {span(lo, y)}; hồ sơ: "
            f"{ratings_text(s, lo, y)}."
        ),
    )


def htxs_years(n: int) -> CheckFn:
    """At least `n` years rated HTXS in [Y-4, Y]."""

    def check(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
        lo = y - 4
        rank = s.h.rank
        years = [t for t in range(lo, y + 1) if rank.get(t, 0) >= HTXS]
        return (
            len(years) >= n,
            lambda: (
                f"Cần ít nhất {n} năm xếp loại HTXS trong {span(lo, y)}; hồ sơ có: {years_text(years)}."
            ),
        )

    return check


def cstdcs_in_window(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """CSTĐCS in at least 3 of the years [Y-4, Y] (Y may be found eligible in this run)."""
    lo = y - 4
    years, inferred = s.held_years("CSTDCS", lo, y)
    return (
        len(years) >= 3,
        lambda: (
            f"Cần CSTĐCS ít nhất 3 năm trong {span(lo, y)}; hồ sơ có {len(years)} năm: "
            f"{years_text(years, inferred)}."
        ),
    )


def held_text(state: int) -> str:
    if state == 1:
        return "đã có"
    if state == 2:
        return "chưa ghi nhận nhưng đủ điều kiện trong lần xét này"
    return "không có"
