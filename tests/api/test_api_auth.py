import pytest
from django.test import Client
from django.urls import reverse

from vinhdanh.accounts import services
from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability, Role
from vinhdanh.accounts.models import ApiToken

ME = "/api/v1/me"
UNAUTHORIZED = {"detail": "Cần đăng nhập hoặc mã truy cập API hợp lệ."}


@pytest.mark.django_db
def test_me_with_bearer_token_returns_roles_and_capabilities(api_client, personas):
    client = api_client(personas.unit_officer)
    r = client.get(ME)
    assert r.status_code == 200
    body = r.json()
    assert body["username"] == "cb_syt" and body["full_name"] == "Cán bộ TĐKT Sở Y tế"
    assert body["roles"] == [
        {
            "role": "officer",
            "role_label": "Cán bộ thi đua, khen thưởng",
            "unit_code": "HN.SYT",
            "unit_name": "Sở Y tế",
        }
    ]
    officer_caps = ROLE_CAPABILITIES[Role.OFFICER]
    assert body["capabilities"] == [c.value for c in Capability if c.value in officer_caps]
    assert {"view", "edit_orgs", "edit_register", "import", "view_audit"} <= set(
        body["capabilities"]
    )
    assert "manage_users" not in body["capabilities"]
    client.token.refresh_from_db()
    assert client.token.last_used_at is not None


@pytest.mark.django_db
def test_me_for_user_without_roles_is_empty(api_client, personas):
    body = api_client(personas.nobody).get(ME).json()
    assert body["roles"] == [] and body["capabilities"] == []


@pytest.mark.django_db
def test_me_outsider_sees_only_own_roles(api_client, personas):
    body = api_client(personas.outsider).get(ME).json()
    assert [r["unit_code"] for r in body["roles"]] == ["HT.SYT"]


@pytest.mark.django_db
def test_me_anonymous_gets_401_in_vietnamese(anon_api_client, personas):
    r = anon_api_client.get(ME)
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    assert r["WWW-Authenticate"] == "Bearer"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header", ["Bearer vd_khong-ton-tai", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer abc"]
)
def test_me_unknown_or_malformed_token_gets_401(personas, header):
    r = Client(headers={"Authorization": header}).get(ME)
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


@pytest.mark.django_db
def test_revoked_token_gets_401(api_client, personas):
    client = api_client(personas.unit_officer)
    assert client.get(ME).status_code == 200
    services.token_revoke(personas.unit_officer, client.token)
    r = client.get(ME)
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


@pytest.mark.django_db
def test_deactivated_users_token_gets_401(api_client, personas):
    client = api_client(personas.viewer)
    assert client.get(ME).status_code == 200
    services.user_deactivate(personas.admin, personas.viewer)
    r = client.get(ME)
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


@pytest.mark.django_db
def test_token_created_through_page_works_and_only_hash_is_stored(login, personas):
    raw = (
        login(personas.viewer).post(reverse("accounts:tokens"), {"name": "Thử API"}).context["raw"]
    )
    assert not ApiToken.objects.filter(token_hash=raw).exists()
    r = Client(headers={"Authorization": f"Bearer {raw}"}).get(ME)
    assert r.json()["username"] == "xem_syt"


@pytest.mark.django_db
def test_me_with_session_works(login, personas):
    r = login(personas.signer).get(ME)
    assert r.status_code == 200 and r.json()["username"] == "lanhdao_syt"


@pytest.mark.django_db
def test_session_of_deactivated_user_gets_401(login, personas):
    client = login(personas.viewer)
    personas.viewer.is_active = False
    personas.viewer.save(update_fields=["is_active"])
    assert client.get(ME).status_code == 401


# --- session writes need CSRF; token writes do not (probe API with the real auth) -----------


@pytest.mark.django_db
@pytest.mark.urls("tests.api.probe_urls")
def test_session_post_without_csrf_token_refused(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.unit_officer)
    r = client.post("/probe/echo", {"name": "An", "year": 2025}, content_type="application/json")
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"] and "tải lại trang" in r.json()["detail"]


@pytest.mark.django_db
@pytest.mark.urls("tests.api.probe_urls")
def test_session_post_with_csrf_token_accepted(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.unit_officer)
    client.get(reverse("accounts:password_change"))  # a page with {% csrf_token %} sets the cookie
    token = client.cookies["csrftoken"].value
    r = client.post(
        "/probe/echo",
        {"name": "An", "year": 2025},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert r.status_code == 200 and r.json() == {"user": "cb_syt", "name": "An", "year": 2025}


@pytest.mark.django_db
@pytest.mark.urls("tests.api.probe_urls")
def test_token_post_needs_no_csrf(personas, api_token):
    client = Client(
        enforce_csrf_checks=True,
        headers={"Authorization": f"Bearer {api_token(personas.unit_officer)}"},
    )
    r = client.post("/probe/echo", {"name": "An", "year": 2025}, content_type="application/json")
    assert r.status_code == 200 and r.json()["user"] == "cb_syt"


@pytest.mark.django_db
@pytest.mark.urls("tests.api.probe_urls")
def test_anonymous_post_gets_401_not_403(personas):
    r = Client(enforce_csrf_checks=True).post(
        "/probe/echo", {"name": "An", "year": 2025}, content_type="application/json"
    )
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


# --- error format ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls("tests.api.probe_urls")
def test_errors_are_vietnamese_json(api_client, personas):
    client = api_client(personas.unit_officer)
    r = client.get("/probe/forbidden")
    assert r.status_code == 403 and r.json() == {
        "detail": "Bạn không có quyền thực hiện thao tác này."
    }
    r = client.get("/probe/forbidden-vn")
    assert r.status_code == 403 and r.json() == {
        "detail": "Chỉ cán bộ thi đua mới được xem mục này."
    }
    r = client.get("/probe/missing")
    assert r.status_code == 404 and r.json() == {
        "detail": "Không tìm thấy hoặc bạn không có quyền truy cập."
    }
    r = client.get("/probe/invalid")
    assert r.status_code == 422
    assert r.json() == {
        "detail": "Dữ liệu không hợp lệ.",
        "errors": [{"field": "year", "message": "Năm phải từ 1945 trở đi.", "code": "invalid"}],
    }


@pytest.mark.django_db
@pytest.mark.urls("tests.api.probe_urls")
def test_schema_validation_error_lists_fields_in_vietnamese(api_client, personas):
    r = api_client(personas.unit_officer).post(
        "/probe/echo", {"year": "hai nghìn"}, content_type="application/json"
    )
    assert r.status_code == 422
    body = r.json()
    assert body["detail"] == "Dữ liệu không hợp lệ."
    assert {(e["field"], e["message"]) for e in body["errors"]} == {
        ("name", "Thiếu trường bắt buộc."),
        ("year", "Phải là số nguyên."),
    }
    r = api_client(personas.unit_officer).post(
        "/probe/echo", "{không phải json", content_type="application/json"
    )
    assert r.status_code in (400, 422) and r.json()["detail"]


# --- OpenAPI and docs -----------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_lists_me_and_bearer_scheme(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert "/api/v1/me" in spec["paths"] and "get" in spec["paths"]["/api/v1/me"]
    schemes = spec["components"]["securitySchemes"]
    assert schemes["TokenAuth"]["scheme"] == "bearer"
    assert schemes["ActiveSessionAuth"]["in"] == "cookie"


@pytest.mark.django_db
def test_docs_page_loads_with_local_assets(client):
    r = client.get("/api/docs")
    html = r.content.decode()
    assert r.status_code == 200 and "/api/openapi.json" in html
    assert "swagger-ui-bundle.js" in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html
