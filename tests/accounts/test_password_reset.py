"""Issue 11 §5: password reset by e-mail (the user asks) and by an administrator (link or
temporary password), both audited; the lockout message says what to do."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from vinhdanh.accounts import services
from vinhdanh.accounts.services import AccountsError
from vinhdanh.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

NEW = "Mat-khau-moi-2026!"


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture
def officer(personas):
    user = personas.unit_officer
    user.email = "cb.syt@hanoi.gov.vn"
    user.save(update_fields=["email"])
    return user


def test_reset_by_email_sets_a_new_password_once(client, officer, settings):
    settings.LOGIN_MAX_FAILURES = 2
    officer.failed_logins = 1
    officer.save(update_fields=["failed_logins"])
    r = client.post(reverse("accounts:password_reset"), {"email": "CB.SYT@hanoi.gov.vn"})
    assert r.status_code == 302 and r["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cb.syt@hanoi.gov.vn"]
    assert message.subject == "[VinhDanh] Đặt lại mật khẩu"
    assert "tài khoản “cb_syt”" in message.body and "trong 24 giờ" in message.body
    link = _link(message)
    page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    weak = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in weak.content.decode()
    done = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    officer.refresh_from_db()
    assert officer.check_password(NEW) and officer.failed_logins == 0
    notes = list(
        AuditEntry.objects.filter(object_id=str(officer.pk), action=AuditAction.SECURITY)
        .order_by("pk")
        .values_list("note", flat=True)
    )
    assert notes == [
        "Gửi liên kết đặt lại mật khẩu (người dùng yêu cầu)",
        "Đặt lại mật khẩu bằng liên kết qua thư",
    ]
    # The link works once.
    again = client.get(link, follow=True)
    assert "không hợp lệ hoặc đã được dùng" in again.content.decode()


def test_reset_form_does_not_reveal_whether_an_address_exists(client, officer):
    known = client.post(reverse("accounts:password_reset"), {"email": officer.email})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "ai.do@example.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_login_page_offers_the_reset(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in body and "Quên mật khẩu?" in body


def test_admin_sends_the_reset_link(login, personas, officer):
    client = login(personas.admin)
    detail = client.get(reverse("accounts:user_detail", args=[officer.pk])).content.decode()
    url = reverse("accounts:user_password_reset", args=[officer.pk])
    assert url in detail
    r = client.post(url, {"mode": "link"}, follow=True)
    assert "Đã gửi liên kết đặt lại mật khẩu tới cb.syt@hanoi.gov.vn." in r.content.decode()
    assert len(mail.outbox) == 1 and "Quản trị hệ thống đã gửi" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action=AuditAction.SECURITY, object_id=str(officer.pk))
    assert entry.actor == personas.admin
    assert entry.note == "Quản trị gửi liên kết đặt lại mật khẩu tới cb.syt@hanoi.gov.vn"


def test_admin_sets_a_temporary_password_shown_once(login, personas, officer, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    officer.failed_logins = 3
    officer.save(update_fields=["failed_logins"])
    client = login(personas.admin)
    r = client.post(
        reverse("accounts:user_password_reset", args=[officer.pk]), {"mode": "temporary"}
    )
    raw = re.search(r'<code id="temporary-password">([^<]+)</code>', r.content.decode()).group(1)
    officer.refresh_from_db()
    assert officer.check_password(raw) and officer.failed_logins == 0
    entry = AuditEntry.objects.get(action=AuditAction.SECURITY, object_id=str(officer.pk))
    assert entry.note == "Quản trị đặt mật khẩu tạm"
    assert raw not in str(entry.changes) and "password" not in entry.changes
    assert mail.outbox == []


def test_admin_link_needs_an_email_and_refuses_own_account(personas):
    with pytest.raises(AccountsError, match="chưa có thư điện tử"):
        services.user_password_reset(personas.admin, personas.viewer, mode="link")
    with pytest.raises(AccountsError, match="Đổi mật khẩu"):
        services.user_password_reset(personas.admin, personas.admin, mode="temporary")


def test_out_of_scope_admin_cannot_reset(client, personas, officer, tree):
    from tests.factories import UserFactory, grant

    other = UserFactory(username="quantri_ht2")
    grant(other, "admin", tree.hatinh)
    client.force_login(other)
    url = reverse("accounts:user_password_reset", args=[officer.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"mode": "temporary"}).status_code == 404
    officer.refresh_from_db()
    assert officer.check_password(personas.password)


def test_lockout_message_says_what_to_do(client, personas, settings):
    settings.LOGIN_MAX_FAILURES = 2
    url = reverse("accounts:login")
    for _ in range(2):
        client.post(url, {"username": "cb_syt", "password": "sai"})
    body = client.post(url, {"username": "cb_syt", "password": personas.password}).content
    text = body.decode()
    assert "do đăng nhập sai 2 lần liên tiếp" in text
    assert "Quên mật khẩu?" in text and "quản trị hệ thống mở khóa" in text
