"""Reward money of a decision's lines through the engine's money functions (CATALOGUE.md
"Reward money"): the multiple and the base salary in force on the decision date, rounded up to
10.000 đ; households 1,5 ×; several titles of one subject for the same year: only the highest
is paid (the others keep their multiple and show 0 đ).

Money is never 0 and never guessed: a line whose multiple or base salary is missing for the
date (e.g. a Bằng khen dated before 01/7/2025, anything dated before 01/01/2024, or from
01/3/2027 when NĐ 152/2025 has lapsed) gets amount None and a message naming the line and the
missing parameter (`uncomputable_lines`); 0 đ is only for an honour that carries no money
(`Honour.carries_money`) or a lower title of the same period. A draft without a date is
previewed on today's date; the issue recomputes on the decision's date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from vinhdanh.catalogue.enums import HonourCategory
from vinhdanh.catalogue.models import BaseSalary
from vinhdanh.catalogue.selectors import multiple_rows
from vinhdanh.rules.core.money import Line, MoneyError, compute_reward, payable

from .models import Decision, DecisionLine


@dataclass
class _Result:
    multiple: object = None
    base_salary: int | None = None
    amount: int | None = None
    error: str | None = None


def _lines(decision: Decision) -> list[DecisionLine]:
    return list(decision.lines.select_related("honour").order_by("position"))


def _compute(decision: Decision, lines: list[DecisionLine]) -> list[_Result]:
    """One result per line (two queries: the dated multiples and the base salaries)."""
    on = decision.date or timezone.localdate()
    rows = multiple_rows()
    salaries = tuple(BaseSalary.objects.order_by("valid_from").values_list("valid_from", "amount"))
    results: list[_Result] = []
    by_subject: dict[tuple, list[tuple[int, Line]]] = {}
    for i, ln in enumerate(lines):
        result = _Result()
        results.append(result)
        if ln.revoked or not ln.honour.carries_money:
            result.amount = 0
            continue
        try:
            reward = compute_reward(
                ln.honour_id,
                ln.subject_kind,
                on,
                rows=rows,
                salaries=salaries,
                name=ln.honour.name,
            )
        except MoneyError as exc:
            result.error = f"STT {ln.position}, {ln.name}, {ln.honour.name}: {exc.message}"
            continue
        result.multiple = reward.multiple
        result.base_salary = _salary_on(on, salaries)
        result.amount = reward.amount
        subject = (ln.person_id, ln.unit_id, "" if ln.person_id or ln.unit_id else ln.name)
        line = Line(
            code=ln.honour_id,
            period=ln.achievement_year,
            amount=reward.amount,
            is_title=ln.honour.category == HonourCategory.TITLE,
        )
        by_subject.setdefault(subject, []).append((i, line))
    for items in by_subject.values():
        paid_ids = {id(p) for p in payable(line for _i, line in items).paid}
        for i, line in items:
            if id(line) not in paid_ids:
                results[i].amount = 0  # a lower title of the same period (NĐ 152/2025 Điều 49)
    return results


def _salary_on(on, salaries) -> int | None:
    best = None
    for start, amount in salaries:
        if start <= on:
            best = amount
    return best


def recompute(decision: Decision, lines: list[DecisionLine] | None = None) -> int:
    """Set multiple, base salary and amount on every line and the decision's total (the sum
    of the computable lines; `uncomputable_lines` says which are not)."""
    if lines is None:
        lines = _lines(decision)
    results = _compute(decision, lines)
    total = 0
    for ln, result in zip(lines, results, strict=True):
        ln.multiple = result.multiple
        ln.base_salary = result.base_salary
        ln.amount = result.amount
        ln.money_error = result.error
        total += result.amount or 0
    DecisionLine.objects.bulk_update(lines, ["multiple", "base_salary", "amount"], batch_size=500)
    decision.total_amount = total
    Decision.objects.filter(pk=decision.pk).update(total_amount=total)
    return total


def uncomputable_lines(decision: Decision, lines: list[DecisionLine] | None = None) -> list[str]:
    """Vietnamese messages, one per line whose money cannot be computed on the decision's date
    (today for an undated draft), naming STT, name, honour and the missing parameter. A
    decision with any such line must not be issued."""
    if lines is None:
        lines = _lines(decision)
    return [r.error for r in _compute(decision, lines) if r.error]
