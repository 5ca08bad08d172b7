"""Publishing an issued decision on the portal and withdrawing it; the QR address; the
certificate's heading and who may have certificates printed."""

import datetime as dt

import pytest
from django.urls import reverse

from vinhdanh.catalogue.models import Honour
from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import certificates, services
from vinhdanh.decisions.models import Certificate, DecisionLine
from vinhdanh.decisions.services import DecisionsError


def test_publish_and_withdraw_audited_and_reason_kept(client, personas, issued):
    draft = services.decision_create(personas.unit_officer, issuer=issued.issuer, title="Khác")
    with pytest.raises(DecisionsError, match="đã ban hành"):
        services.decision_publish(personas.unit_officer, draft)
    with pytest.raises(DecisionsError, match="không có quyền"):
        services.decision_publish(personas.viewer, issued)
    portal = reverse("portal:decision_detail", args=[issued.pk])
    assert client.get(portal).status_code == 404  # issued but not published

    services.decision_publish(personas.unit_officer, issued)
    issued.refresh_from_db()
    assert issued.published and issued.published_at
    html = client.get(portal).content.decode()
    assert "Nguyễn Văn An" in html and "01/QĐ-SYT" in html
    assert "01/QĐ-SYT" in client.get(reverse("portal:decision_list")).content.decode()
    with pytest.raises(DecisionsError, match="đã được công khai"):
        services.decision_publish(personas.unit_officer, issued)

    with pytest.raises(DecisionsError, match="Cần ghi lý do"):
        services.decision_withdraw(personas.unit_officer, issued, reason=" ")
    services.decision_withdraw(personas.unit_officer, issued, reason="Sai tên một cá nhân")
    issued.refresh_from_db()
    assert not issued.published and issued.withdrawal_reason == "Sai tên một cá nhân"
    assert issued.withdrawn_at
    assert client.get(portal).status_code == 404
    assert "01/QĐ-SYT" not in client.get(reverse("portal:decision_list")).content.decode()
    notes = list(
        AuditEntry.objects.filter(
            object_type="decisions.decision", object_id=str(issued.pk), action="transition"
        ).values_list("note", flat=True)
    )
    assert any("Công khai" in n for n in notes)
    assert any("Gỡ" in n and "Sai tên một cá nhân" in n for n in notes)


def test_publish_buttons_and_permissions(client, login, personas, issued):
    publish = reverse("decisions:decision_publish", args=[issued.pk])
    withdraw = reverse("decisions:decision_withdraw", args=[issued.pk])
    for url in (publish, withdraw):
        response = client.post(url)
        assert response.status_code == 302 and "next=" in response["Location"]
    for url in (publish, withdraw):
        for who in (personas.outsider, personas.nobody):
            assert login(who).post(url, {"reason": "x"}).status_code == 404
        assert login(personas.viewer).post(url, {"reason": "x"}).status_code == 403
    officer = login(personas.unit_officer)
    detail = reverse("decisions:decision_detail", args=[issued.pk])
    assert "Công khai trên cổng thông tin" in officer.get(detail).content.decode()
    officer.post(publish)
    issued.refresh_from_db()
    assert issued.published
    officer.post(withdraw, {"reason": "Chờ đính chính"})
    issued.refresh_from_db()
    assert not issued.published
    assert "Chờ đính chính" in officer.get(detail).content.decode()


# --- QR address --------------------------------------------------------------------------------


def test_printing_refused_without_public_base_url_in_production(login, settings, personas, issued):
    certificates.certificates_issue(personas.unit_officer, issued)
    settings.PUBLIC_BASE_URL = ""
    settings.DEBUG = False
    with pytest.raises(DecisionsError, match="PUBLIC_BASE_URL"):
        certificates.full_design_html(issued)
    response = login(personas.signer).get(
        reverse("decisions:certificates_pdf", args=[issued.pk]), follow=True
    )
    assert "Chưa cấu hình địa chỉ công khai" in response.content.decode()
    assert not response["Content-Type"].startswith("application/pdf")


def test_debug_falls_back_to_local_address(settings, personas, issued):
    certificates.certificates_issue(personas.unit_officer, issued)
    settings.PUBLIC_BASE_URL = ""
    settings.DEBUG = True
    cert = Certificate.objects.first()
    html = certificates.full_design_html(issued)
    assert f"http://127.0.0.1:8000/cong-khai/xac-minh/{cert.public_token}/" in html


def test_verification_page_shows_honour_number_date_issuer_and_state(client, personas, issued):
    certificates.certificates_issue(personas.unit_officer, issued)
    cert = Certificate.objects.order_by("line__position").first()
    url = reverse("portal:verify_token", args=[cert.public_token])
    html = client.get(url).content.decode()
    for text in ("Lao động tiên tiến", "01/QĐ-SYT", "01/08/2025", "Sở Y tế", "Còn hiệu lực"):
        assert text in html, text
    services.decision_revoke(personas.signer, issued, reason="Kê khai không trung thực")
    assert "Đã bị hủy bỏ" in client.get(url).content.decode()


# --- certificates: heading and jurisdiction ------------------------------------------------------


@pytest.mark.parametrize(
    "code, heading",
    [
        ("BK_TINH", "BẰNG KHEN"),
        ("BK_TTG", "BẰNG KHEN"),
        ("GIAY_KHEN", "GIẤY KHEN"),
        ("CO_TD_TINH", "CỜ THI ĐUA"),
        ("CO_TD_CP", "CỜ THI ĐUA"),
        ("CSTDCS", "CHIẾN SĨ THI ĐUA CƠ SỞ"),
        ("LDTT", "LAO ĐỘNG TIÊN TIẾN"),
    ],
)
def test_heading_from_the_catalogue(db, code, heading):
    assert certificates.heading_of(Honour.objects.get(pk=code)) == heading


def test_heading_in_the_certificate_context(personas, issued):
    certificates.certificates_issue(personas.unit_officer, issued)
    html = certificates.full_design_html(issued)
    assert "LAO ĐỘNG TIÊN TIẾN" in html


def test_certificates_only_for_honours_the_issuer_confers(personas, issued, people):
    """A line of an honour the Sở does not confer (left from before the check) gets none."""
    DecisionLine.objects.create(
        decision=issued,
        position=99,
        person=people.foreign,
        name=people.foreign.full_name,
        subject_kind="individual",
        honour=Honour.objects.get(pk="BK_TINH"),
        achievement_year=2025,
    )
    assert certificates.certificates_issue(personas.unit_officer, issued) == 2
    assert not Certificate.objects.filter(line__position=99).exists()
    assert "Phạm Đức Dũng" not in certificates.full_design_html(issued)


def test_issue_date_is_kept_for_the_register(issued):
    issued.refresh_from_db()
    assert issued.date == dt.date(2025, 8, 1)
