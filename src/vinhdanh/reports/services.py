"""Writes of the reports app: the reward fund allocated to a unit for a year."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit

from .models import RewardFund


class ReportsError(ValueError):
    pass


@transaction.atomic
def fund_set(actor, unit, *, year: int, amount: int, note: str = "") -> RewardFund:
    """Record (or correct) the fund allocated to ``unit`` for ``year``; audited."""
    if not can_on_unit(actor, Capability.VIEW, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    if not can_on_unit(actor, Capability.MANAGE_NOMINATIONS, unit):
        raise ReportsError("Bạn không có quyền ghi quỹ thi đua, khen thưởng của đơn vị này.")
    if amount is None or amount < 0:
        raise ReportsError("Mức quỹ phải là số tiền không âm.")
    fund = RewardFund.objects.select_for_update().filter(unit=unit, year=year).first()
    if fund is None:
        fund = RewardFund.objects.create(unit=unit, year=year, amount=amount, note=note)
        audit.record_create(actor, fund)
        return fund
    before = audit.snapshot(fund)
    fund.amount, fund.note = amount, note
    fund.save()
    audit.record_update(actor, fund, before)
    return fund
