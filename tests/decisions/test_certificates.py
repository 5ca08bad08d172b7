import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import certificates, services
from vinhdanh.decisions.models import Certificate, CertificateBlank
from vinhdanh.decisions.services import DecisionsError


def _pdf_text(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), " ".join(p.extract_text() for p in reader.pages)


@pytest.fixture
def blank(db):
    return CertificateBlank.objects.create(
        name="Phôi Giấy khen Sở",
        positions={"name": {"x": 70, "y": 90, "size": 24}},
    )


def test_issue_certificates_serials_and_audit(personas, issued):
    assert certificates.certificates_issue(personas.unit_officer, issued) == 2
    assert certificates.certificates_issue(personas.unit_officer, issued) == 0  # idempotent
    serials = list(Certificate.objects.order_by("line__position").values_list("serial", flat=True))
    assert serials == ["2025/01/QĐ-SYT-0001", "2025/01/QĐ-SYT-0002"]
    assert AuditEntry.objects.filter(note__contains="Cấp 2 bằng, giấy khen").exists()


def test_issue_certificates_refused_on_draft_and_for_viewer(personas, draft, issued):
    with pytest.raises(DecisionsError):
        certificates.certificates_issue(personas.viewer, issued)
    other = services.decision_create(personas.unit_officer, issuer=issued.issuer, title="Khác")
    with pytest.raises(DecisionsError, match="đã ban hành"):
        certificates.certificates_issue(personas.unit_officer, other)
    assert Certificate.objects.count() == 0


def test_full_design_has_qr_of_verification_url(personas, issued):
    certificates.certificates_issue(personas.unit_officer, issued)
    cert = Certificate.objects.order_by("line__position").first()
    html = certificates.full_design_html(issued)
    # absolute: the QR is read by a phone outside the office
    assert f"https://tdkt.example.gov.vn/cong-khai/xac-minh/{cert.public_token}/" in html
    assert html.count("data:image/png;base64,") == 2
    # heading from the catalogue's name of the title
    assert "LAO ĐỘNG TIÊN TIẾN" in html and "Nguyễn Văn An" in html


def test_full_design_pdf_opens_one_page_per_line(login, personas, issued):  # WeasyPrint
    certificates.certificates_issue(personas.unit_officer, issued)
    client = login(personas.viewer)
    pages, text = _pdf_text(client.get(reverse("decisions:certificates_pdf", args=[issued.pk])))
    assert pages == 2
    assert "Nguyễn Văn An" in text and "Trần Thị Bình" in text and "01/QĐ-SYT" in text


def test_blank_batch_and_preview(login, personas, issued, blank):
    certificates.certificates_issue(personas.unit_officer, issued)
    html = certificates.blank_html(blank, issued)
    assert (
        "left: 70.0mm; top: 90.0mm; font-size: 24pt"
        in html.replace("70mm", "70.0mm").replace("90mm", "90.0mm")
        or "left: 70mm; top: 90mm; font-size: 24pt" in html
    )
    client = login(personas.viewer)
    url = reverse("decisions:certificates_blank_pdf", args=[issued.pk, blank.pk])
    pages, text = _pdf_text(client.get(url))
    assert pages == 2 and "Trần Thị Bình" in text
    pages, text = _pdf_text(client.get(reverse("decisions:blank_preview", args=[blank.pk])))
    assert pages == 1 and "Nguyễn Văn Mẫu" in text


def test_blank_admin_calibrates_positions(login, personas, blank):
    data = {"name": "Phôi mới", "width_mm": 297, "height_mm": 210}
    for key in ("name", "honour", "decision", "date"):
        data |= {f"{key}_x": 50, f"{key}_y": 60, f"{key}_size": 14}
    data["name_x"] = "82.5"
    assert (
        login(personas.unit_officer).post(reverse("decisions:blank_create"), data).status_code
        == 404
    )
    client = login(personas.admin)
    client.post(reverse("decisions:blank_edit", args=[blank.pk]), data)
    blank.refresh_from_db()
    assert blank.name == "Phôi mới"
    assert blank.positions["name"] == {"x": 82.5, "y": 60.0, "size": 14.0}
    assert AuditEntry.objects.filter(object_type="decisions.certificateblank").exists()


def test_certificate_pages_refuse_outsider_roleless_anonymous(
    client, login, personas, issued, blank
):
    certificates.certificates_issue(personas.unit_officer, issued)
    urls = [
        reverse("decisions:certificates_pdf", args=[issued.pk]),
        reverse("decisions:certificates_blank_pdf", args=[issued.pk, blank.pk]),
        reverse("decisions:certificates_issue", args=[issued.pk]),
    ]
    blank_urls = [
        reverse("decisions:blank_list"),
        reverse("decisions:blank_create"),
        reverse("decisions:blank_edit", args=[blank.pk]),
        reverse("decisions:blank_preview", args=[blank.pk]),
    ]
    for url in urls + blank_urls:
        response = client.post(url) if "cap-bang" in url else client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"], url
    for who in (personas.outsider, personas.nobody):
        c = login(who)
        for url in urls:
            response = c.post(url) if "cap-bang" in url else c.get(url)
            assert response.status_code == 404, url
    c = login(personas.nobody)
    for url in blank_urls:
        assert c.get(url).status_code == 404, url
    assert Certificate.objects.count() == 2
