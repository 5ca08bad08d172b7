"""Every write to the catalogue: administrators only, audited, history never overwritten.

Code policy (docs/architecture.md): a code is the primary key and the stable identifier used
by imports, the API and the engine. A code may be renamed only while nothing refers to it
(no register row, multiple, threshold or any other row); the rename is a create-new +
delete-old inside one transaction, so there is nothing to move. Codes loaded from the Law
(built-in) can neither be renamed nor deleted. Dated values (reward multiples, base salary,
vote thresholds) are only ever added as new rows with a new "valid from" date.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from vinhdanh.accounts.permissions import is_national_admin
from vinhdanh.core import audit

from . import data
from .models import (
    BaseSalary,
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    RewardMultiple,
    VoteThreshold,
)


class CatalogueError(Exception):
    """A refused catalogue change, with a message the administrator can act on."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


BUILTIN_CODES: dict[type[models.Model], frozenset[str]] = {
    InitiativeKind: frozenset(code for code, _ in data.INITIATIVE_KINDS),
    InitiativeScope: frozenset(code for code, _, _ in data.INITIATIVE_SCOPES),
    DisciplineForm: frozenset(code for code, _, _ in data.DISCIPLINE_FORMS),
}
CODE_MODELS = (Honour, InitiativeKind, InitiativeScope, DisciplineForm)


NATIONAL_ONLY = (
    "Chỉ quản trị hệ thống cấp trung ương (quản trị đơn vị gốc) được sửa danh mục và các tham "
    "số pháp lý dùng chung cho mọi đơn vị."
)


def require_editor(actor) -> None:
    if not is_national_admin(actor):
        raise PermissionDenied(NATIONAL_ONLY)


def is_builtin(obj: models.Model) -> bool:
    if isinstance(obj, Honour):
        return obj.is_builtin
    return obj.pk in BUILTIN_CODES.get(type(obj), frozenset())


def reference_count(obj: models.Model) -> int:
    """How many rows anywhere point at ``obj`` (register rows, multiples, thresholds, ...).

    Walks every reverse relation, including hidden ones (``related_name="+"``), so rows added
    by later apps are counted without this function knowing them.
    """
    total = 0
    for rel in obj._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        total += rel.related_model._base_manager.filter(**{rel.field.name: obj.pk}).count()
    return total


def _label(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} “{obj}” ({obj.pk})"


@transaction.atomic
def code_entry_create(actor, model: type[models.Model], data_: dict[str, Any]) -> models.Model:
    """Add a code (honour, initiative kind/scope, discipline form)."""
    require_editor(actor)
    code = (data_.get("code") or "").strip().upper()
    if model.objects.filter(pk=code).exists():
        raise CatalogueError(f"Mã {code} đã có trong danh mục; hãy chọn mã khác.", "code")
    obj = model(**{**data_, "code": code})
    obj.full_clean()
    obj.save(force_insert=True)
    audit.record_create(actor, obj)
    return obj


@transaction.atomic
def code_entry_update(
    actor, model: type[models.Model], pk: str, data_: dict[str, Any]
) -> models.Model:
    """Change a code entry. A new code is accepted only while nothing refers to the old one."""
    require_editor(actor)
    obj = model.objects.select_for_update().get(pk=pk)
    before = audit.snapshot(obj)
    new_code = (data_.pop("code", None) or pk).strip().upper()
    for field, value in data_.items():
        setattr(obj, field, value)
    if new_code == pk:
        obj.full_clean()
        obj.save()
        audit.record_update(actor, obj, before)
        return obj
    if is_builtin(obj):
        raise CatalogueError(f"Mã {pk} là mã theo quy định, không được đổi.", "code")
    used = reference_count(obj)
    if used:
        raise CatalogueError(
            f"Mã {pk} đã được dùng ở {used} mục (sổ khen thưởng, hệ số, ngưỡng...), không được đổi mã. "
            "Chỉ có thể sửa tên và các thông tin khác.",
            "code",
        )
    if model.objects.filter(pk=new_code).exists():
        raise CatalogueError(f"Mã {new_code} đã có trong danh mục; hãy chọn mã khác.", "code")
    old = model.objects.get(pk=pk)
    obj.code = new_code
    obj.full_clean()
    obj.save(force_insert=True)
    old.delete()
    audit.record(
        actor,
        "update",
        obj,
        changes=audit.diff(before, audit.snapshot(obj)),
        note=f"Đổi mã {pk} → {new_code}",
    )
    return obj


@transaction.atomic
def code_entry_delete(actor, obj: models.Model) -> None:
    """Delete a custom code nobody refers to."""
    require_editor(actor)
    if is_builtin(obj):
        raise CatalogueError(f"{_label(obj)} là mã theo quy định, không được xóa.")
    used = reference_count(obj)
    if used:
        raise CatalogueError(
            f"{_label(obj)} đã được dùng ở {used} mục, không được xóa. Có thể đánh dấu ngừng sử dụng."
            if isinstance(obj, Honour)
            else f"{_label(obj)} đã được dùng ở {used} mục, không được xóa."
        )
    audit.record_delete(actor, obj)
    obj.delete()


def _dated_create(
    actor, obj: models.Model, duplicate_q: dict[str, Any], duplicate_message: str
) -> models.Model:
    require_editor(actor)
    if type(obj).objects.filter(**duplicate_q).exists():
        raise CatalogueError(duplicate_message, "valid_from")
    obj.full_clean()
    obj.save()
    audit.record_create(actor, obj)
    return obj


@transaction.atomic
def multiple_create(
    actor,
    *,
    honour: Honour,
    subject_kind: str,
    multiple,
    valid_from,
    citation: str,
    valid_to=None,
) -> RewardMultiple:
    """A new reward multiple from ``valid_from``; earlier rows stay for older decisions."""
    if subject_kind == "individual" and not honour.for_individual:
        raise CatalogueError(f"{honour.name} không dành cho cá nhân.", "subject_kind")
    if subject_kind == "collective" and not honour.for_collective:
        raise CatalogueError(f"{honour.name} không dành cho tập thể.", "subject_kind")
    obj = RewardMultiple(
        honour=honour,
        subject_kind=subject_kind,
        multiple=multiple,
        valid_from=valid_from,
        valid_to=valid_to,
        citation=citation,
    )
    return _dated_create(
        actor,
        obj,
        {"honour": honour, "subject_kind": subject_kind, "valid_from": valid_from},
        f"Đã có hệ số tiền thưởng của {honour.name} ({obj.get_subject_kind_display().lower()}) "
        f"áp dụng từ {valid_from:%d/%m/%Y}. Mỗi lần thay đổi hãy thêm một dòng với ngày áp dụng mới.",
    )


@transaction.atomic
def base_salary_create(actor, *, valid_from, amount: int, source: str) -> BaseSalary:
    obj = BaseSalary(valid_from=valid_from, amount=amount, source=source)
    return _dated_create(
        actor,
        obj,
        {"valid_from": valid_from},
        f"Đã có mức lương cơ sở áp dụng từ {valid_from:%d/%m/%Y}; mức cũ được giữ nguyên làm lịch sử.",
    )


@transaction.atomic
def threshold_create(actor, *, honour: Honour, share, valid_from, citation: str) -> VoteThreshold:
    obj = VoteThreshold(honour=honour, share=share, valid_from=valid_from, citation=citation)
    return _dated_create(
        actor,
        obj,
        {"honour": honour, "valid_from": valid_from},
        f"Đã có ngưỡng biểu quyết của {honour.name} áp dụng từ {valid_from:%d/%m/%Y}.",
    )
