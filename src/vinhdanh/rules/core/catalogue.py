"""The catalogue values the engine needs, as injectable data.

The Django side builds a `Catalogue` from its database (an administrator may add codes,
change thresholds or add a base salary); `defaults.CATALOGUE` holds CATALOGUE.md's values for
tests and for the command line when no database is present.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import MultipleRow

TITLE = "title"
FORM = "form"


@dataclass(frozen=True)
class CodeInfo:
    """A catalogue code: a title (danh hiệu) or a form (hình thức), and who may receive it."""

    group: str
    kinds: frozenset[str]
    name: str


@dataclass(frozen=True)
class Catalogue:
    codes: Mapping[str, CodeInfo]
    thresholds: Mapping[str, float]
    multiples: Mapping[str, tuple[Decimal | None, Decimal | None]]
    base_salaries: tuple[tuple[date, int], ...]
    # Every dated multiple (all periods); `multiples` above is the table of one date.
    multiple_rows: tuple[MultipleRow, ...] = ()
    # Every dated council vote threshold: (code, valid_from, share, citation). When given, a
    # verdict takes the row in force on its evaluation date, with its citation.
    threshold_rows: tuple[tuple[str, date, float, str], ...] = ()

    def threshold_on(self, code: str, on: date) -> tuple[float | None, str | None]:
        """(share, citation) of the vote threshold in force on `on`; the flat `thresholds`
        (no citation) when no dated rows are given."""
        if not self.threshold_rows:
            return self.thresholds.get(code), None
        best: tuple[str, date, float, str] | None = None
        for row in self.threshold_rows:
            if row[0] == code and row[1] <= on and (best is None or row[1] > best[1]):
                best = row
        return (best[2], best[3]) if best is not None else (None, None)

    def name(self, code: str) -> str:
        info = self.codes.get(code)
        return info.name if info is not None else code

    def is_title(self, code: str) -> bool:
        info = self.codes.get(code)
        return info is not None and info.group == TITLE
