"""Every write to units, people and memberships.

Each service checks the caller's right (``Capability.EDIT_ORGS`` on the unit concerned, units
outside the caller's scope are "not found"), validates, writes in one transaction and records an
audit entry with the values before and after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.http import Http404
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, scope_paths
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .divisions import address_problem
from .enums import Gender, UnitLevel
from .models import Membership, Person, Unit
from .validators import cccd_problem

UNIT_FIELDS = (
    "code",
    "name",
    "abbreviation",
    "level",
    "province_code",
    "ward_code",
    "address",
    "active_from",
    "pending_review",
    "pending_review_note",
)
PERSON_FIELDS = (
    "full_name",
    "gender",
    "date_of_birth",
    "cccd",
    "position",
    "is_leader",
    "is_direct_worker",
    "hired_on",
    "pending_review",
    "pending_review_note",
)
NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."
NO_RIGHT = "Bạn chỉ được xem, không có quyền quản lý đơn vị, cá nhân ở đơn vị này."


class OrgsError(Exception):
    """A refused change, with a message the user can act on and the field it concerns."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


DERIVED = {"name_folded", "sort_key"}  # recomputed from the name; noise in the audit log


def _snap(obj) -> dict[str, Any]:
    return audit.snapshot(obj, [f.name for f in obj._meta.concrete_fields if f.name not in DERIVED])


def _record_create(user, obj) -> None:
    audit.record(
        user, AuditAction.CREATE, obj, changes={k: [None, v] for k, v in _snap(obj).items()}
    )


def _vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def require_edit(user, unit: Unit) -> None:
    """404 when the unit is outside what the user may see; 403 when they may only look."""
    if can_on_unit(user, Capability.EDIT_ORGS, unit):
        return
    if can_on_unit(user, Capability.VIEW, unit):
        raise PermissionDenied(NO_RIGHT)
    raise Http404(NOT_FOUND)


def _target_unit(user, unit: Unit | None, field: str) -> Unit:
    """A unit chosen in a form (new parent, destination): must be in the user's edit scope."""
    if unit is None:
        raise OrgsError("Chọn đơn vị.", field=field)
    if not can_on_unit(user, Capability.EDIT_ORGS, unit):
        raise OrgsError("Đơn vị được chọn nằm ngoài phạm vi bạn được quản lý.", field=field)
    if unit.active_to is not None:
        raise OrgsError(f"{unit.name} đã ngừng hoạt động; hãy chọn đơn vị khác.", field=field)
    return unit


def _clean(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise OrgsError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    return {
        k: ("" if v is None and k in {"address", "pending_review_note", "position"} else v)
        for k, v in data.items()
    }


# Units -------------------------------------------------------------------------------------


def _validate_unit(unit: Unit) -> None:
    unit.code = (unit.code or "").strip()
    unit.name = " ".join((unit.name or "").split())
    unit.abbreviation = (unit.abbreviation or "").strip()
    if not unit.code:
        raise OrgsError("Nhập mã đơn vị.", field="code")
    if not unit.name:
        raise OrgsError("Nhập tên đơn vị.", field="name")
    if not unit.abbreviation:
        raise OrgsError("Nhập tên viết tắt.", field="abbreviation")
    if unit.level not in UnitLevel.values:
        raise OrgsError("Chọn cấp của đơn vị trong danh sách.", field="level")
    try:
        Unit._meta.get_field("code").run_validators(unit.code)
    except Exception as exc:  # django ValidationError from the field's regex
        raise OrgsError(
            "Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch.", field="code"
        ) from exc
    clash = Unit.objects.filter(code__iexact=unit.code).exclude(pk=unit.pk).first()
    if clash:
        raise OrgsError(f"Mã {unit.code} đã được dùng cho đơn vị khác.", field="code")
    if unit.parent_id:
        sibling = (
            Unit.objects.filter(parent_id=unit.parent_id, abbreviation=unit.abbreviation)
            .exclude(pk=unit.pk)
            .first()
        )
        if sibling:
            raise OrgsError(
                f"Tên viết tắt {unit.abbreviation} đã dùng cho {sibling.name} cùng đơn vị cấp trên.",
                field="abbreviation",
            )
    problem = address_problem(unit.province_code, unit.ward_code)
    if problem:
        raise OrgsError(problem[1], field=problem[0])
    if unit.pending_review and not (unit.pending_review_note or "").strip():
        raise OrgsError("Ghi rõ lý do đang xem xét.", field="pending_review_note")


@transaction.atomic
def unit_create(user, *, parent: Unit | None, **data) -> Unit:
    data = _clean(data, UNIT_FIELDS)
    if parent is None:
        if "" not in scope_paths(user, Capability.EDIT_ORGS):
            raise OrgsError(
                "Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất; hãy chọn đơn vị cấp trên.",
                field="parent",
            )
    else:
        _target_unit(user, parent, "parent")
    unit = Unit(parent=parent, **data)
    _validate_unit(unit)
    unit.save()
    _record_create(user, unit)
    return unit


@transaction.atomic
def unit_update(user, unit: Unit, **data) -> Unit:
    require_edit(user, unit)
    data = _clean(data, UNIT_FIELDS)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = _snap(unit)
    for key, value in data.items():
        setattr(unit, key, value)
    _validate_unit(unit)
    unit.save()
    audit.record_update(user, unit, before)
    return unit


@transaction.atomic
def unit_move(user, unit: Unit, *, parent: Unit) -> Unit:
    """Put ``unit`` and its whole subtree under ``parent``: one UPDATE rewrites every path."""
    require_edit(user, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if parent is None:
        raise OrgsError("Chọn đơn vị cấp trên mới.", field="parent")
    parent = Unit.objects.get(pk=parent.pk)  # fresh path
    if parent.pk == unit.pk:
        raise OrgsError("Không thể chuyển đơn vị vào chính nó.", field="parent")
    if parent.path.startswith(unit.path):
        raise OrgsError(
            f"Không thể chuyển {unit.name} vào đơn vị trực thuộc của chính nó ({parent.name}).",
            field="parent",
        )
    _target_unit(user, parent, "parent")
    if parent.pk == unit.parent_id:
        raise OrgsError(f"{unit.name} đã trực thuộc {parent.name}.", field="parent")
    sibling = Unit.objects.filter(parent=parent, abbreviation=unit.abbreviation).first()
    if sibling:
        raise OrgsError(
            f"{parent.name} đã có đơn vị trực thuộc viết tắt {unit.abbreviation} ({sibling.name}); hãy đổi tên viết tắt trước.",
            field="parent",
        )
    old_prefix = unit.path
    new_prefix = f"{parent.path}{unit.pk:010d}."
    delta = new_prefix.count(".") - old_prefix.count(".")
    old_parent_id = unit.parent_id
    moved = Unit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
        depth=F("depth") + delta,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    audit.record(
        user,
        AuditAction.UPDATE,
        unit,
        changes={
            "parent": [old_parent_id, parent.pk],
            "path": [old_prefix, new_prefix],
        },
        note=f"Chuyển đơn vị sang {parent.name} (cùng {moved - 1} đơn vị trực thuộc).",
    )
    return unit


def open_dependants(unit: Unit) -> tuple[list[Unit], int]:
    """Active child units and the number of people still working in ``unit``."""
    children = list(unit.children.filter(active_to__isnull=True).order_by("sort_key"))
    return children, Person.objects.filter(unit=unit).count()


@transaction.atomic
def unit_close(user, unit: Unit, *, on: dt.date, note: str = "") -> Unit:
    """Stop a unit from ``on``. Its history (people, memberships, register) is kept."""
    require_edit(user, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.active_to is not None:
        raise OrgsError(f"{unit.name} đã ngừng hoạt động từ {_vn(unit.active_to)}.")
    if on is None:
        raise OrgsError("Nhập ngày ngừng hoạt động.", field="on")
    if unit.active_from and on < unit.active_from:
        raise OrgsError(
            f"Ngày ngừng hoạt động phải từ ngày bắt đầu hoạt động ({_vn(unit.active_from)}).",
            field="on",
        )
    children, people = open_dependants(unit)
    problems = []
    if children:
        names = ", ".join(c.name for c in children[:5]) + (", …" if len(children) > 5 else "")
        problems.append(f"{len(children)} đơn vị trực thuộc đang hoạt động ({names})")
    if people:
        problems.append(f"{people} cá nhân đang công tác")
    if problems:
        raise OrgsError(
            f"Chưa thể cho {unit.name} ngừng hoạt động: còn {' và '.join(problems)}. "
            "Hãy chuyển hoặc cho ngừng hoạt động trước."
        )
    before = _snap(unit)
    unit.active_to = on
    unit.save(update_fields=["active_to", "updated_at"])
    audit.record_update(user, unit, before, note=note or "Ngừng hoạt động")
    return unit


@transaction.atomic
def unit_reopen(user, unit: Unit) -> Unit:
    require_edit(user, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.active_to is None:
        raise OrgsError(f"{unit.name} đang hoạt động.")
    if unit.parent_id and unit.parent.active_to is not None:
        raise OrgsError(
            f"Đơn vị cấp trên ({unit.parent.name}) đang ngừng hoạt động; hãy mở lại đơn vị cấp trên trước."
        )
    before = _snap(unit)
    unit.active_to = None
    unit.save(update_fields=["active_to", "updated_at"])
    audit.record_update(user, unit, before, note="Hoạt động trở lại")
    return unit


# People ------------------------------------------------------------------------------------


CCCD_TAKEN_ELSEWHERE = (
    "Không dùng được số CCCD {cccd} cho cá nhân này. Nếu đây là người chuyển đến từ đơn vị "
    "khác, hãy đề nghị đơn vị quản lý người đó (hoặc cấp trên chung) điều chuyển công tác về "
    "đơn vị của bạn thay vì tạo mới."
)


def _validate_person(person: Person, user=None) -> None:
    today = timezone.localdate()
    person.cccd = (person.cccd or "").strip()
    if not " ".join((person.full_name or "").split()):
        raise OrgsError("Nhập họ và tên.", field="full_name")
    if person.gender not in Gender.values:
        raise OrgsError("Chọn giới tính Nam hoặc Nữ.", field="gender")
    if person.date_of_birth and person.date_of_birth > today:
        raise OrgsError("Ngày sinh không thể ở tương lai.", field="date_of_birth")
    if person.hired_on and person.hired_on > today:
        raise OrgsError("Ngày bắt đầu công tác không thể ở tương lai.", field="hired_on")
    if person.hired_on and person.date_of_birth and person.hired_on <= person.date_of_birth:
        raise OrgsError("Ngày bắt đầu công tác phải sau ngày sinh.", field="hired_on")
    problem = cccd_problem(person.cccd, gender=person.gender, birth=person.date_of_birth)
    if problem:
        raise OrgsError(problem, field="cccd")
    clash = (
        Person.objects.select_related("unit").filter(cccd=person.cccd).exclude(pk=person.pk).first()
    )
    if clash:
        # Who holds a CCCD is told only to someone who may see that person (scope).
        roots = scope_paths(user, Capability.VIEW) if user is not None else [""]
        if not any(clash.unit.path.startswith(root) for root in roots):
            raise OrgsError(CCCD_TAKEN_ELSEWHERE.format(cccd=person.cccd), field="cccd")
        raise OrgsError(
            f"Số CCCD {person.cccd} đã có trong hệ thống (cá nhân khác, thuộc {clash.unit.name}); "
            "kiểm tra lại số hoặc tìm người đó thay vì tạo mới.",
            field="cccd",
        )
    if person.pending_review and not (person.pending_review_note or "").strip():
        raise OrgsError("Ghi rõ lý do đang xem xét.", field="pending_review_note")


@transaction.atomic
def person_create(user, *, unit: Unit, start: dt.date | None = None, **data) -> Person:
    """A new person in ``unit``, with the open membership from ``start`` (hired_on or today)."""
    data = _clean(data, PERSON_FIELDS)
    _target_unit(user, unit, "unit")
    person = Person(unit=unit, **data)
    _validate_person(person, user)
    start = start or person.hired_on or timezone.localdate()
    person.save()
    Membership.objects.create(person=person, unit=unit, position=person.position, start=start)
    _record_create(user, person)
    return person


@transaction.atomic
def person_update(user, person: Person, **data) -> Person:
    require_edit(user, person.unit)
    data = _clean(data, PERSON_FIELDS)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = _snap(person)
    for key, value in data.items():
        setattr(person, key, value)
    _validate_person(person, user)
    person.save()
    if "position" in data and data["position"] != before["position"]:
        Membership.objects.filter(person=person, end__isnull=True).update(position=person.position)
    audit.record_update(user, person, before)
    return person


@transaction.atomic
def person_move(
    user, person: Person, *, unit: Unit, on: dt.date, position: str | None = None
) -> Person:
    """Transfer from the current unit to ``unit`` from ``on``: the open membership ends the day before."""
    require_edit(user, person.unit)
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    _target_unit(user, unit, "unit")
    if on is None:
        raise OrgsError("Nhập ngày chuyển công tác.", field="on")
    if unit.pk == person.unit_id:
        raise OrgsError(f"{person.full_name} đang công tác tại {unit.name}.", field="unit")
    if on > timezone.localdate() + dt.timedelta(days=366):
        raise OrgsError("Ngày chuyển công tác quá xa trong tương lai.", field="on")
    current = Membership.objects.filter(person=person, end__isnull=True).first()
    if current and on <= current.start:
        raise OrgsError(
            f"Ngày chuyển phải sau ngày bắt đầu công tác tại {person.unit.name} ({_vn(current.start)}).",
            field="on",
        )
    before = audit.snapshot(person, ["unit", "position"])
    if current:
        current.end = on - dt.timedelta(days=1)
        current.save(update_fields=["end"])
    new_position = person.position if position is None else position.strip()
    Membership.objects.create(person=person, unit=unit, position=new_position, start=on)
    person.unit = unit
    person.position = new_position
    person.save(update_fields=["unit", "position", "updated_at"])
    audit.record_update(user, person, before, note=f"Chuyển công tác từ ngày {_vn(on)}")
    return person
