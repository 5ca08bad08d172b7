"""Certificates on pre-printed blanks (DOCUMENTS.md §8.7; issue 10 §2): per blank, x/y offsets
measured on the printed test page shift every field; the test page and an on-screen preview
show the positions with the offset in force."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import certificates
from vinhdanh.decisions.models import CertificateBlank

PT_PER_MM = 72 / 25.4


@pytest.fixture
def blank(db):
    return CertificateBlank.objects.create(
        name="Phôi Bằng khen Thành phố",
        positions={"name": {"x": 70, "y": 90, "size": 24}},
    )


def _x_of(pdf: bytes, needle: str) -> float:
    """The x (pt) where ``needle`` is drawn on page 1."""
    found = []

    def visit(text, cm, tm, font, size):
        if needle in text:
            found.append(cm[4] + tm[4] * cm[0])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert found, f"{needle!r} not drawn"
    return found[0]


def test_offset_shifts_every_field_and_the_marks(blank):
    plain = certificates.blank_html(blank, None, sample=certificates.SAMPLE, grid=True)
    assert "left: 70mm; top: 90mm; font-size: 24pt" in plain
    blank.positions[certificates.OFFSET_KEY] = {"x": -2, "y": 3.5}
    blank.save()
    html = certificates.blank_html(blank, None, sample=certificates.SAMPLE, grid=True)
    assert "left: 68mm; top: 93.5mm; font-size: 24pt" in html  # the name, shifted
    # every other field moves too (defaults: the decision number at 25 / 175 mm)
    assert "left: 23mm; top: 178.5mm" in html
    # the calibration marks: 20 mm from the top-left and bottom-right corners, shifted
    assert 'class="mk" style="left: 18mm; top: 23.5mm"' in html
    assert 'class="mk" style="left: 275mm; top: 193.5mm"' in html
    assert "độ lệch đang dùng: ngang -2 mm, dọc 3.5 mm" in html


def test_offset_moves_the_printed_text(blank):
    before = _x_of(certificates.blank_preview_pdf(blank), "Nguyễn Văn Mẫu")
    blank.positions[certificates.OFFSET_KEY] = {"x": 4, "y": 0}
    blank.save()
    after = _x_of(certificates.blank_preview_pdf(blank), "Nguyễn Văn Mẫu")
    assert after - before == pytest.approx(4 * PT_PER_MM, abs=0.3)


def test_admin_enters_offsets_and_sees_the_preview(login, personas, blank):
    client = login(personas.admin)
    page = client.get(reverse("decisions:blank_edit", args=[blank.pk])).content.decode()
    assert "Độ lệch máy in, ngang (mm)" in page and "Xem trước trên phôi" in page
    assert "Nguyễn Văn Mẫu" in page  # the sample certificate in the preview
    data = {"name": blank.name, "width_mm": 297, "height_mm": 210, "name_x": 70, "name_y": 90,
            "name_size": 24, "offset_x": "-2", "offset_y": "1.5"}  # fmt: skip
    response = client.post(reverse("decisions:blank_edit", args=[blank.pk]), data)
    assert response.status_code == 302
    blank.refresh_from_db()
    assert blank.positions[certificates.OFFSET_KEY] == {"x": -2.0, "y": 1.5}
    assert blank.positions["name"] == {"x": 70.0, "y": 90.0, "size": 24.0}
    entry = AuditEntry.objects.filter(object_type="decisions.certificateblank").latest("pk")
    assert "_offset" in str(entry.changes)
    page = client.get(reverse("decisions:blank_edit", args=[blank.pk])).content.decode()
    assert "left: 68mm; top: 91.5mm" in page  # the preview uses the saved offset
    assert "ngang -2 mm, dọc 1.5 mm" in page


def test_offset_out_of_range_is_refused(login, personas, blank):
    client = login(personas.admin)
    data = {"name": blank.name, "width_mm": 297, "height_mm": 210, "offset_x": "60"}
    response = client.post(reverse("decisions:blank_edit", args=[blank.pk]), data)
    assert response.status_code == 200
    assert "50" in response.content.decode()  # the form names the limit
    blank.refresh_from_db()
    assert certificates.OFFSET_KEY not in blank.positions


def test_calibration_pages_refused_to_anonymous_and_officers(client, login, personas, blank):
    urls = [
        reverse("decisions:blank_edit", args=[blank.pk]),
        reverse("decisions:blank_preview", args=[blank.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "next=" in response["Location"]  # to sign in
    officer = login(personas.unit_officer)
    assert officer.get(urls[0]).status_code == 404
    response = officer.post(urls[0], {"name": "x", "width_mm": 1, "height_mm": 1, "offset_x": 5})
    assert response.status_code == 404
    blank.refresh_from_db()
    assert (
        blank.name == "Phôi Bằng khen Thành phố" and certificates.OFFSET_KEY not in blank.positions
    )
