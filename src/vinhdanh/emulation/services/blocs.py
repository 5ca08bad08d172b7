"""Blocs (khối, cụm thi đua) per year: create, edit, members and rotation, head and deputy,
copy to next year, the bloc's own numbered documents.

Permissions (emulation/permissions.py): the owner's officers configure the bloc and its
members; the head's officers (and the owner's) add the bloc's documents.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.files import FileRejected, store_upload
from vinhdanh.core.models import DocumentType
from vinhdanh.core.numbering import numbered

from ..models import Bloc, BlocDocument, BlocMember
from ..permissions import EmulationError, require_bloc_head, require_owner

BLOC_FIELDS = ["owner", "kind", "name", "abbreviation", "year", "theme", "flag_cap_share", "leading_seats"]  # fmt: skip
BLOC_DOC_TYPES = [DocumentType.KH, DocumentType.QD, DocumentType.QC, DocumentType.TB, DocumentType.BC]  # fmt: skip


def _check_owner_unit(user, unit) -> None:
    if unit is None or not can_on_unit(user, Capability.MANAGE_EMULATION, unit):
        raise EmulationError(
            "Chỉ cơ quan thường trực Hội đồng Thi đua – Khen thưởng của đơn vị này mới lập được khối."
        )


def _duplicate(owner, abbreviation, year, exclude=None) -> None:
    qs = Bloc.objects.filter(owner=owner, abbreviation=abbreviation, year=year)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise EmulationError(f"Đã có khối ký hiệu {abbreviation} năm {year} của {owner.name}.")


@transaction.atomic
def bloc_create(actor, **data) -> Bloc:
    _check_owner_unit(actor, data.get("owner"))
    _duplicate(data["owner"], data["abbreviation"], data["year"])
    bloc = Bloc.objects.create(**{k: v for k, v in data.items() if k in BLOC_FIELDS})
    audit.record_create(actor, bloc)
    return bloc


@transaction.atomic
def bloc_update(actor, bloc: Bloc, **data) -> Bloc:
    require_owner(actor, bloc)
    _check_owner_unit(actor, data.get("owner", bloc.owner))
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    before = audit.snapshot(bloc)
    for key in BLOC_FIELDS:
        if key in data:
            setattr(bloc, key, data[key])
    _duplicate(bloc.owner, bloc.abbreviation, bloc.year, exclude=bloc)
    bloc.save()
    audit.record_update(actor, bloc, before)
    return bloc


# --- Members -----------------------------------------------------------------------------------


@transaction.atomic
def member_add(actor, bloc: Bloc, *, unit, rotation_order=None, female_share=None) -> BlocMember:
    require_owner(actor, bloc)
    if not can_on_unit(actor, Capability.VIEW, unit):
        raise EmulationError("Đơn vị này nằm ngoài phạm vi quản lý của bạn.")
    if rotation_order is None:
        rotation_order = (bloc.members.aggregate(m=Max("rotation_order"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            member = BlocMember.objects.create(
                bloc=bloc, unit=unit, rotation_order=rotation_order, female_share=female_share
            )
    except IntegrityError as exc:
        raise EmulationError(f"{unit.name} đã là thành viên của khối.") from exc
    audit.record_create(actor, member, unit_id=bloc.owner_id)
    return member


@transaction.atomic
def member_remove(actor, member: BlocMember) -> None:
    bloc = member.bloc
    require_owner(actor, bloc)
    if member.unit_id in (bloc.head_id, bloc.deputy_id):
        raise EmulationError(
            f"{member.unit.name} đang là Trưởng khối hoặc Khối phó; chọn lại Trưởng, Phó khối trước khi bỏ."
        )
    audit.record_delete(actor, member, unit_id=bloc.owner_id)
    member.delete()


@transaction.atomic
def members_reorder(actor, bloc: Bloc, orders: dict[int, int]) -> None:
    """Set rotation_order per member id (positions may be given in any numbering)."""
    require_owner(actor, bloc)
    members = {m.pk: m for m in bloc.members.select_for_update()}
    if set(orders) - set(members):
        raise EmulationError("Danh sách thành viên đã thay đổi, vui lòng tải lại trang.")
    changed = []
    for pk, order in orders.items():
        member = members[pk]
        if member.rotation_order != order:
            before = audit.snapshot(member)
            member.rotation_order = order
            changed.append((member, before))
    BlocMember.objects.bulk_update([m for m, _ in changed], ["rotation_order"])
    for member, before in changed:
        audit.record_update(actor, member, before, unit_id=bloc.owner_id)


# --- Head and deputy -----------------------------------------------------------------------------


def suggest_leaders(bloc: Bloc) -> tuple[int | None, int | None]:
    """Unit ids suggested as head and deputy by rotation order: the member after last year's
    head becomes head, the one after it deputy (wrapping round). Without a previous year's
    head, the first two members in rotation order."""
    units = [m.unit_id for m in bloc.members.order_by("rotation_order", "id")]
    if not units:
        return None, None
    start = 0
    prev = bloc.previous
    if prev is not None and prev.head_id:
        prev_order = [m.unit_id for m in prev.members.order_by("rotation_order", "id")]
        if prev.head_id in units:
            start = (units.index(prev.head_id) + 1) % len(units)
        elif prev.head_id in prev_order:
            # Last year's head has left: take the next of last year's members still here.
            i = prev_order.index(prev.head_id)
            after = prev_order[i + 1 :] + prev_order[:i]
            nxt = next((u for u in after if u in units), None)
            start = units.index(nxt) if nxt is not None else 0
    head = units[start]
    deputy = units[(start + 1) % len(units)] if len(units) > 1 else None
    return head, deputy


@transaction.atomic
def bloc_set_leaders(actor, bloc: Bloc, *, head, deputy) -> Bloc:
    require_owner(actor, bloc)
    member_ids = set(bloc.members.values_list("unit_id", flat=True))
    if head is None or head.pk not in member_ids:
        raise EmulationError("Trưởng khối phải là một đơn vị thành viên của khối.")
    if deputy is not None and deputy.pk not in member_ids:
        raise EmulationError("Khối phó phải là một đơn vị thành viên của khối.")
    if deputy is not None and deputy.pk == head.pk:
        raise EmulationError("Trưởng khối và Khối phó phải là hai đơn vị khác nhau.")
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    before = audit.snapshot(bloc)
    bloc.head, bloc.deputy = head, deputy
    bloc.save(update_fields=["head", "deputy", "updated_at"])
    audit.record_update(actor, bloc, before)
    return bloc


@transaction.atomic
def bloc_copy_next_year(actor, bloc: Bloc) -> Bloc:
    """Next year's bloc: same members and rotation, previous=this, suggested leaders."""
    require_owner(actor, bloc)
    if Bloc.objects.filter(previous=bloc).exists():
        raise EmulationError(f"{bloc.name} năm {bloc.year + 1} đã được tạo từ khối này.")
    _duplicate(bloc.owner, bloc.abbreviation, bloc.year + 1)
    new = Bloc.objects.create(
        owner=bloc.owner,
        kind=bloc.kind,
        name=bloc.name,
        abbreviation=bloc.abbreviation,
        year=bloc.year + 1,
        previous=bloc,
        flag_cap_share=bloc.flag_cap_share,
        leading_seats=bloc.leading_seats,
    )
    BlocMember.objects.bulk_create(
        [
            BlocMember(bloc=new, unit_id=m.unit_id, rotation_order=m.rotation_order)
            for m in bloc.members.all()
        ]
    )
    head_id, deputy_id = suggest_leaders(new)
    new.head_id, new.deputy_id = head_id, deputy_id
    new.save(update_fields=["head", "deputy", "updated_at"])
    audit.record_create(actor, new, note=f"Sao chép từ {bloc}")
    return new


# --- Documents -----------------------------------------------------------------------------------


@transaction.atomic
def bloc_document_add(
    actor,
    bloc: Bloc,
    *,
    doc_type: str,
    title: str,
    doc_date: dt.date,
    signer: str = "",
    upload=None,
) -> BlocDocument:
    require_bloc_head(actor, bloc)
    if doc_type not in BLOC_DOC_TYPES:
        raise EmulationError("Loại văn bản này không thuộc văn bản của khối.")
    stored = None
    if upload is not None:
        try:
            stored = store_upload(upload, user=actor)
        except FileRejected as exc:
            raise EmulationError(str(exc)) from exc
    with numbered(
        actor,
        doc_type=doc_type,
        unit=bloc.owner,
        issuer_key=bloc.issuer_key,
        issuer_abbreviation=bloc.abbreviation,
        issuer_name=bloc.name,
        year=bloc.year,
        on=doc_date,
        title=title,
        error=EmulationError,
    ) as slot:
        doc = BlocDocument.objects.create(
            bloc=bloc,
            number=slot.number,
            title=title,
            doc_date=doc_date,
            signer=signer,
            file=stored,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        slot.obj = doc
    audit.record_create(actor, doc, unit_id=bloc.owner_id)
    return doc
