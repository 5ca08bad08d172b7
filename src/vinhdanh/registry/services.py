"""Every write to the commendation register: permission, validation, write, audit.

A register row belongs to a person or to a collective (a unit). The actor needs
EDIT_REGISTER on the subject's unit (the person's current unit, or the unit itself); a subject
outside the actor's view scope is "not found" (Http404), one the actor may see but not edit is
"forbidden" (PermissionDenied).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.orgs.models import Person, Unit

from .models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord

MIN_YEAR = 1945


class RegistryError(Exception):
    """A refused register change; ``code`` is "duplicate" or "invalid"."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


ENTRY_MODELS: dict[str, type] = {
    "rating": RatingRecord,
    "honour": HonourRecord,
    "initiative": InitiativeRecord,
    "discipline": DisciplineRecord,
}
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "rating": ("year", "rating", "note"),
    "honour": (
        "honour",
        "achievement_year",
        "decision_number",
        "decision_date",
        "issuer",
        "signer",
        "note",
    ),
    "initiative": ("kind", "scope", "year", "title", "document", "document_date", "note"),
    "discipline": ("form", "start", "end", "decision", "note"),
}


def kind_of(record) -> str:
    for kind, model in ENTRY_MODELS.items():
        if isinstance(record, model):
            return kind
    raise ValueError(record)


def subject_unit(subject) -> Unit:
    return subject.unit if isinstance(subject, Person) else subject


def record_unit(record) -> Unit:
    return record.person.unit if record.person_id else record.unit


def require_edit(actor, unit: Unit) -> None:
    if not can_on_unit(actor, Capability.VIEW, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    if not can_on_unit(actor, Capability.EDIT_REGISTER, unit):
        raise PermissionDenied(
            "Bạn không có quyền cập nhật sổ thi đua, khen thưởng của đơn vị này."
        )


def decision_text(number: str, date: dt.date | None) -> str:
    parts = []
    if number:
        parts.append(f"QĐ số {number}")
    if date:
        parts.append(f"ngày {date:%d/%m/%Y}")
    return " ".join(parts) if parts else "chưa ghi số quyết định"


def _check_year(value, field: str, label: str) -> None:
    this_year = timezone.localdate().year
    if value is None or not (MIN_YEAR <= int(value) <= this_year):
        raise RegistryError(f"{label} phải từ {MIN_YEAR} đến {this_year}.", field)


def _check_not_future(value: dt.date | None, field: str, label: str) -> None:
    if value and value > timezone.localdate():
        raise RegistryError(f"{label} ({value:%d/%m/%Y}) không được ở tương lai.", field)


def _same_subject(model, record):
    qs = (
        model.objects.filter(person_id=record.person_id)
        if record.person_id
        else model.objects.filter(unit_id=record.unit_id)
    )
    return qs.exclude(pk=record.pk) if record.pk else qs


def _validate(kind: str, record) -> None:
    """Vietnamese, actionable refusals; the database constraints back the duplicate checks."""
    if bool(record.person_id) == bool(record.unit_id):
        raise RegistryError("Mỗi mục phải thuộc đúng một cá nhân hoặc một tập thể.")
    try:
        if kind == "rating":
            _validate_rating(record)
        elif kind == "honour":
            _validate_honour(record)
        elif kind == "initiative":
            _validate_initiative(record)
        else:
            _validate_discipline(record)
    except ObjectDoesNotExist as exc:
        raise RegistryError("Mã không có trong danh mục.", None) from exc


def _validate_rating(r: RatingRecord) -> None:
    if not r.rating_id:
        raise RegistryError("Chọn mức xếp loại.", "rating")
    _check_year(r.year, "year", "Năm xếp loại")
    existing = _same_subject(RatingRecord, r).filter(year=r.year).select_related("rating").first()
    if existing:
        raise RegistryError(
            f"Đã có xếp loại năm {r.year} trong sổ ({existing.rating.name}). Hãy sửa mục đã có thay vì thêm mới.",
            "year",
            "duplicate",
        )


def _validate_honour(r: HonourRecord) -> None:
    if not r.honour_id:
        raise RegistryError("Chọn danh hiệu hoặc hình thức khen thưởng.", "honour")
    honour = r.honour
    if r.person_id and not honour.for_individual:
        raise RegistryError(f"{honour.name} không dành cho cá nhân.", "honour")
    if r.unit_id and not honour.for_collective:
        raise RegistryError(f"{honour.name} không dành cho tập thể.", "honour")
    _check_year(r.achievement_year, "achievement_year", "Năm thành tích")
    if r.decision_date:
        if r.decision_date < dt.date(int(r.achievement_year), 1, 1):
            raise RegistryError(
                f"Ngày quyết định {r.decision_date:%d/%m/%Y} không thể trước năm thành tích {r.achievement_year}.",
                "decision_date",
            )
        _check_not_future(r.decision_date, "decision_date", "Ngày quyết định")
    existing = (
        _same_subject(HonourRecord, r)
        .filter(honour_id=r.honour_id, achievement_year=r.achievement_year)
        .first()
    )
    if existing:
        raise RegistryError(
            f"Đã có {honour.name} năm {r.achievement_year} trong sổ "
            f"({decision_text(existing.decision_number, existing.decision_date)}).",
            "honour",
            "duplicate",
        )


def _validate_initiative(r: InitiativeRecord) -> None:
    if not r.kind_id or not r.scope_id:
        raise RegistryError("Chọn loại và phạm vi ảnh hưởng.", "kind" if not r.kind_id else "scope")
    if not (r.title or "").strip():
        raise RegistryError("Nhập tên sáng kiến/đề tài.", "title")
    r.title = r.title.strip()
    _check_year(r.year, "year", "Năm công nhận")
    if r.document_date:
        _check_not_future(r.document_date, "document_date", "Ngày văn bản")
    existing = (
        _same_subject(InitiativeRecord, r)
        .filter(year=r.year, title__iexact=r.title)
        .select_related("kind")
        .first()
    )
    if existing:
        raise RegistryError(
            f"Đã có {existing.kind.name.lower()} “{existing.title}” năm {r.year} trong sổ "
            f"({existing.document or 'chưa ghi văn bản công nhận'}).",
            "title",
            "duplicate",
        )


def _validate_discipline(r: DisciplineRecord) -> None:
    if not r.form_id:
        raise RegistryError("Chọn hình thức kỷ luật.", "form")
    if not r.start:
        raise RegistryError("Nhập ngày bắt đầu kỷ luật.", "start")
    _check_year(r.start.year, "start", "Năm bắt đầu kỷ luật")
    _check_not_future(r.start, "start", "Ngày bắt đầu kỷ luật")
    if r.end and r.end < r.start:
        raise RegistryError(
            f"Ngày kết thúc ({r.end:%d/%m/%Y}) phải từ ngày bắt đầu ({r.start:%d/%m/%Y}) trở đi.",
            "end",
        )
    existing = (
        _same_subject(DisciplineRecord, r)
        .filter(form_id=r.form_id, start=r.start)
        .select_related("form")
        .first()
    )
    if existing:
        raise RegistryError(
            f"Đã có kỷ luật {existing.form.name.lower()} từ ngày {r.start:%d/%m/%Y} trong sổ "
            f"({existing.decision or 'chưa ghi quyết định'}).",
            "start",
            "duplicate",
        )


def _save(kind: str, record) -> None:
    _validate(kind, record)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:  # a concurrent insert won the race
        raise RegistryError("Mục này đã có trong sổ.", None, "duplicate") from exc


@transaction.atomic
def entry_create(
    actor,
    entry_kind: str,
    /,
    *,
    person: Person | None = None,
    unit: Unit | None = None,
    **fields: Any,
):
    """Add a register row of ``kind`` (rating, honour, initiative, discipline) for a subject."""
    if (person is None) == (unit is None):
        raise RegistryError("Mỗi mục phải thuộc đúng một cá nhân hoặc một tập thể.")
    require_edit(actor, subject_unit(person or unit))
    model = ENTRY_MODELS[entry_kind]
    record = model(person=person, unit=unit, **fields)
    if model is HonourRecord:
        record.freeze_statistics(person=person, unit=unit)
    _save(entry_kind, record)
    audit.record_create(actor, record, unit_id=subject_unit(person or unit).pk)
    return record


@transaction.atomic
def entry_update(actor, record, **fields: Any):
    kind = kind_of(record)
    unit = record_unit(record)
    require_edit(actor, unit)
    allowed = EDITABLE_FIELDS[kind]
    before = audit.snapshot(record)
    for name, value in fields.items():
        base = name[:-3] if name.endswith("_id") else name
        if base not in allowed:
            raise RegistryError(f"Không sửa được trường {name}.", name)
        setattr(record, name, value)
    _save(kind, record)
    audit.record_update(actor, record, before, unit_id=unit.pk)
    return record


@transaction.atomic
def entry_delete(actor, record) -> None:
    unit = record_unit(record)
    require_edit(actor, unit)
    audit.record_delete(actor, record, unit_id=unit.pk)
    record.delete()


def rating_create(actor, **kwargs):
    return entry_create(actor, "rating", **kwargs)


def honour_create(actor, **kwargs):
    return entry_create(actor, "honour", **kwargs)


def initiative_create(actor, **kwargs):
    return entry_create(actor, "initiative", **kwargs)


def discipline_create(actor, **kwargs):
    return entry_create(actor, "discipline", **kwargs)


@transaction.atomic
def pending_review_set(actor, subject: Person | Unit, *, reason: str) -> None:
    """Mark a subject as under review (discipline, inspection, complaint): blocks commendation."""
    require_edit(actor, subject_unit(subject))
    reason = (reason or "").strip()
    if not reason:
        raise RegistryError(
            "Nhập lý do đang xem xét (ví dụ: đang bị thanh tra, có đơn khiếu nại).", "reason"
        )
    before = audit.snapshot(subject, ["pending_review", "pending_review_note"])
    subject.pending_review = True
    subject.pending_review_note = reason[:255]
    type(subject).objects.filter(pk=subject.pk).update(
        pending_review=True, pending_review_note=subject.pending_review_note
    )
    audit.record_update(
        actor, subject, before, unit_id=subject_unit(subject).pk, note="Đánh dấu đang xem xét"
    )


@transaction.atomic
def pending_review_clear(actor, subject: Person | Unit) -> None:
    require_edit(actor, subject_unit(subject))
    before = audit.snapshot(subject, ["pending_review", "pending_review_note"])
    subject.pending_review = False
    subject.pending_review_note = ""
    type(subject).objects.filter(pk=subject.pk).update(pending_review=False, pending_review_note="")
    audit.record_update(
        actor, subject, before, unit_id=subject_unit(subject).pk, note="Bỏ đánh dấu đang xem xét"
    )
