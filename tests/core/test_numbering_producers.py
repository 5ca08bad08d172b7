"""One numbered-document service: every producer numbers through core.numbering's entry points
(issue_number_for / numbered; reserve_number_for + issue_reserved where a number is held ahead),
never through the low-level reserve → issue dance, and the held path stays gap-free."""

import datetime as dt
import re
from pathlib import Path

import pytest

from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.core.numbering import (
    NumberingError,
    issue_number_for,
    issue_reserved,
    number_cancel,
    reserve_number_for,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "vinhdanh"
LOW_LEVEL = re.compile(r"\bnumber_(reserve|issue)\s*\(")


def test_no_producer_calls_the_low_level_numbering():
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel == "core/numbering.py" or "/migrations/" in rel:
            continue
        text = path.read_text(encoding="utf-8")
        for line_no, line in enumerate(text.splitlines(), 1):
            # the number book's view is *named* number_reserve; it calls the book service
            if LOW_LEVEL.search(line) and not line.lstrip().startswith("def "):
                offenders.append(f"{rel}:{line_no}: {line.strip()}")
    assert offenders == []


class AppError(Exception):
    pass


@pytest.mark.django_db
def test_reserve_then_issue_is_gap_free_and_audited(personas, tree):
    held = reserve_number_for(
        personas.admin, doc_type="BB", unit=tree.syt, on=dt.date(2026, 3, 5),
        title="Biên bản hội nghị",
    )  # fmt: skip
    assert held.display == "01/BB-SYT" and held.status == NumberStatus.RESERVED
    assert held.issuer_key == f"unit:{tree.syt.pk}" and held.year == 2026
    issued = issue_reserved(personas.admin, held, tree.syt)
    assert issued.status == NumberStatus.ISSUED and issued.object_id == str(tree.syt.pk)
    assert (
        AuditEntry.objects.filter(object_type="core.documentnumber", object_id=str(held.pk)).count()
        == 2
    )  # reserved, then issued
    # issuing twice is refused in the caller's own exception class
    with pytest.raises(AppError, match="không thể ban hành"):
        issue_reserved(personas.admin, issued, tree.syt, error=AppError)
    # a held number that is not used is cancelled; the next one follows it
    second = reserve_number_for(personas.admin, doc_type="BB", unit=tree.syt, year=2026)
    number_cancel(personas.admin, second, reason="Hội nghị hoãn")
    third = issue_number_for(personas.admin, tree.syt, doc_type="BB", unit=tree.syt, year=2026)
    assert (second.seq, third.seq) == (2, 3)
    assert DocumentNumber.objects.get(pk=second.pk).status == NumberStatus.CANCELLED


@pytest.mark.django_db
def test_reserve_errors_come_in_the_callers_class(personas, tree):
    with pytest.raises(AppError, match="tên viết tắt"):
        reserve_number_for(
            personas.admin, doc_type="BB", issuer_key="x", issuer_abbreviation="", error=AppError
        )
    with pytest.raises(NumberingError):
        reserve_number_for(personas.admin, doc_type="ZZ", unit=tree.syt)
    assert not DocumentNumber.objects.exists()
