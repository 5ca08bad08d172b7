"""The number book: reserving ("giữ số") and cancelling ("hủy số") document numbers.

Numbers come from core.numbering; they are never edited or deleted. A reserved number that is
not used is cancelled with a reason and stays in the book.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import Http404

from vinhdanh.core.models import DocumentNumber
from vinhdanh.core.numbering import NumberingError, number_cancel, reserve_number_for

from ..permissions import EmulationError
from ..selectors.numbers import issuers_for, numbers_visible


@transaction.atomic
def number_book_reserve(
    actor,
    *,
    issuer_key: str,
    doc_type: str,
    year: int | None = None,
    title: str = "",
    doc_date: dt.date | None = None,
) -> DocumentNumber:
    issuer = next((i for i in issuers_for(actor) if i.key == issuer_key), None)
    if issuer is None:
        raise EmulationError("Bạn không được lấy số cho cơ quan ban hành này.")
    return reserve_number_for(
        actor,
        issuer_key=issuer.key,
        issuer_abbreviation=issuer.abbreviation,
        issuer_name=issuer.name,
        unit=issuer.unit,
        doc_type=doc_type,
        year=year,
        on=doc_date,
        title=title,
        error=EmulationError,
    )


def number_in_book_or_404(user, pk) -> DocumentNumber:
    try:
        return numbers_visible(user).get(pk=pk)
    except DocumentNumber.DoesNotExist as exc:
        raise Http404("Không tìm thấy số văn bản hoặc bạn không có quyền truy cập.") from exc


@transaction.atomic
def number_book_cancel(actor, number: DocumentNumber, *, reason: str) -> DocumentNumber:
    try:
        return number_cancel(actor, number, reason=reason)
    except NumberingError as exc:
        raise EmulationError(str(exc)) from exc
