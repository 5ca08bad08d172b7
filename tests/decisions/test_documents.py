import hashlib
import io
import re

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from vinhdanh.catalogue.models import Honour
from vinhdanh.core.models import AuditEntry, StoredFile
from vinhdanh.decisions import documents, issued_files
from vinhdanh.decisions.services import DecisionsError
from vinhdanh.documents.docx import docx_text
from vinhdanh.documents.pdf import soffice_path


def test_docx_has_number_title_names_and_total_in_words(issued):
    lines = list(issued.lines.select_related("honour").order_by("position"))
    data = documents.decision_docx(issued, lines)
    Document(io.BytesIO(data))  # opens
    text = docx_text(data)
    for expected in (
        "Số: 01/QĐ-SYT",
        "QUYẾT ĐỊNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Luật Thi đua, khen thưởng",
        "Điều 1.",
        "Điều 3.",
        "Nơi nhận",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lao động tiên tiến",
        "1.420.000 đồng",
        "Một triệu bốn trăm hai mươi nghìn đồng",
        "Nguyễn Văn Giám",
        "Hà Nội",
    ):
        assert expected in text, expected
    # Điều 1–3, then the signature and "Nơi nhận", then the annex
    assert (
        text.index("Điều 3.") < text.index("Nguyễn Văn Giám") < text.index("DANH SÁCH CÁC TẬP THỂ")
    )
    assert text.index("Nơi nhận") < text.index("DANH SÁCH CÁC TẬP THỂ")


def _body(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice không có trên máy này")
def test_issue_stores_the_files_and_every_download_serves_those_bytes(
    real_pdf, login, personas, issued
):
    issued.refresh_from_db()
    docx_file, pdf_file = issued.docx_file, issued.pdf_file
    assert docx_file.generated and pdf_file.original_name == "quyet-dinh-01-2025.pdf"
    client = login(personas.viewer)
    url = reverse("decisions:document_download", args=[issued.pk, "docx"])
    first, second = _body(client.get(url)), _body(client.get(url))
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert hashlib.sha256(first).hexdigest() == docx_file.sha256
    assert "01/QĐ-SYT" in docx_text(first) and "Trần Thị Bình" in docx_text(first)
    pdf = _body(client.get(reverse("decisions:document_download", args=[issued.pk, "pdf"])))
    assert hashlib.sha256(pdf).hexdigest() == pdf_file.sha256
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "01/QĐ-SYT" in text and "Nguyễn Văn An" in text
    # a later change in the catalogue does not touch the issued document
    Honour.objects.filter(pk="LDTT").update(name="Lao động tiên tiến (tên mới)")
    again = _body(client.get(url))
    assert hashlib.sha256(again).hexdigest() == docx_file.sha256
    assert "tên mới" not in docx_text(again)
    # the page shows the checksums
    page = client.get(reverse("decisions:decision_detail", args=[issued.pk])).content.decode()
    assert docx_file.sha256 in page and pdf_file.sha256 in page
    assert AuditEntry.objects.filter(
        object_type="decisions.decision", note__contains=docx_file.sha256
    ).exists()
    # outsider and role-less: not found
    for who in (personas.outsider, personas.nobody):
        c = login(who)
        assert c.get(url).status_code == 404


def test_draft_files_generated_on_request_unnumbered_and_not_stored(
    real_pdf, login, personas, draft
):
    client = login(personas.unit_officer)
    response = client.get(reverse("decisions:document_download", args=[draft.pk, "docx"]))
    assert 'filename="du-thao-quyet-dinh-' in response["Content-Disposition"]
    text = docx_text(_body(response))
    # unnumbered: the number is left blank before the symbol (NĐ 30, "Số:      /QĐ-SYT")
    assert "Nguyễn Văn An" in text and re.search(r"Số:\s+/QĐ-SYT", text)
    assert not re.search(r"\d+/QĐ-SYT", text)
    draft.refresh_from_db()
    assert draft.number is None and draft.docx_file is None and draft.pdf_file is None
    response = client.get(reverse("decisions:document_download", args=[draft.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert StoredFile.objects.count() == 0


def test_draft_files_refused_for_viewer_and_after_issue(personas, draft, issued):
    with pytest.raises(DecisionsError, match="không có quyền"):
        issued_files.draft_file(personas.viewer, draft, "docx")
    with pytest.raises(DecisionsError, match="đã lưu khi ban hành"):
        issued_files.draft_file(personas.unit_officer, issued, "docx")


def test_download_refuses_anonymous(client, issued):
    url = reverse("decisions:document_download", args=[issued.pk, "pdf"])
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]
