"""Registration (đăng ký thi đua) at the start of the year: a bloc member registers the
collective titles it aims at, its emulation models, and its people for individual titles.

Who: the member's own officers (MANAGE_EMULATION on the member unit) until the bloc's
registration deadline; the owner's officers (the council's standing office) at any time, to
correct. Each registration gets the engine's warning (the title cannot be reached in the year
even if the year goes well), stored on the row: a warning, never a refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from ..enums import RegistrationKind
from ..models import Bloc, EmulationModel, Movement, Registration
from ..permissions import EmulationError, acting_members, is_bloc_head, is_owner_officer
from ..permissions import require_bloc_head as _require_bloc_head
from ..selectors.registrations import warnings_for

MODEL_FIELDS = ("name", "description", "indicators")


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def deadline_passed(bloc: Bloc, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return bloc.registration_deadline is not None and today > bloc.registration_deadline


def can_register_for(user, bloc: Bloc, unit, today: dt.date | None = None) -> bool:
    try:
        check_register(user, bloc, unit, today)
    except EmulationError:
        return False
    return True


def check_register(user, bloc: Bloc, unit, today: dt.date | None = None) -> None:
    """Refuse unless `user` may register for member `unit` of `bloc` now."""
    if not bloc.members.filter(unit=unit).exists():
        raise EmulationError(f"{unit.name} không phải thành viên của {bloc.name}.")
    if is_owner_officer(user, bloc):
        return  # the standing office corrects at any time
    if not can_on_unit(user, Capability.MANAGE_EMULATION, unit):
        raise EmulationError("Bạn không thể đăng ký thay đơn vị khác trong khối.")
    if deadline_passed(bloc, today):
        raise EmulationError(
            f"Đã hết hạn đăng ký thi đua của {bloc.name} (ngày "
            f"{_date(bloc.registration_deadline)}). Liên hệ cơ quan thường trực Hội đồng Thi "
            "đua – Khen thưởng để điều chỉnh đăng ký."
        )


@transaction.atomic
def registration_deadline_set(actor, bloc: Bloc, *, deadline: dt.date | None) -> Bloc:
    """The owner's or the head's officers set (or clear) the bloc's registration deadline."""
    _require_bloc_head(actor, bloc)
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    before = audit.snapshot(bloc, ["registration_deadline"])
    bloc.registration_deadline = deadline
    bloc.save(update_fields=["registration_deadline", "updated_at"])
    audit.record_update(actor, bloc, before)
    return bloc


# -- collective titles -----------------------------------------------------------------------


@transaction.atomic
def collective_set(actor, bloc: Bloc, unit, *, honours: Iterable) -> dict[str, list[str]]:
    """Make the unit's collective registrations in the bloc's year exactly `honours`.

    Returns {"added": [codes], "removed": [codes]}."""
    check_register(actor, bloc, unit)
    honours = list(honours)
    wrong = [h.name for h in honours if not h.for_collective]
    if wrong:
        raise EmulationError(f"Danh hiệu không dành cho tập thể: {', '.join(wrong)}.")
    wanted = {h.code: h for h in honours}
    existing = {
        r.honour_id: r
        for r in Registration.objects.select_for_update().filter(
            year=bloc.year, unit=unit, person__isnull=True
        )
    }
    elsewhere = [r for code, r in existing.items() if code in wanted and r.bloc_id != bloc.pk]
    if elsewhere:
        raise EmulationError(
            f"{unit.name} đã đăng ký {', '.join(wanted[r.honour_id].name for r in elsewhere)} "
            f"năm {bloc.year} ở nơi khác (phong trào hoặc khối khác)."
        )
    removed = []
    for code, reg in existing.items():
        if code not in wanted and reg.bloc_id == bloc.pk:
            audit.record_delete(actor, reg)
            reg.delete()
            removed.append(code)
    new = [
        Registration(
            year=bloc.year,
            unit=unit,
            bloc=bloc,
            kind=RegistrationKind.COLLECTIVE,
            honour=h,
            created_by=actor,
        )
        for code, h in wanted.items()
        if code not in existing
    ]
    _create(actor, new)
    return {"added": [r.honour_id for r in new], "removed": removed}


@transaction.atomic
def collective_add(actor, bloc: Bloc, unit, *, honour) -> Registration:
    """Add one collective title to the unit's registrations (the API's single add)."""
    check_register(actor, bloc, unit)
    if not honour.for_collective:
        raise EmulationError(f"{honour.name} không phải danh hiệu dành cho tập thể.")
    taken = Registration.objects.filter(
        year=bloc.year, unit=unit, person__isnull=True, honour=honour
    ).exists()
    if taken:
        raise EmulationError(f"{unit.name} đã đăng ký {honour.name} năm {bloc.year}.")
    reg = Registration(
        year=bloc.year,
        unit=unit,
        bloc=bloc,
        kind=RegistrationKind.COLLECTIVE,
        honour=honour,
        created_by=actor,
    )
    return _create(actor, [reg])[0]


# -- individual titles -----------------------------------------------------------------------


def _create(actor, regs: list[Registration]) -> list[Registration]:
    if not regs:
        return regs
    found = warnings_for(regs)
    for i, reg in enumerate(regs):
        reg.warning = found.get(-i - 1, "")
    created = Registration.objects.bulk_create(regs)
    if any(r.pk is None for r in created):  # backends without RETURNING
        raise EmulationError("Không ghi được đăng ký; hãy thử lại.")
    audit.record_bulk(
        actor,
        AuditAction.CREATE,
        Registration,
        [
            {
                "id": r.pk,
                "repr": str(r),
                "unit_id": r.unit_id,
                "changes": {
                    "honour": [None, r.honour_id],
                    "person": [None, r.person_id],
                    "warning": [None, r.warning],
                },
            }
            for r in created
        ],
    )
    return created


def _duplicates(year: int, pairs: Sequence[tuple]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[int, str]] = set()
    for person, honour in pairs:
        key = (person.pk, honour.code)
        if key in seen:
            problems.append(f"{person.full_name} – {honour.name} được chọn hai lần.")
        seen.add(key)
    ids = {p.pk for p, _ in pairs}
    codes = {h.code for _, h in pairs}
    taken = set(
        Registration.objects.filter(year=year, person_id__in=ids, honour_id__in=codes).values_list(
            "person_id", "honour_id"
        )
    )
    for person, honour in pairs:
        if (person.pk, honour.code) in taken:
            problems.append(f"{person.full_name} đã được đăng ký {honour.name} năm {year}.")
    return list(dict.fromkeys(problems))


def individual_problems(bloc: Bloc, unit, pairs: Sequence[tuple]) -> list[str]:
    """What would refuse registering these (person, honour) pairs for `unit` (no writes)."""
    problems = []
    for person, honour in pairs:
        if not honour.for_individual:
            problems.append(f"{honour.name} không phải danh hiệu dành cho cá nhân.")
        if not person.unit.path.startswith(unit.path):
            problems.append(f"{person.full_name} không thuộc {unit.name}.")
    problems.extend(_duplicates(bloc.year, pairs))
    return list(dict.fromkeys(problems))


@transaction.atomic
def registrations_add(actor, bloc: Bloc, unit, pairs: Sequence[tuple]) -> list[Registration]:
    """Register people of `unit` for individual titles: [(person, honour)], all or nothing."""
    check_register(actor, bloc, unit)
    if not pairs:
        raise EmulationError("Chưa chọn người và danh hiệu để đăng ký.")
    problems = individual_problems(bloc, unit, pairs)
    if problems:
        raise EmulationError(" ".join(problems))
    regs = [
        Registration(
            year=bloc.year,
            unit=unit,
            bloc=bloc,
            kind=RegistrationKind.INDIVIDUAL,
            person=person,
            honour=honour,
            created_by=actor,
        )
        for person, honour in pairs
    ]
    return _create(actor, regs)


def registration_add(actor, bloc: Bloc, unit, *, person, honour) -> Registration:
    return registrations_add(actor, bloc, unit, [(person, honour)])[0]


@transaction.atomic
def registration_delete(actor, registration: Registration) -> None:
    if registration.bloc_id is None:
        raise EmulationError("Đăng ký này không thuộc khối thi đua nào.")
    check_register(actor, registration.bloc, registration.unit)
    audit.record_delete(actor, registration)
    registration.delete()


# -- warnings --------------------------------------------------------------------------------


@transaction.atomic
def warnings_recompute(actor, bloc: Bloc) -> tuple[int, int]:
    """ "Kiểm tra lại": judge again every registration of the bloc (the head's and the owner's
    officers) or of the members the actor acts for. Returns (checked, changed)."""
    if is_bloc_head(actor, bloc):
        qs = Registration.objects.filter(bloc=bloc)
    else:
        units = acting_members(actor, bloc)
        if not units:
            raise EmulationError("Bạn không thể kiểm tra lại đăng ký của khối này.")
        qs = Registration.objects.filter(bloc=bloc, unit__in=units)
    regs = list(
        qs.select_for_update().only("pk", "year", "unit_id", "person_id", "honour_id", "warning")
    )
    found = warnings_for(regs)
    changed = [r for r in regs if r.warning != found.get(r.pk, "")]
    for r in changed:
        r.warning = found.get(r.pk, "")
    Registration.objects.bulk_update(changed, ["warning"], batch_size=1000)
    audit.record(
        actor,
        AuditAction.UPDATE,
        bloc,
        note=f"Kiểm tra lại đăng ký thi đua: {len(regs)} đăng ký, {len(changed)} thay đổi cảnh báo.",
    )
    return len(regs), len(changed)


# -- emulation models ------------------------------------------------------------------------


@transaction.atomic
def model_save(
    actor, bloc: Bloc, unit, *, instance: EmulationModel | None = None, **data
) -> EmulationModel:
    check_register(actor, bloc, unit)
    name = (data.get("name") or "").strip()
    if not name:
        raise EmulationError("Cần nhập tên mô hình thi đua.")
    data["name"] = name
    data["indicators"] = "\n".join(
        line.strip() for line in (data.get("indicators") or "").splitlines() if line.strip()
    )
    if instance is None:
        model = EmulationModel.objects.create(
            year=bloc.year, unit=unit, bloc=bloc, **{k: data.get(k, "") for k in MODEL_FIELDS}
        )
        audit.record_create(actor, model)
        return model
    if instance.bloc_id != bloc.pk or instance.unit_id != unit.pk:
        raise EmulationError("Mô hình này không thuộc đơn vị trong khối.")
    before = audit.snapshot(instance, MODEL_FIELDS)
    for key in MODEL_FIELDS:
        setattr(instance, key, data.get(key, ""))
    instance.save()
    audit.record_update(actor, instance, before)
    return instance


@transaction.atomic
def model_delete(actor, model: EmulationModel) -> None:
    if model.bloc_id is None:
        raise EmulationError("Mô hình này không thuộc khối thi đua nào.")
    check_register(actor, model.bloc, model.unit)
    audit.record_delete(actor, model)
    model.delete()


# -- movements -------------------------------------------------------------------------------


@transaction.atomic
def movement_registration_add(
    actor, movement: Movement, unit, *, honour, person=None
) -> Registration:
    """A participant of a movement registers a title for itself or one of its people."""
    if not movement.participations.filter(unit=unit).exists():
        raise EmulationError(f"{unit.name} chưa tham gia phong trào này.")
    if not can_on_unit(actor, Capability.MANAGE_EMULATION, unit):
        raise EmulationError("Bạn không thể đăng ký thay đơn vị này.")
    year = movement.start.year
    if person is None:
        if not honour.for_collective:
            raise EmulationError(f"{honour.name} không phải danh hiệu dành cho tập thể.")
        if Registration.objects.filter(
            year=year, unit=unit, person__isnull=True, honour=honour
        ).exists():
            raise EmulationError(f"{unit.name} đã đăng ký {honour.name} năm {year}.")
        kind = RegistrationKind.COLLECTIVE
    else:
        if not honour.for_individual:
            raise EmulationError(f"{honour.name} không phải danh hiệu dành cho cá nhân.")
        if not person.unit.path.startswith(unit.path):
            raise EmulationError(f"{person.full_name} không thuộc {unit.name}.")
        problems = _duplicates(year, [(person, honour)])
        if problems:
            raise EmulationError(" ".join(problems))
        kind = RegistrationKind.INDIVIDUAL
    reg = Registration(
        year=year,
        unit=unit,
        movement=movement,
        kind=kind,
        person=person,
        honour=honour,
        created_by=actor,
    )
    return _create(actor, [reg])[0]
