"""Reward money (tiền thưởng): multiples of the base salary, in whole đồng.

Nghị định 152/2025/NĐ-CP, Điều 50, 51, 54 (CATALOGUE.md "Reward money"): amount = multiple ×
base salary (lương cơ sở) in force on the decision date, rounded UP to the next 10.000 đồng;
a household receives 1,5 × the individual amount. Money is integers and `Decimal` only: a
float would turn 0,3 × 2.340.000 into 701.999,99… and round the wrong way.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from .codes import COLLECTIVE, HOUSEHOLD, INDIVIDUAL

ROUNDING_STEP = 10_000
HOUSEHOLD_FACTOR = Decimal("1.5")

MultipleTable = Mapping[str, tuple[Decimal | None, Decimal | None]]


@dataclass(frozen=True, slots=True)
class Reward:
    multiple: Decimal
    amount: int

    def to_dict(self) -> dict[str, float | int]:
        return {"multiple": float(self.multiple), "amount": self.amount}


def to_decimal(value: Decimal | int | str | float) -> Decimal:
    """Exact decimal for a multiple; a float goes through its shortest repr (0.3 → '0.3')."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_up(amount: Decimal | int, step: int = ROUNDING_STEP) -> int:
    """Round up to the next multiple of `step` đồng (an exact multiple stays as it is)."""
    quotient = (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(quotient) * step


def base_salary_on(day: date, salaries: Sequence[tuple[date, int]]) -> int:
    """The base salary in force on `day`: the entry with the latest start on or before it.

    Raises ValueError when `day` precedes every entry (no figure is known for it).
    """
    best: tuple[date, int] | None = None
    for start, amount in salaries:
        if start <= day and (best is None or start > best[0]):
            best = (start, amount)
    if best is None:
        raise ValueError(f"no base salary in force on {day.isoformat()}")
    return best[1]


def reward_amount(multiple: Decimal | int | str | float, base_salary: int) -> int:
    """multiple × base salary, rounded up to the next 10.000 đồng."""
    return round_up(to_decimal(multiple) * base_salary)


def household_amount(individual_amount: int) -> int:
    """1,5 × the individual amount, rounded up again to 10.000 đồng."""
    return round_up(HOUSEHOLD_FACTOR * individual_amount)


def multiple_for(code: str, kind: str, multiples: MultipleTable) -> Decimal | None:
    """The catalogue multiple for `code` and a subject kind (None when none is set).

    A household's multiple is the individual one times 1,5 (the amount is computed from the
    rounded individual amount, see `reward_for`).
    """
    pair = multiples.get(code)
    if pair is None:
        return None
    individual, collective = pair
    if kind == INDIVIDUAL:
        return individual
    if kind == COLLECTIVE:
        return collective
    if kind == HOUSEHOLD and individual is not None:
        return individual * HOUSEHOLD_FACTOR
    return None


def reward_for(
    code: str,
    kind: str,
    decision_date: date,
    *,
    multiples: MultipleTable,
    salaries: Sequence[tuple[date, int]],
) -> Reward | None:
    """Reward for one title/form conferred by a decision dated `decision_date`.

    None when the catalogue has no multiple for that code and kind. Raises ValueError when no
    base salary is known for the date.
    """
    multiple = multiple_for(code, kind, multiples)
    if multiple is None:
        return None
    base = base_salary_on(decision_date, salaries)
    if kind == HOUSEHOLD:
        individual = multiples[code][0]
        assert individual is not None  # multiple_for returned one, so it exists
        return Reward(multiple, household_amount(reward_amount(individual, base)))
    return Reward(multiple, reward_amount(multiple, base))


@dataclass(frozen=True, slots=True)
class Line:
    """One reward a person is due: `period` identifies the achievement (year or period)."""

    code: str
    period: Hashable
    amount: int
    is_title: bool


@dataclass(frozen=True, slots=True)
class Payout:
    paid: tuple[Line, ...]
    total: int


def payable(lines: Iterable[Line]) -> Payout:
    """What one person is actually paid (CATALOGUE.md, last paragraph of "Reward money").

    Several titles for the same period: only the highest title's money (the largest amount)
    is paid. A form of commendation is paid in addition to the title for the same
    achievement. The order of the input is kept in `paid`.
    """
    items = list(lines)
    best: dict[Hashable, int] = {}
    for index, line in enumerate(items):
        if line.is_title:
            current = best.get(line.period)
            if current is None or line.amount > items[current].amount:
                best[line.period] = index
    keep = set(best.values())
    paid = tuple(line for i, line in enumerate(items) if not line.is_title or i in keep)
    return Payout(paid, sum(line.amount for line in paid))


# -- dated multiples and refusals (CATALOGUE.md: "Money is never 0 and never guessed") ---------

ND152_LAPSE_CITATION = "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 1"


@dataclass(frozen=True, slots=True)
class MultipleRow:
    """One dated multiple: `kind` is INDIVIDUAL or COLLECTIVE (a household takes 1,5 × the
    individual amount); the row holds from `valid_from` to `valid_to` (None: open-ended) or to
    the day before a newer row of the same code and kind."""

    code: str
    kind: str
    valid_from: date
    multiple: Decimal
    citation: str
    valid_to: date | None = None


class MoneyError(ValueError):
    """A reward that cannot be computed. `missing` is "date", "multiple", "lapsed" or
    "base_salary"; `message` is Vietnamese and names what is missing and for which date."""

    def __init__(self, missing: str, message: str) -> None:
        super().__init__(message)
        self.missing = missing
        self.message = message


def _day(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def dated_multiple(code: str, kind: str, on: date, rows: Iterable[MultipleRow]) -> MultipleRow:
    """The row in force on `on` for `code` and `kind` (a household reads the individual row).

    Raises MoneyError when no row covers the date, or when the newest row ended before it
    (the text lapsed: an administrator must enter the table in force).
    """
    wanted = INDIVIDUAL if kind == HOUSEHOLD else kind
    best: MultipleRow | None = None
    for row in rows:
        if (
            row.code == code
            and row.kind == wanted
            and row.valid_from <= on
            and (best is None or row.valid_from > best.valid_from)
        ):
            best = row
    if best is None:
        raise MoneyError("multiple", "")
    if best.valid_to is not None and best.valid_to < on:
        raise MoneyError("lapsed", best.citation)
    return best


def compute_reward(
    code: str,
    kind: str,
    decision_date: date | None,
    *,
    rows: Iterable[MultipleRow],
    salaries: Sequence[tuple[date, int]],
    name: str | None = None,
) -> Reward:
    """multiple × base salary in force on the decision date, rounded up to 10.000 đ; a
    household 1,5 × the individual amount. Raises MoneyError naming the missing parameter:
    no decision date, no multiple for that date ("Chưa có hệ số tiền thưởng của Bằng khen cấp
    bộ, ban, ngành, tỉnh (cá nhân) áp dụng ngày 10/03/2025"), a lapsed table, no base salary."""
    label = f"{name or code} ({KIND_LABELS.get(kind, kind)})"
    if decision_date is None:
        raise MoneyError(
            "date", f"Chưa có ngày quyết định nên chưa tính được tiền thưởng của {label}."
        )
    try:
        row = dated_multiple(code, kind, decision_date, rows)
    except MoneyError as exc:
        if exc.missing == "lapsed":
            raise MoneyError(
                "lapsed",
                f"Chưa có hệ số tiền thưởng của {label} áp dụng ngày {_day(decision_date)}: "
                f"bảng hệ số theo {exc.message} đã hết hiệu lực ({ND152_LAPSE_CITATION}); quản "
                "trị hệ thống cần xác nhận bảng hệ số đang có hiệu lực (thêm dòng hệ số áp dụng "
                "từ ngày đó) trước khi tính tiền.",
            ) from None
        raise MoneyError(
            "multiple",
            f"Chưa có hệ số tiền thưởng của {label} áp dụng ngày {_day(decision_date)}.",
        ) from None
    try:
        base = base_salary_on(decision_date, salaries)
    except ValueError:
        raise MoneyError(
            "base_salary", f"Chưa có mức lương cơ sở áp dụng ngày {_day(decision_date)}."
        ) from None
    if kind == HOUSEHOLD:
        return Reward(
            row.multiple * HOUSEHOLD_FACTOR, household_amount(reward_amount(row.multiple, base))
        )
    return Reward(row.multiple, reward_amount(row.multiple, base))


KIND_LABELS = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể", HOUSEHOLD: "hộ gia đình"}


def rows_from_table(
    table: MultipleTable, valid_from: date, citation: str, valid_to: date | None = None
) -> tuple[MultipleRow, ...]:
    """Dated rows from a {code: (individual, collective)} table of one text."""
    rows = []
    for code, (individual, collective) in table.items():
        for kind, value in ((INDIVIDUAL, individual), (COLLECTIVE, collective)):
            if value is not None:
                rows.append(MultipleRow(code, kind, valid_from, value, citation, valid_to))
    return tuple(rows)


def table_on(
    rows: Iterable[MultipleRow], on: date
) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """The flat {code: (individual, collective)} table in force on `on` (lapsed rows left out)."""
    best: dict[tuple[str, str], MultipleRow] = {}
    for row in rows:
        if row.valid_from <= on:
            key = (row.code, row.kind)
            if key not in best or row.valid_from > best[key].valid_from:
                best[key] = row
    table: dict[str, list[Decimal | None]] = {}
    for (code, kind), row in best.items():
        if row.valid_to is not None and row.valid_to < on:
            continue
        pair = table.setdefault(code, [None, None])
        pair[0 if kind == INDIVIDUAL else 1] = row.multiple
    return {code: (p[0], p[1]) for code, p in table.items()}
