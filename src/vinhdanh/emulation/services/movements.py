"""Movements (phong trào thi đua): create, edit while draft, transitions, milestones,
participants, documents, milestone reminders.

Every write: permission check, transaction, audit entry.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.files import FileRejected, store_upload
from vinhdanh.core.models import AuditAction
from vinhdanh.core.numbering import NumberSlot, numbered

from ..enums import MOVEMENT_TRANSITIONS, MovementStatus
from ..models import Milestone, Movement, MovementDocument, MovementParticipant
from ..permissions import EmulationError, can_manage_movement

# action → (target state, states it may be taken from); each pair is in MOVEMENT_TRANSITIONS.
MOVEMENT_ACTIONS: dict[str, tuple[str, set[str], str]] = {
    "launch": (MovementStatus.LAUNCHED, {MovementStatus.DRAFT}, "Phát động"),
    "start_review": (
        MovementStatus.UNDER_REVIEW,
        {MovementStatus.LAUNCHED},
        "Bắt đầu sơ kết, tổng kết",
    ),
    "close": (
        MovementStatus.CLOSED,
        {MovementStatus.LAUNCHED, MovementStatus.UNDER_REVIEW},
        "Kết thúc phong trào",
    ),
    "reopen": (MovementStatus.LAUNCHED, {MovementStatus.UNDER_REVIEW}, "Tiếp tục triển khai"),
}
for _target, _sources, _label in MOVEMENT_ACTIONS.values():
    assert all(_target in MOVEMENT_TRANSITIONS[s] for s in _sources)

EDITABLE_FIELDS = ["launching_unit", "authority", "theme", "kind", "start", "end", "audience", "criteria", "parent", "launch_level", "scope"]  # fmt: skip


def require_manage(user, movement: Movement) -> None:
    if not can_manage_movement(user, movement):
        raise EmulationError(
            "Chỉ cán bộ thi đua của đơn vị phát động mới thực hiện được thao tác này."
        )


def _check_fields(user, data: dict, movement: Movement | None = None) -> None:
    unit = data.get("launching_unit")
    if unit is None or not can_on_unit(user, Capability.MANAGE_EMULATION, unit):
        raise EmulationError("Bạn không được phát động phong trào thay cho đơn vị này.")
    if data.get("start") and data.get("end") and data["end"] < data["start"]:
        raise EmulationError("Ngày kết thúc phải sau ngày bắt đầu.")
    parent = data.get("parent")
    if parent is not None and movement is not None:
        node = parent
        while node is not None:
            if node.pk == movement.pk:
                raise EmulationError("Phong trào không thể hưởng ứng chính nó.")
            node = node.parent


@transaction.atomic
def movement_create(actor, **data) -> Movement:
    _check_fields(actor, data)
    movement = Movement.objects.create(**{k: data.get(k) for k in EDITABLE_FIELDS if k in data})
    audit.record_create(actor, movement)
    return movement


@transaction.atomic
def movement_update(actor, movement: Movement, **data) -> Movement:
    require_manage(actor, movement)
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.status != MovementStatus.DRAFT:
        raise EmulationError(
            "Chỉ sửa được phong trào đang ở trạng thái dự thảo; phong trào đã phát động thì giữ nguyên."
        )
    _check_fields(actor, data, movement)
    before = audit.snapshot(movement)
    for key in EDITABLE_FIELDS:
        if key in data:
            setattr(movement, key, data[key])
    movement.save()
    audit.record_update(actor, movement, before)
    return movement


@transaction.atomic
def movement_transition(actor, movement: Movement, action: str, *, on: dt.date | None = None):
    if action not in MOVEMENT_ACTIONS:
        raise EmulationError("Thao tác không hợp lệ.")
    require_manage(actor, movement)
    target, sources, label = MOVEMENT_ACTIONS[action]
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.status not in sources:
        allowed = ", ".join(f"“{MovementStatus(s).label}”" for s in sorted(sources))
        raise EmulationError(
            f"Không thể “{label.lower()}” khi phong trào đang “{movement.get_status_display()}”; "
            f"chỉ thực hiện được khi phong trào đang {allowed}."
        )
    before = audit.snapshot(movement)
    movement.status = target
    if action == "launch":
        movement.launched_on = on or timezone.localdate()
    movement.save(update_fields=["status", "launched_on", "updated_at"])
    audit.record(
        actor,
        AuditAction.TRANSITION,
        movement,
        changes=audit.diff(before, audit.snapshot(movement)),
        note=label,
    )
    return movement


# --- Milestones --------------------------------------------------------------------------------


@transaction.atomic
def milestone_save(actor, movement: Movement, milestone: Milestone | None = None, **data):
    require_manage(actor, movement)
    if movement.status == MovementStatus.CLOSED:
        raise EmulationError("Phong trào đã kết thúc, không sửa được mốc thời gian.")
    if milestone is None:
        milestone = Milestone.objects.create(movement=movement, **data)
        audit.record_create(actor, milestone, unit_id=movement.launching_unit_id)
        return milestone
    before = audit.snapshot(milestone)
    for key, value in data.items():
        setattr(milestone, key, value)
    if "due" in data or "remind_days_before" in data:
        milestone.reminded_at = None  # a moved date is reminded again
    milestone.save()
    audit.record_update(actor, milestone, before, unit_id=movement.launching_unit_id)
    return milestone


@transaction.atomic
def milestone_mark_done(actor, milestone: Milestone, *, on: dt.date | None = None) -> Milestone:
    require_manage(actor, milestone.movement)
    if milestone.done_on:
        raise EmulationError("Mốc này đã được đánh dấu hoàn thành.")
    before = audit.snapshot(milestone)
    milestone.done_on = on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    audit.record(
        actor,
        AuditAction.TRANSITION,
        milestone,
        changes=audit.diff(before, audit.snapshot(milestone)),
        unit_id=milestone.movement.launching_unit_id,
    )
    return milestone


# --- Participants ------------------------------------------------------------------------------


@transaction.atomic
def participant_add(actor, movement: Movement, *, unit, joined_on=None) -> MovementParticipant:
    require_manage(actor, movement)
    if not can_on_unit(actor, Capability.VIEW, unit):
        raise EmulationError("Đơn vị này nằm ngoài phạm vi quản lý của bạn.")
    if movement.status == MovementStatus.CLOSED:
        raise EmulationError("Phong trào đã kết thúc, không thêm được đơn vị tham gia.")
    try:
        with transaction.atomic():
            part = MovementParticipant.objects.create(
                movement=movement, unit=unit, joined_on=joined_on
            )
    except IntegrityError as exc:
        raise EmulationError(f"{unit.name} đã có trong danh sách đơn vị tham gia.") from exc
    audit.record_create(actor, part, unit_id=movement.launching_unit_id)
    return part


@transaction.atomic
def participant_remove(actor, part: MovementParticipant) -> None:
    require_manage(actor, part.movement)
    audit.record_delete(actor, part, unit_id=part.movement.launching_unit_id)
    part.delete()


# --- Documents ---------------------------------------------------------------------------------


@transaction.atomic
def movement_document_add(
    actor,
    movement: Movement,
    *,
    title: str,
    doc_date: dt.date,
    doc_type: str = "",
    external_number: str = "",
    upload=None,
) -> MovementDocument:
    """A numbered document of the launching unit (doc_type given) or one issued elsewhere
    (external_number given, e.g. the city's 282/KH-UBND)."""
    require_manage(actor, movement)
    external_number = (external_number or "").strip()
    if bool(doc_type) == bool(external_number):
        raise EmulationError(
            "Chọn loại văn bản để lấy số của đơn vị phát động, hoặc ghi số hiệu văn bản do nơi khác ban hành (không cả hai)."
        )
    stored = None
    if upload is not None:
        try:
            stored = store_upload(upload, user=actor)
        except FileRejected as exc:
            raise EmulationError(str(exc)) from exc
    unit = movement.launching_unit
    book = (
        numbered(
            actor, doc_type=doc_type, unit=unit, on=doc_date, title=title, error=EmulationError
        )
        if doc_type
        else nullcontext(NumberSlot(None))
    )
    with book as slot:
        doc = MovementDocument.objects.create(
            movement=movement,
            number=slot.number,
            external_number=external_number,
            title=title,
            doc_date=doc_date,
            file=stored,
        )
        slot.obj, slot.title = doc, title
    audit.record_create(actor, doc, unit_id=movement.launching_unit_id)
    return doc


# --- Reminders ---------------------------------------------------------------------------------


def _recipients(unit_ids: set[int]) -> list[str]:
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_EMULATION in caps]
    emails = (
        RoleGrant.objects.filter(unit_id__in=unit_ids, role__in=roles, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(emails))


def milestone_reminders_send(today: dt.date | None = None) -> int:
    """E-mail the officers of the launching unit and of the participants about milestones due
    within their reminder window that were not reminded yet. Idempotent (reminded_at)."""
    today = today or timezone.localdate()
    due = (
        Milestone.objects.filter(
            reminded_at__isnull=True,
            done_on__isnull=True,
            due__gte=today,
            movement__status__in=[MovementStatus.LAUNCHED, MovementStatus.UNDER_REVIEW],
        )
        .select_related("movement__launching_unit")
        .prefetch_related("movement__participations")
    )
    sent = 0
    for milestone in due:
        if (milestone.due - today).days > milestone.remind_days_before:
            continue
        with transaction.atomic():
            locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
            if locked.reminded_at is not None:
                continue
            movement = milestone.movement
            unit_ids = {movement.launching_unit_id} | {
                p.unit_id for p in movement.participations.all()
            }
            recipients = _recipients(unit_ids)
            if recipients:
                send_mail(
                    f"Nhắc việc: {milestone.title} – {movement.theme}"[:200],
                    (
                        f"Phong trào: {movement.theme}\n"
                        f"Đơn vị phát động: {movement.launching_unit.name}\n"
                        f"Mốc: {milestone.get_kind_display()} – {milestone.title}\n"
                        f"Thời hạn: {milestone.due:%d/%m/%Y} (còn {(milestone.due - today).days} ngày)\n"
                    ),
                    None,
                    recipients,
                )
                sent += 1
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
    return sent
