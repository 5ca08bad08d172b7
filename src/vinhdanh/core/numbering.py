"""Numbered documents: one service gives every document its number.

Numbers run per issuer, document type and year from 1, with no gaps and no reuse
(Nghị định 30/2020/NĐ-CP, Điều 15): a reserved number that is not used is cancelled with a
reason, never handed out again. Concurrency: the sequence row is bumped with an UPDATE inside
the caller's transaction, which takes a row lock on PostgreSQL and the write lock on SQLite,
so two requests can never read the same value.

Producers use ONE entry point, never the reserve → issue → error dance themselves:

- ``issue_number_for(actor, obj, doc_type=…, unit=…, on=date, error=AppError)``: the object
  exists already (a decision, a dossier's tờ trình): reserve and issue in one transaction.
- ``with numbered(actor, doc_type=…, unit=…, on=date, error=AppError) as slot:`` the object is
  created with the number (``slot.number``) inside the block; set ``slot.obj`` and the number
  is issued for it when the block ends. An exception inside the block rolls back the
  reservation too, so no number is lost (gap-free).
- ``reserve_number_for(actor, obj, …)`` then ``issue_reserved(actor, number, obj, …)``: only
  where a number is deliberately held ahead of signing (the number book, a bloc's meeting minutes
  drafted with their number and issued when the signed copy is filed). A held number that is not
  used is cancelled with ``number_cancel`` and a reason.

``unit`` (an orgs Unit) gives the issuer key "unit:<pk>", its abbreviation and name; other
issuers (a bloc, a council with its own series) pass ``issuer_key``, ``issuer_abbreviation``,
``issuer_name``. Numbering errors are re-raised as ``error`` (the app's own exception class)
with the same Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import audit
from .models import AuditAction, DocumentNumber, DocumentType, NumberSequence, NumberStatus


class NumberingError(Exception):
    pass


def _bump(issuer_key: str, doc_type: str, year: int) -> int:
    updated = NumberSequence.objects.filter(
        issuer_key=issuer_key, doc_type=doc_type, year=year
    ).update(last_value=F("last_value") + 1)
    if not updated:
        try:
            with transaction.atomic():
                NumberSequence.objects.create(
                    issuer_key=issuer_key, doc_type=doc_type, year=year, last_value=1
                )
            return 1
        except IntegrityError:
            # Another transaction created the row first: bump it like everyone else.
            NumberSequence.objects.filter(
                issuer_key=issuer_key, doc_type=doc_type, year=year
            ).update(last_value=F("last_value") + 1)
    return NumberSequence.objects.filter(
        issuer_key=issuer_key, doc_type=doc_type, year=year
    ).values_list("last_value", flat=True)[0]


@transaction.atomic
def number_reserve(
    actor,
    *,
    issuer_key: str,
    issuer_abbreviation: str,
    doc_type: str,
    year: int | None = None,
    issuer_name: str = "",
    unit=None,
    title: str = "",
    doc_date: dt.date | None = None,
) -> DocumentNumber:
    """Take the next number of the issuer's sequence for the year."""
    if doc_type not in DocumentType.values:
        raise NumberingError(f"Loại văn bản không hợp lệ: {doc_type}")
    if not issuer_abbreviation:
        raise NumberingError("Cơ quan ban hành chưa có tên viết tắt để ghi số hiệu văn bản.")
    year = year or (doc_date.year if doc_date else timezone.localdate().year)
    seq = _bump(issuer_key, doc_type, year)
    number = DocumentNumber.objects.create(
        issuer_key=issuer_key,
        issuer_abbreviation=issuer_abbreviation,
        issuer_name=issuer_name,
        unit=unit,
        doc_type=doc_type,
        year=year,
        seq=seq,
        title=title[:500],
        doc_date=doc_date,
        reserved_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record_create(actor, number)
    return number


@transaction.atomic
def number_issue(
    actor,
    number: DocumentNumber,
    *,
    obj=None,
    doc_date: dt.date | None = None,
    title: str | None = None,
) -> DocumentNumber:
    """Mark a reserved number as used by a document (``obj``)."""
    number = DocumentNumber.objects.select_for_update().get(pk=number.pk)
    if number.status != NumberStatus.RESERVED:
        raise NumberingError(
            f"Số {number.display} đang ở trạng thái “{number.get_status_display()}”, không thể ban hành."
        )
    before = audit.snapshot(number)
    number.status = NumberStatus.ISSUED
    number.issued_at = timezone.now()
    if doc_date:
        number.doc_date = doc_date
    if title is not None:
        number.title = title[:500]
    if obj is not None:
        number.object_type = obj._meta.label_lower
        number.object_id = str(obj.pk)
    number.save()
    audit.record(
        actor, AuditAction.TRANSITION, number, changes=audit.diff(before, audit.snapshot(number))
    )
    return number


@transaction.atomic
def number_cancel(actor, number: DocumentNumber, *, reason: str) -> DocumentNumber:
    """Cancel a reserved number. It stays in the book and is never given again."""
    if not reason or not reason.strip():
        raise NumberingError("Cần ghi lý do hủy số.")
    number = DocumentNumber.objects.select_for_update().get(pk=number.pk)
    if number.status != NumberStatus.RESERVED:
        raise NumberingError(
            f"Chỉ hủy được số đang giữ; số {number.display} đang “{number.get_status_display()}”."
        )
    before = audit.snapshot(number)
    number.status = NumberStatus.CANCELLED
    number.cancelled_at = timezone.now()
    number.cancel_reason = reason.strip()[:255]
    number.save()
    audit.record(
        actor, AuditAction.TRANSITION, number, changes=audit.diff(before, audit.snapshot(number))
    )
    return number


@dataclass
class NumberSlot:
    """What ``numbered`` yields: the reserved number, and the object it is issued for."""

    number: DocumentNumber
    obj: Any = None
    title: str | None = None


@contextmanager
def numbered(
    actor,
    *,
    doc_type: str,
    unit=None,
    issuer_key: str = "",
    issuer_abbreviation: str = "",
    issuer_name: str = "",
    on: dt.date | None = None,
    year: int | None = None,
    title: str = "",
    error: type[Exception] = NumberingError,
):
    """Reserve the issuer's next number, let the caller create the numbered object, issue it.
    Gap-free: everything runs in one transaction, an exception undoes the reservation."""
    with transaction.atomic():
        slot = NumberSlot(
            reserve_number_for(
                actor,
                doc_type=doc_type,
                unit=unit,
                issuer_key=issuer_key,
                issuer_abbreviation=issuer_abbreviation,
                issuer_name=issuer_name,
                on=on,
                year=year,
                title=title,
                error=error,
            )
        )
        yield slot
        slot.number = issue_reserved(
            actor, slot.number, slot.obj, on=on, title=slot.title, error=error
        )


def issue_number_for(
    actor,
    obj,
    *,
    doc_type: str,
    unit=None,
    issuer_key: str = "",
    issuer_abbreviation: str = "",
    issuer_name: str = "",
    on: dt.date | None = None,
    year: int | None = None,
    title: str = "",
    error: type[Exception] = NumberingError,
) -> DocumentNumber:
    """Give ``obj`` (already saved) the issuer's next number, issued at once."""
    with numbered(
        actor,
        doc_type=doc_type,
        unit=unit,
        issuer_key=issuer_key,
        issuer_abbreviation=issuer_abbreviation,
        issuer_name=issuer_name,
        on=on,
        year=year,
        title=title,
        error=error,
    ) as slot:
        slot.obj = obj
        slot.title = title or None
    return slot.number


def _issuer_kwargs(unit, issuer_key: str, issuer_abbreviation: str, issuer_name: str) -> dict:
    if unit is not None:
        issuer_key = issuer_key or f"unit:{unit.pk}"
        issuer_abbreviation = issuer_abbreviation or unit.abbreviation
        issuer_name = issuer_name or unit.name
    return {
        "issuer_key": issuer_key,
        "issuer_abbreviation": issuer_abbreviation,
        "issuer_name": issuer_name,
        "unit": unit,
    }


def reserve_number_for(
    actor,
    *,
    doc_type: str,
    unit=None,
    issuer_key: str = "",
    issuer_abbreviation: str = "",
    issuer_name: str = "",
    on: dt.date | None = None,
    year: int | None = None,
    title: str = "",
    error: type[Exception] = NumberingError,
) -> DocumentNumber:
    """Hold the issuer's next number for a document signed later (status RESERVED).
    The caller issues it with ``issue_reserved`` or cancels it with a reason."""
    try:
        return number_reserve(
            actor,
            doc_type=doc_type,
            year=year or (on.year if on else None),
            title=title,
            doc_date=on,
            **_issuer_kwargs(unit, issuer_key, issuer_abbreviation, issuer_name),
        )
    except NumberingError as exc:
        if error is NumberingError:
            raise
        raise error(str(exc)) from exc


def issue_reserved(
    actor,
    number: DocumentNumber,
    obj,
    *,
    on: dt.date | None = None,
    title: str | None = None,
    error: type[Exception] = NumberingError,
) -> DocumentNumber:
    """Issue a number held by ``reserve_number_for`` for the signed document ``obj``."""
    try:
        return number_issue(actor, number, obj=obj, doc_date=on, title=title)
    except NumberingError as exc:
        if error is NumberingError:
            raise
        raise error(str(exc)) from exc
