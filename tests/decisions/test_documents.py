import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import documents
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


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice không có trên máy này")
def test_generate_stores_docx_and_pdf_downloadable(login, personas, issued):
    client = login(personas.signer)
    client.post(reverse("decisions:documents_generate", args=[issued.pk]))
    issued.refresh_from_db()
    assert issued.docx_file.generated and issued.pdf_file.original_name.endswith(".pdf")
    response = client.get(reverse("decisions:document_download", args=[issued.pk, "pdf"]))
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "01/QĐ-SYT" in text and "Nguyễn Văn An" in text
    response = client.get(reverse("decisions:document_download", args=[issued.pk, "docx"]))
    assert "Trần Thị Bình" in docx_text(b"".join(response.streaming_content))
    assert AuditEntry.objects.filter(
        object_type="decisions.decision", note__contains="Tạo văn bản"
    ).exists()
    # outsider and role-less: not found
    for who in (personas.outsider, personas.nobody):
        c = login(who)
        assert (
            c.get(reverse("decisions:document_download", args=[issued.pk, "pdf"])).status_code
            == 404
        )
        assert c.post(reverse("decisions:documents_generate", args=[issued.pk])).status_code == 404


def test_generate_refused_for_viewer(personas, issued):
    with pytest.raises(DecisionsError):
        documents.documents_generate(personas.viewer, issued)
    issued.refresh_from_db()
    assert issued.docx_file is None


def test_download_refuses_anonymous(client, issued):
    for url in (
        reverse("decisions:document_download", args=[issued.pk, "pdf"]),
        reverse("decisions:documents_generate", args=[issued.pk]),
    ):
        response = client.post(url) if "tao" in url else client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"]
