import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, grant
from vinhdanh.accounts import services
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.core.models import AuditAction, AuditEntry

User = get_user_model()

# (url name, needs a user pk) for every user-management view.
MANAGE_VIEWS = [
    ("accounts:user_list", None),
    ("accounts:user_create", None),
    ("accounts:user_detail", "user"),
    ("accounts:user_edit", "user"),
    ("accounts:user_deactivate", "user"),
    ("accounts:user_reactivate", "user"),
    ("accounts:user_unlock", "user"),
    ("accounts:user_password_reset", "user"),
    ("accounts:user_two_factor_reset", "user"),
    ("accounts:role_grant", "user"),
    ("accounts:role_revoke", "grant"),
]


def _url(name, kind, personas):
    if kind == "user":
        return reverse(name, args=[personas.viewer.pk])
    if kind == "grant":
        return reverse(name, args=[personas.viewer.role_grants.get().pk])
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind"), MANAGE_VIEWS)
def test_manage_views_redirect_anonymous_to_login(client, personas, name, kind):
    r = client.get(_url(name, kind, personas))
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind"), MANAGE_VIEWS)
@pytest.mark.parametrize(
    "who", ["outsider", "unit_officer", "viewer", "nobody", "province_officer"]
)
def test_manage_views_refuse_users_without_manage_capability(login, personas, name, kind, who):
    client = login(getattr(personas, who))
    before = (
        User.objects.filter(is_active=True).count(),
        RoleGrant.objects.count(),
        AuditEntry.objects.count(),
    )
    r = client.post(
        _url(name, kind, personas),
        {"role": "admin", "unit": personas.viewer.role_grants.get().unit_id},
    )
    assert r.status_code == 404
    assert (
        User.objects.filter(is_active=True).count(),
        RoleGrant.objects.count(),
        AuditEntry.objects.count(),
    ) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind"), MANAGE_VIEWS[2:])
def test_manage_views_hide_users_outside_admin_scope(login, personas, hatinh_admin, name, kind):
    """Hà Tĩnh's administrator cannot reach Hà Nội's users at all: 404."""
    client = login(hatinh_admin)
    assert client.get(_url(name, kind, personas)).status_code == (
        405 if name == "accounts:role_grant" else 404
    )
    assert client.post(_url(name, kind, personas), {"role": "viewer"}).status_code == 404
    assert RoleGrant.objects.filter(user=personas.viewer).count() == 1


@pytest.mark.django_db
def test_user_list_shows_only_users_in_admin_scope(login, personas, hatinh_admin):
    r = login(personas.admin).get(reverse("accounts:user_list"))
    names = {u.username for u in r.context["page"]}
    assert {"quantri", "cb_syt", "xem_syt", "cb_thanhpho"} <= names
    assert "cb_hatinh" not in names and "quantri_ht" not in names
    assert "khongquyen" not in names  # no role: only root scope may see it
    html = r.content.decode()
    assert "Người xem – Sở Y tế" in html


@pytest.mark.django_db
def test_user_list_superuser_sees_everyone(login, personas, superuser):
    r = login(superuser).get(reverse("accounts:user_list"))
    names = {u.username for u in r.context["page"]}
    assert {"cb_hatinh", "khongquyen", "quantri", "sieuquantri"} <= names


@pytest.mark.django_db
def test_user_list_excludes_users_with_any_grant_outside_scope(login, personas, tree):
    grant(personas.unit_officer, "viewer", tree.syt_ht)
    r = login(personas.admin).get(reverse("accounts:user_list"))
    assert "cb_syt" not in {u.username for u in r.context["page"]}
    assert (
        login(personas.admin)
        .get(reverse("accounts:user_detail", args=[personas.unit_officer.pk]))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_user_list_search_is_accent_free(login, personas):
    client = login(personas.admin)
    r = client.get(reverse("accounts:user_list"), {"q": "nguoi xem so y te"})
    assert [u.username for u in r.context["page"]] == ["xem_syt"]
    r = client.get(reverse("accounts:user_list"), {"q": "CB_SYT"})
    assert [u.username for u in r.context["page"]] == ["cb_syt"]


@pytest.mark.django_db
def test_user_list_filters_by_role_and_unit(login, personas, tree):
    client = login(personas.admin)
    r = client.get(reverse("accounts:user_list"), {"role": "officer"})
    assert {u.username for u in r.context["page"]} == {"cb_thanhpho", "cb_syt"}
    r = client.get(reverse("accounts:user_list"), {"unit": tree.syt.pk})
    assert {u.username for u in r.context["page"]} == {"cb_syt", "lanhdao_syt", "xem_syt"}
    r = client.get(reverse("accounts:user_list"), {"unit": tree.syt.pk, "role": "viewer"})
    assert {u.username for u in r.context["page"]} == {"xem_syt"}


@pytest.mark.django_db
def test_user_list_query_count_constant(login, personas, tree, django_assert_num_queries):
    client = login(personas.admin)
    url = reverse("accounts:user_list")
    client.get(url)  # warm up the session
    users = []
    for i in range(30):
        u = UserFactory(
            username=f"nv{i:02d}",
            last_login=timezone.now(),
            locked_until=timezone.now() + dt.timedelta(minutes=5),
        )
        grant(u, "viewer", tree.hospital)
        grant(u, "officer", tree.sgd)
        users.append(u)
    r = client.get(url, {"q": "nv"})
    assert len(r.context["page"]) == 30
    with django_assert_num_queries(7) as ctx:
        client.get(url, {"q": "nv"})
    many = len(ctx.captured_queries)
    for u in users[1:]:
        u.delete()
    with django_assert_num_queries(many):
        r = client.get(url, {"q": "nv"})
    assert len(r.context["page"]) == 1


@pytest.mark.django_db
def test_user_create_makes_account_role_and_audit_without_password(
    argon2_hashers, login, personas, tree
):
    client = login(personas.admin)
    password = "Cay-xanh-bon-mua-2026"
    r = client.post(
        reverse("accounts:user_create"),
        {
            "username": "ketoan_bv",
            "full_name": "Đỗ Thu Hà",
            "email": "ha@example.vn",
            "password": password,
            "role": "officer",
            "unit": tree.hospital.pk,
        },
    )
    user = User.objects.get(username="ketoan_bv")
    assert r.status_code == 302 and r["Location"] == reverse("accounts:user_detail", args=[user.pk])
    assert user.check_password(password) and user.password.startswith("argon2")
    assert user.name_folded == "do thu ha ketoan_bv"
    assert list(user.role_grants.values_list("role", "unit", "granted_by")) == [
        ("officer", tree.hospital.pk, personas.admin.pk)
    ]
    created = AuditEntry.objects.get(
        object_type="accounts.user", object_id=str(user.pk), action=AuditAction.CREATE
    )
    assert created.changes["full_name"] == [None, "Đỗ Thu Hà"]
    assert "password" not in created.changes and created.unit_id == tree.hospital.pk
    assert AuditEntry.objects.filter(
        object_type="accounts.rolegrant", action=AuditAction.CREATE, unit=tree.hospital
    ).exists()
    assert not AuditEntry.objects.filter(changes__icontains="argon2").exists()


@pytest.mark.django_db
def test_user_create_weak_password_refused_in_vietnamese_keeping_input(login, personas, tree):
    client = login(personas.admin)
    r = client.post(
        reverse("accounts:user_create"),
        {
            "username": "moi",
            "full_name": "Người Mới",
            "password": "12345",
            "role": "viewer",
            "unit": tree.syt.pk,
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and not User.objects.filter(username="moi").exists()
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in html
    assert "Mật khẩu không được chỉ gồm chữ số." in html
    assert 'value="Người Mới"' in html and 'value="moi"' in html


@pytest.mark.django_db
def test_user_create_requires_role_for_scoped_admin_and_refuses_unit_outside_scope(
    login, personas, tree
):
    client = login(personas.admin)
    data = {"username": "moi", "full_name": "Người Mới", "password": "Cay-xanh-bon-mua-2026"}
    r = client.post(reverse("accounts:user_create"), data)
    assert "Trường này là bắt buộc." in r.content.decode()
    r = client.post(
        reverse("accounts:user_create"), {**data, "role": "viewer", "unit": tree.syt_ht.pk}
    )
    assert r.status_code == 200 and not User.objects.filter(username="moi").exists()


@pytest.mark.django_db
def test_user_create_superuser_may_omit_role(login, superuser):
    r = login(superuser).post(
        reverse("accounts:user_create"),
        {"username": "trong", "full_name": "Tài khoản trống", "password": "Cay-xanh-bon-mua-2026"},
    )
    user = User.objects.get(username="trong")
    assert r.status_code == 302 and not user.role_grants.exists()


@pytest.mark.django_db
def test_user_create_duplicate_username_refused(login, personas, tree):
    r = login(personas.admin).post(
        reverse("accounts:user_create"),
        {
            "username": "CB_SYT",
            "full_name": "Trùng",
            "password": "Cay-xanh-bon-mua-2026",
            "role": "viewer",
            "unit": tree.syt.pk,
        },
    )
    assert "đã được dùng" in r.content.decode()
    assert User.objects.filter(username__iexact="cb_syt").count() == 1


@pytest.mark.django_db
def test_user_edit_updates_and_audits_before_after(login, personas, tree):
    client = login(personas.admin)
    url = reverse("accounts:user_edit", args=[personas.viewer.pk])
    assert 'value="Người xem Sở Y tế"' in client.get(url).content.decode()
    client.post(url, {"full_name": "Người xem Sở Y tế Hà Nội", "email": "xem@syt.vn"})
    personas.viewer.refresh_from_db()
    assert (
        personas.viewer.full_name == "Người xem Sở Y tế Hà Nội"
        and personas.viewer.email == "xem@syt.vn"
    )
    assert personas.viewer.name_folded.startswith("nguoi xem so y te ha noi")
    entry = AuditEntry.objects.get(object_type="accounts.user", action=AuditAction.UPDATE)
    assert entry.changes == {
        "email": ["", "xem@syt.vn"],
        "full_name": ["Người xem Sở Y tế", "Người xem Sở Y tế Hà Nội"],
    }
    assert entry.unit_id == tree.syt.pk


@pytest.mark.django_db
def test_user_edit_invalid_email_keeps_input(login, personas):
    r = login(personas.admin).post(
        reverse("accounts:user_edit", args=[personas.viewer.pk]),
        {"full_name": "Tên mới", "email": "khong-hop-le"},
    )
    html = r.content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ." in html and 'value="Tên mới"' in html
    personas.viewer.refresh_from_db()
    assert personas.viewer.full_name == "Người xem Sở Y tế"


@pytest.mark.django_db
def test_user_deactivate_needs_confirmation_then_blocks_login(client, login, personas):
    admin_client = login(personas.admin)
    url = reverse("accounts:user_deactivate", args=[personas.viewer.pk])
    r = admin_client.get(url)
    assert "Vô hiệu hóa tài khoản" in r.content.decode()
    personas.viewer.refresh_from_db()
    assert personas.viewer.is_active
    admin_client.post(url)
    personas.viewer.refresh_from_db()
    assert not personas.viewer.is_active
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(personas.viewer.pk))
    assert entry.changes == {"is_active": [True, False]} and entry.note == "Vô hiệu hóa tài khoản"
    # Reactivate (confirmation, then POST).
    url = reverse("accounts:user_reactivate", args=[personas.viewer.pk])
    assert "Kích hoạt lại" in admin_client.get(url).content.decode()
    admin_client.post(url)
    personas.viewer.refresh_from_db()
    assert personas.viewer.is_active
    assert AuditEntry.objects.filter(
        object_type="accounts.user", changes={"is_active": [False, True]}
    ).exists()


@pytest.mark.django_db
def test_user_deactivate_self_refused(login, personas):
    client = login(personas.admin)
    url = reverse("accounts:user_deactivate", args=[personas.admin.pk])
    r = client.get(url)
    assert "Bạn không thể tự vô hiệu hóa" in r.content.decode()
    r = client.post(url)
    assert "Bạn không thể tự vô hiệu hóa" in r.content.decode()
    personas.admin.refresh_from_db()
    assert personas.admin.is_active
    assert not AuditEntry.objects.filter(object_type="accounts.user").exists()
    with pytest.raises(services.AccountsError):
        services.user_deactivate(personas.admin, personas.admin)


@pytest.mark.django_db
def test_user_unlock_clears_lockout_and_allows_login(client, login, personas, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "xem_syt", "password": "sai-mat-khau"})
    personas.viewer.refresh_from_db()
    assert personas.viewer.is_locked
    r = client.post(
        reverse("accounts:login"), {"username": "xem_syt", "password": personas.password}
    )
    assert r.wsgi_request.user.is_anonymous
    admin_client = login(personas.admin)
    url = reverse("accounts:user_unlock", args=[personas.viewer.pk])
    assert "Mở khóa đăng nhập" in admin_client.get(url).content.decode()
    admin_client.post(url)
    personas.viewer.refresh_from_db()
    assert personas.viewer.locked_until is None and personas.viewer.failed_logins == 0
    entry = AuditEntry.objects.get(object_type="accounts.user", note="Mở khóa đăng nhập")
    assert entry.changes["locked_until"][1] is None and entry.actor == personas.admin
    admin_client.post(reverse("accounts:logout"))
    r = client.post(
        reverse("accounts:login"), {"username": "xem_syt", "password": personas.password}
    )
    assert r.wsgi_request.user.username == "xem_syt"


@pytest.mark.django_db
def test_role_grant_in_scope_creates_grant_and_audit(login, personas, tree):
    client = login(personas.admin)
    r = client.post(
        reverse("accounts:role_grant", args=[personas.viewer.pk]),
        {"role": "officer", "unit": tree.hospital.pk},
    )
    assert r.status_code == 302
    g = RoleGrant.objects.get(user=personas.viewer, role="officer")
    assert g.unit == tree.hospital and g.granted_by == personas.admin
    entry = AuditEntry.objects.get(object_type="accounts.rolegrant", object_id=str(g.pk))
    assert (
        entry.action == AuditAction.CREATE
        and entry.changes["role"] == [None, "officer"]
        and entry.unit == tree.hospital
    )


@pytest.mark.django_db
def test_role_grant_outside_scope_refused(login, personas, tree):
    client = login(personas.admin)
    r = client.post(
        reverse("accounts:role_grant", args=[personas.viewer.pk]),
        {"role": "admin", "unit": tree.syt_ht.pk},
    )
    assert r.status_code == 400 and "Đơn vị không thuộc phạm vi bạn quản lý." in r.content.decode()
    assert not RoleGrant.objects.filter(user=personas.viewer, unit=tree.syt_ht).exists()
    with pytest.raises(services.AccountsError):
        services.role_grant(personas.admin, personas.viewer, role="admin", unit=tree.syt_ht)
    assert not AuditEntry.objects.filter(object_type="accounts.rolegrant").exists()


@pytest.mark.django_db
def test_role_grant_duplicate_refused(login, personas, tree):
    r = login(personas.admin).post(
        reverse("accounts:role_grant", args=[personas.viewer.pk]),
        {"role": "viewer", "unit": tree.syt.pk},
    )
    assert "đã có vai trò" in r.content.decode()
    assert RoleGrant.objects.filter(user=personas.viewer).count() == 1


@pytest.mark.django_db
def test_role_grant_by_unit_admin_limited_to_subtree(personas, tree):
    """An administrator on Sở Y tế may grant on the hospital but not on Sở GD&ĐT next door."""
    syt_admin = UserFactory(username="quantri_syt")
    grant(syt_admin, "admin", tree.syt)
    services.role_grant(syt_admin, personas.viewer, role="signer", unit=tree.hospital)
    with pytest.raises(services.AccountsError):
        services.role_grant(syt_admin, personas.viewer, role="signer", unit=tree.sgd)
    # The city officer also holds a grant on the city itself: outside this admin's reach.
    with pytest.raises(services.AccountsError):
        services.role_grant(syt_admin, personas.province_officer, role="viewer", unit=tree.hospital)


@pytest.mark.django_db
def test_role_revoke_confirmation_then_delete_with_audit(login, personas, tree):
    client = login(personas.admin)
    extra = grant(personas.viewer, "signer", tree.hospital)
    url = reverse("accounts:role_revoke", args=[extra.pk])
    assert "Thu hồi vai trò" in client.get(url).content.decode()
    assert RoleGrant.objects.filter(pk=extra.pk).exists()
    client.post(url)
    assert not RoleGrant.objects.filter(pk=extra.pk).exists()
    entry = AuditEntry.objects.get(object_type="accounts.rolegrant", action=AuditAction.DELETE)
    assert entry.changes["role"] == ["signer", None] and entry.unit == tree.hospital


@pytest.mark.django_db
def test_role_revoke_last_grant_and_own_grant_refused(login, personas):
    client = login(personas.admin)
    only = personas.viewer.role_grants.get()
    r = client.post(reverse("accounts:role_revoke", args=[only.pk]))
    assert "vai trò cuối cùng" in r.content.decode()
    own = personas.admin.role_grants.get()
    r = client.post(reverse("accounts:role_revoke", args=[own.pk]))
    assert "chính mình" in r.content.decode()
    assert RoleGrant.objects.filter(pk__in=[only.pk, own.pk]).count() == 2
    assert not AuditEntry.objects.filter(object_type="accounts.rolegrant").exists()


@pytest.mark.django_db
def test_scoped_admin_cannot_touch_superuser(login, personas, superuser, tree):
    grant(superuser, "viewer", tree.syt)
    client = login(personas.admin)
    assert client.get(reverse("accounts:user_detail", args=[superuser.pk])).status_code == 404
    client.post(reverse("accounts:user_deactivate", args=[superuser.pk]))
    superuser.refresh_from_db()
    assert superuser.is_active


@pytest.mark.django_db
def test_user_detail_shows_roles_and_actions(login, personas):
    html = (
        login(personas.admin)
        .get(reverse("accounts:user_detail", args=[personas.viewer.pk]))
        .content.decode()
    )
    assert "Người xem" in html and "Sở Y tế" in html
    assert reverse("accounts:user_deactivate", args=[personas.viewer.pk]) in html
    assert reverse("accounts:role_revoke", args=[personas.viewer.role_grants.get().pk]) in html


@pytest.mark.django_db
def test_user_list_unit_filter_outside_scope_ignored_and_keeps_search(login, personas, tree):
    r = login(personas.admin).get(
        reverse("accounts:user_list"), {"unit": tree.syt_ht.pk, "q": "xem"}
    )
    assert [u.username for u in r.context["page"]] == ["xem_syt"]
    assert "cb_hatinh" not in r.content.decode()
