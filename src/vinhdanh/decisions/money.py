"""Reward money of a decision's lines (Nghị định 152/2025/NĐ-CP, Điều 50, 51, 54) through the
engine's money functions: multiple × base salary in force on the decision date, rounded up to
10.000 đ; households 1,5 ×; several titles of one subject for the same year: only the highest
is paid (the others keep their multiple and show 0 đ)."""

from __future__ import annotations

from django.utils import timezone

from vinhdanh.catalogue.enums import HonourCategory
from vinhdanh.catalogue.selectors import base_salary_on, multiples_map
from vinhdanh.rules.core.money import Line, payable, reward_for

from .models import Decision, DecisionLine


def _table(on):
    table: dict[str, list] = {}
    for (code, kind), multiple in multiples_map(on).items():
        pair = table.setdefault(code, [None, None])
        pair[0 if kind == "individual" else 1] = multiple
    return {code: tuple(pair) for code, pair in table.items()}


def recompute(decision: Decision, lines: list[DecisionLine] | None = None) -> int:
    """Set multiple, base salary and amount on every line and the decision's total."""
    if lines is None:
        lines = list(decision.lines.select_related("honour").order_by("position"))
    on = decision.date or timezone.localdate()
    salary = base_salary_on(on)
    table = _table(on)
    salaries = [(salary.valid_from, salary.amount)] if salary else []
    by_subject: dict[tuple, list[tuple[int, Line]]] = {}
    for i, ln in enumerate(lines):
        reward = None
        if salaries and not ln.revoked:
            reward = reward_for(
                ln.honour_id, ln.subject_kind, on, multiples=table, salaries=salaries
            )
        ln.multiple = reward.multiple if reward else None
        ln.base_salary = salary.amount if (reward and salary) else None
        ln.amount = reward.amount if reward else 0
        subject = (ln.person_id, ln.unit_id, "" if ln.person_id or ln.unit_id else ln.name)
        line = Line(
            code=ln.honour_id,
            period=ln.achievement_year,
            amount=ln.amount,
            is_title=ln.honour.category == HonourCategory.TITLE,
        )
        by_subject.setdefault(subject, []).append((i, line))
    total = 0
    for items in by_subject.values():
        paid = payable(line for _i, line in items).paid
        paid_ids = {id(p) for p in paid}
        for i, line in items:
            if id(line) not in paid_ids:
                lines[i].amount = 0
            total += lines[i].amount
    DecisionLine.objects.bulk_update(lines, ["multiple", "base_salary", "amount"], batch_size=500)
    decision.total_amount = total
    Decision.objects.filter(pk=decision.pk).update(total_amount=total)
    return total
