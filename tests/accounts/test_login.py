import pytest
from django.urls import reverse

from vinhdanh.core.models import AuditEntry


@pytest.mark.django_db
def test_login_with_right_password_opens_home(client, personas):
    response = client.post(
        reverse("accounts:login"),
        {"username": "cb_syt", "password": personas.password},
        follow=True,
    )
    assert response.wsgi_request.user.username == "cb_syt"
    assert "Tổng quan" in response.content.decode()
    assert AuditEntry.objects.filter(actor__username="cb_syt", action="login").exists()


@pytest.mark.django_db
def test_password_is_hashed_with_argon2(argon2_hashers, personas):
    assert personas.unit_officer.password.startswith("argon2")


@pytest.mark.django_db
def test_login_locks_after_repeated_failures(client, personas, settings):
    settings.LOGIN_MAX_FAILURES = 3
    url = reverse("accounts:login")
    for _ in range(3):
        r = client.post(url, {"username": "cb_syt", "password": "sai-mat-khau"})
        assert r.wsgi_request.user.is_anonymous
    # The right password is refused while the lock lasts, with a message saying so.
    r = client.post(url, {"username": "cb_syt", "password": personas.password})
    assert r.wsgi_request.user.is_anonymous
    assert "tạm khóa" in r.content.decode()
    personas.unit_officer.refresh_from_db()
    assert personas.unit_officer.locked_until is not None


@pytest.mark.django_db
def test_logout_requires_post(login, personas):
    client = login(personas.unit_officer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_password_change_needs_old_password(login, personas):
    client = login(personas.unit_officer)
    new = "Mat-khau-moi-an-toan-2026"
    r = client.post(
        reverse("accounts:password_change"),
        {"old_password": "sai", "new_password1": new, "new_password2": new},
    )
    assert "không chính xác" in r.content.decode() or "incorrect" in r.content.decode()
    client.post(
        reverse("accounts:password_change"),
        {"old_password": personas.password, "new_password1": new, "new_password2": new},
    )
    personas.unit_officer.refresh_from_db()
    assert personas.unit_officer.check_password(new)


@pytest.mark.django_db
def test_home_refuses_anonymous(client):
    r = client.get(reverse("core:home"))
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]
