"""The reward fund ledger of a unit for a year: the allocation, what each issued decision of
the unit spent, the running balance, and the drafts that would overdraw it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from vinhdanh.core.templatetags.vn import group_thousands

from .models import RewardFund


@dataclass
class LedgerLine:
    decision: object
    amount: int
    balance: int | None


@dataclass
class Ledger:
    unit: object
    year: int
    fund: RewardFund | None
    lines: list[LedgerLine] = field(default_factory=list)
    drafts: list[tuple[object, str]] = field(default_factory=list)  # (decision, warning)

    @property
    def spent(self) -> int:
        return sum(ln.amount for ln in self.lines)

    @property
    def balance(self) -> int | None:
        return None if self.fund is None else self.fund.amount - self.spent


def _warning(amount: int, balance: int | None) -> str:
    if balance is None or amount <= balance:
        return ""
    return (
        f"Quyết định này chi {group_thousands(amount)} đ, vượt số dư quỹ thi đua, khen thưởng "
        f"còn lại ({group_thousands(max(balance, 0))} đ)."
    )


def ledger_for(unit, year: int) -> Ledger:
    """Three queries: the fund, the issued decisions, the drafts."""
    from vinhdanh.decisions.models import Decision, DecisionStatus

    fund = RewardFund.objects.filter(unit=unit, year=year).first()
    ledger = Ledger(unit, year, fund)
    issued = (
        Decision.objects.filter(
            issuer=unit, status=DecisionStatus.ISSUED, is_external=False, date__year=year
        )
        .select_related("number")
        .order_by("date", "pk")
    )
    running = fund.amount if fund else None
    for d in issued:
        if running is not None:
            running -= d.total_amount
        ledger.lines.append(LedgerLine(d, d.total_amount, running))
    if year == timezone.localdate().year:
        drafts = Decision.objects.filter(
            issuer=unit, status=DecisionStatus.DRAFT, is_external=False
        ).order_by("pk")
        ledger.drafts = [(d, _warning(d.total_amount, ledger.balance)) for d in drafts]
    return ledger


def fund_warning(decision) -> str:
    """For a draft about to be issued: a warning when its money exceeds what is left of the
    issuer's fund this year ("" when within it, or when no fund is recorded)."""
    year = (decision.date or timezone.localdate()).year
    return _warning(decision.total_amount, ledger_for(decision.issuer, year).balance)
