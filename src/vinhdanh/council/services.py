"""Every write of the council app: check permission, write, audit — in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import require_on_unit
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .enums import CouncilError
from .models import Council, CouncilMember

COUNCIL_FIELDS = ("unit", "name", "abbreviation")
MEMBER_FIELDS = ("full_name", "position", "role", "user", "term_start", "term_end")


@transaction.atomic
def council_create(actor, *, unit, name: str, abbreviation: str = "HĐTĐKT") -> Council:
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, unit)
    council = Council.objects.create(unit=unit, name=name, abbreviation=abbreviation or "HĐTĐKT")
    audit.record_create(actor, council)
    return council


@transaction.atomic
def council_update(actor, council: Council, *, unit, name: str, abbreviation: str) -> Council:
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, council.unit)
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, unit)
    before = audit.snapshot(council, COUNCIL_FIELDS)
    council.unit, council.name, council.abbreviation = unit, name, abbreviation or "HĐTĐKT"
    council.save()
    audit.record_update(actor, council, before)
    return council


def _check_term(term_start: dt.date, term_end: dt.date | None) -> None:
    if term_end is not None and term_end < term_start:
        raise CouncilError("Ngày kết thúc nhiệm kỳ phải từ ngày bắt đầu nhiệm kỳ trở đi.")


@transaction.atomic
def member_add(actor, council: Council, **data) -> CouncilMember:
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, council.unit)
    _check_term(data["term_start"], data.get("term_end"))
    user = data.get("user")
    if user is not None:
        clash = CouncilMember.objects.filter(council=council, user=user)
        if data.get("term_end"):
            clash = clash.filter(term_start__lte=data["term_end"])
        clash = clash.exclude(term_end__lt=data["term_start"])
        if clash.exists():
            raise CouncilError(
                "Tài khoản này đã gắn với một thành viên khác của Hội đồng trong cùng thời gian; "
                "hãy kết thúc nhiệm kỳ cũ trước."
            )
    member = CouncilMember.objects.create(council=council, **data)
    audit.record_create(actor, member, unit_id=council.unit_id)
    return member


@transaction.atomic
def member_end_term(actor, member: CouncilMember, *, term_end: dt.date) -> CouncilMember:
    council = member.council
    require_on_unit(actor, Capability.MANAGE_NOMINATIONS, council.unit)
    if member.term_end is not None:
        raise CouncilError(f"Nhiệm kỳ của {member.full_name} đã kết thúc.")
    _check_term(member.term_start, term_end)
    before = audit.snapshot(member, MEMBER_FIELDS)
    member.term_end = term_end
    member.save(update_fields=["term_end"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        member,
        changes=audit.diff(before, audit.snapshot(member, MEMBER_FIELDS)),
        note="Kết thúc nhiệm kỳ",
        unit_id=council.unit_id,
    )
    return member
