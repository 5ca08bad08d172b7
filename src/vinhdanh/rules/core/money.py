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
