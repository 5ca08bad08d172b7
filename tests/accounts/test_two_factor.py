"""Issue 11 §5: TOTP two-factor sign-in, required for administrators and signers, with hashed
one-time recovery codes; optional for the demo accounts when DEMO is on."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vinhdanh.accounts import twofactor
from vinhdanh.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def _password_step(client, user, password, next_url=""):
    data = {"username": user.username, "password": password}
    url = reverse("accounts:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


def _enrol(client, user, password):
    r = _password_step(client, user, password)
    assert r["Location"] == reverse("accounts:two_factor_setup")
    page = client.get(r["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(reverse("accounts:two_factor_setup"), {"code": _code(device)})
    codes = re.findall(
        r"<code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code>", done.content.decode()
    )
    client.post(reverse("accounts:logout"))
    return page, codes


@pytest.mark.parametrize("who", ["admin", "signer"])
def test_admin_and_signer_must_enrol_before_they_are_signed_in(client, personas, who, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code first, then the right one at once
    user = getattr(personas, who)
    r = _password_step(client, user, personas.password)
    assert r.status_code == 302 and r["Location"] == reverse("accounts:two_factor_setup")
    # Not signed in yet: data pages still send to the login page.
    home = client.get(reverse("core:home"))
    assert home.status_code == 302 and reverse("accounts:login") in home["Location"]
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page and "bắt buộc" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    done = client.post(reverse("accounts:two_factor_setup"), {"code": _code(device)})
    body = done.content.decode()
    codes = re.findall(r"<code>([A-Z2-7-]{19})</code>", body)
    assert len(codes) == 10 and "sẽ không hiển thị lại" in body
    assert client.get(reverse("core:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # Only hashes are kept.
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes}
    notes = set(AuditEntry.objects.filter(object_id=str(user.pk)).values_list("note", flat=True))
    assert {"Bật xác thực hai bước (TOTP)", "Đăng nhập (xác thực hai bước)"} <= notes


def test_enrolled_user_signs_in_with_a_code_and_next_is_kept(client, personas, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    _enrol(client, personas.admin, personas.password)
    device = TOTPDevice.objects.get(user=personas.admin, confirmed=True)
    r = _password_step(client, personas.admin, personas.password, next_url="/tai-khoan/nguoi-dung/")
    assert r["Location"] == reverse("accounts:two_factor")
    wrong = client.post(reverse("accounts:two_factor"), {"code": "123456"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    personas.admin.refresh_from_db()
    assert personas.admin.failed_logins == 1
    ok = client.post(reverse("accounts:two_factor"), {"code": _code(device, offset=1)})
    assert ok["Location"] == "/tai-khoan/nguoi-dung/"
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 200


def test_recovery_code_works_once(client, personas):
    _, codes = _enrol(client, personas.signer, personas.password)
    _password_step(client, personas.signer, personas.password)
    ok = client.post(reverse("accounts:two_factor"), {"code": codes[0].lower()})
    assert ok.status_code == 302 and ok["Location"] == reverse("core:home")
    assert AuditEntry.objects.filter(
        object_id=str(personas.signer.pk), note="Đăng nhập bằng mã khôi phục (còn 9 mã)"
    ).exists()
    client.post(reverse("accounts:logout"))
    _password_step(client, personas.signer, personas.password)
    again = client.post(reverse("accounts:two_factor"), {"code": codes[0]})
    assert "Mã xác thực không đúng" in again.content.decode()
    assert twofactor.remaining_recovery_codes(personas.signer) == 9


def test_wrong_codes_lock_the_account(client, personas, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # each attempt judged (the delay has its own test)
    _enrol(client, personas.admin, personas.password)
    _password_step(client, personas.admin, personas.password)
    for _ in range(3):
        client.post(reverse("accounts:two_factor"), {"code": "000000"})
    r = client.post(reverse("accounts:two_factor"), {"code": "000000"}, follow=True)
    assert "tạm khóa" in r.content.decode()
    personas.admin.refresh_from_db()
    assert personas.admin.locked_until is not None


def test_officer_signs_in_with_password_only_and_may_enrol(client, personas):
    r = _password_step(client, personas.unit_officer, personas.password)
    assert r["Location"] == reverse("core:home")
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page and "bắt buộc" not in page


def test_second_step_without_a_password_goes_to_login(client):
    for name in ("accounts:two_factor", "accounts:two_factor_setup"):
        r = client.get(reverse(name))
        assert r.status_code == 302 and r["Location"] == reverse("accounts:login")


def test_demo_accounts_skip_it_only_in_demo_mode(client, settings, tree):
    from tests.factories import UserFactory, grant

    demo_admin = UserFactory(username="quantri")  # a username of demo.scenario.ACCOUNTS
    assert "quantri" in twofactor.demo_usernames()
    grant(demo_admin, "admin", tree.hanoi)
    settings.DEMO = False
    assert twofactor.is_required(demo_admin)
    settings.DEMO = True
    assert not twofactor.is_required(demo_admin)


def test_admin_resets_a_lost_second_factor(client, personas, login):
    _enrol(client, personas.signer, personas.password)
    admin = login(personas.admin)
    url = reverse("accounts:user_two_factor_reset", args=[personas.signer.pk])
    assert (
        url
        in admin.get(reverse("accounts:user_detail", args=[personas.signer.pk])).content.decode()
    )
    admin.post(url)
    assert not TOTPDevice.objects.filter(user=personas.signer).exists()
    assert not StaticToken.objects.filter(device__user=personas.signer).exists()
    entry = AuditEntry.objects.get(note="Quản trị đặt lại xác thực hai bước")
    assert entry.actor == personas.admin and entry.action == AuditAction.SECURITY


def test_out_of_scope_admin_cannot_reset_second_factor(client, personas, tree):
    from tests.factories import UserFactory, grant

    _enrol(client, personas.signer, personas.password)
    other = UserFactory(username="quantri_ht3")
    grant(other, "admin", tree.hatinh)
    client.force_login(other)
    url = reverse("accounts:user_two_factor_reset", args=[personas.signer.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=personas.signer, confirmed=True).exists()


def test_a_code_right_after_a_wrong_one_is_asked_to_wait(client, personas):
    _enrol(client, personas.admin, personas.password)
    device = TOTPDevice.objects.get(user=personas.admin, confirmed=True)
    _password_step(client, personas.admin, personas.password)
    client.post(reverse("accounts:two_factor"), {"code": "000000"})
    r = client.post(reverse("accounts:two_factor"), {"code": _code(device, offset=1)})
    assert "hãy đợi 1 giây rồi nhập mã mới" in r.content.decode()
    assert client.get(reverse("core:home")).status_code == 302  # still not signed in


def test_django_admin_signs_in_only_through_the_product_login(client, personas):
    personas.admin.is_staff = personas.admin.is_superuser = True
    personas.admin.save()
    r = client.get("/quan-tri-he-thong/login/?next=/quan-tri-he-thong/")
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("accounts:login") + "?next=/quan-tri-he-thong/")
    posted = client.post(
        "/quan-tri-he-thong/login/",
        {"username": personas.admin.username, "password": personas.password},
    )
    assert posted.status_code == 302 and reverse("accounts:login") in posted["Location"]
    assert client.get("/quan-tri-he-thong/").status_code == 302  # not signed in by it
    client.force_login(personas.viewer)
    assert client.get("/quan-tri-he-thong/login/").status_code == 403
