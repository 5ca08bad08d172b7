"""manage.py document_samples: every paper from the demo data, nothing left in the database."""

from __future__ import annotations

import contextlib
import io

import openpyxl
import pytest
from django.core.management import call_command

from tests.documents import nd30
from vinhdanh.core.models import DocumentNumber
from vinhdanh.decisions.models import Decision
from vinhdanh.nominations.models import Dossier

EXPECTED = {
    "decision.docx", "decision-draft.docx", "submission-letter.docx",
    "achievement-report-person.docx", "achievement-report-collective.docx",
    "council-minutes.docx", "meeting-minutes.docx", "covenant.docx", "period-review.docx",
    "certificate.pdf", "candidate-list.xlsx",
}  # fmt: skip


@pytest.mark.django_db
def test_document_samples_from_the_demo(tmp_path, settings):
    settings.PUBLIC_BASE_URL = "https://tdkt.example.gov.vn"  # the certificate's QR code
    call_command("demo_data", verbosity=0)
    numbers = DocumentNumber.objects.count()
    decisions, dossiers = Decision.objects.count(), Dossier.objects.count()
    out = io.StringIO()
    call_command("document_samples", str(tmp_path), "--no-pdf", stdout=out)
    assert {p.name for p in tmp_path.iterdir()} == EXPECTED
    # the transient dossier, decision and numbers were rolled back
    assert (Decision.objects.count(), Dossier.objects.count()) == (decisions, dossiers)
    assert DocumentNumber.objects.count() == numbers
    read = lambda name: (tmp_path / name).read_bytes()  # noqa: E731
    decision = nd30.check_docx(read("decision.docx"), annex=True,
                               signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])  # fmt: skip
    assert (
        "Phạm Quang Huy" in decision.text() and "cá nhân (có danh sách kèm theo)" in decision.text()
    )
    nd30.check_docx(read("decision-draft.docx"), final=False, annex=True)
    nd30.check_docx(read("submission-letter.docx"), annex=True)
    for name in ("achievement-report-person.docx", "achievement-report-collective.docx"):
        nd30.check_docx(read(name), number=False, recipients=False)
    assert read("certificate.pdf").startswith(b"%PDF")
    sheet = openpyxl.load_workbook(tmp_path / "candidate-list.xlsx").active
    top = list(sheet.iter_rows(max_row=6, values_only=True))
    assert top[0][0].startswith("Danh sách đủ điều kiện khen thưởng năm 2025")  # the report title
    assert any(row[0] == "STT" for row in top)  # then the header row (core export helper)
    # The independent checker, run on the whole folder as a reviewer would (drafts by name).
    from tests.documents.nd30check_loader import nd30check

    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        status = nd30check.main([str(tmp_path), "-q"])
    assert status == 0, report.getvalue()
    assert "decision-draft.docx: PASS [decision, draft]" in report.getvalue()
