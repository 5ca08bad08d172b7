import hashlib

import pytest
from django.urls import reverse

from vinhdanh.accounts import services
from vinhdanh.accounts.models import ApiToken
from vinhdanh.core.models import AuditAction, AuditEntry


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:tokens", "accounts:token_revoke"])
def test_token_views_redirect_anonymous(client, personas, name):
    token, _raw = services.token_create(personas.viewer, name="Máy chủ")
    url = reverse(name, args=[token.pk]) if name == "accounts:token_revoke" else reverse(name)
    r = client.post(url, {"name": "x"})
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]
    assert ApiToken.objects.count() == 1 and ApiToken.objects.get().revoked_at is None


@pytest.mark.django_db
def test_token_page_open_to_user_without_roles(login, personas):
    r = login(personas.nobody).get(reverse("accounts:tokens"))
    assert r.status_code == 200 and "Bạn chưa có mã truy cập nào." in r.content.decode()


@pytest.mark.django_db
def test_token_create_shows_raw_once_and_stores_only_hash(login, personas):
    client = login(personas.unit_officer)
    r = client.post(reverse("accounts:tokens"), {"name": "Phần mềm nhân sự"})
    raw = r.context["raw"]
    assert raw.startswith("vd_") and raw in r.content.decode()
    assert r["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=personas.unit_officer)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:12] and token.name == "Phần mềm nhân sự"
    # The raw value is stored nowhere: not in the token row, not in the audit log.
    assert raw not in {token.name, token.prefix, token.token_hash}
    entry = AuditEntry.objects.get(object_type="accounts.apitoken", action=AuditAction.CREATE)
    assert entry.actor == personas.unit_officer and entry.changes["name"] == [
        None,
        "Phần mềm nhân sự",
    ]
    assert "token_hash" not in entry.changes
    assert not AuditEntry.objects.filter(changes__icontains=raw[3:]).exists()
    assert not AuditEntry.objects.filter(changes__icontains=token.token_hash).exists()
    # The list page shows the prefix, never the value.
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert token.prefix in html and raw not in html


@pytest.mark.django_db
def test_token_create_without_name_keeps_form(login, personas):
    r = login(personas.unit_officer).post(reverse("accounts:tokens"), {"name": "  "})
    assert "Hãy đặt tên gợi nhớ cho mã truy cập." in r.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_token_list_shows_only_own_tokens(login, personas):
    mine, _ = services.token_create(personas.unit_officer, name="Của tôi")
    services.token_create(personas.outsider, name="Của Hà Tĩnh")
    r = login(personas.unit_officer).get(reverse("accounts:tokens"))
    assert list(r.context["tokens"]) == [mine]
    assert "Của Hà Tĩnh" not in r.content.decode()


@pytest.mark.django_db
def test_token_revoke_needs_confirmation_and_audits(login, personas):
    token, _ = services.token_create(personas.unit_officer, name="Cũ")
    client = login(personas.unit_officer)
    url = reverse("accounts:token_revoke", args=[token.pk])
    assert "Thu hồi mã truy cập" in client.get(url).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    client.post(url)
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(object_type="accounts.apitoken", action=AuditAction.UPDATE)
    assert entry.changes["revoked_at"][0] is None and entry.changes["revoked_at"][1]
    # A second revoke is refused with a message, not a crash.
    assert "đã bị thu hồi" in client.post(url).content.decode()


@pytest.mark.django_db
def test_token_revoke_of_someone_elses_token_is_404(login, personas):
    token, _ = services.token_create(personas.unit_officer, name="Của cán bộ Sở Y tế")
    client = login(personas.outsider)
    url = reverse("accounts:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    with pytest.raises(services.AccountsError):
        services.token_revoke(personas.outsider, token)
