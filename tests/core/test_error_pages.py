import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_unknown_page_answers_in_vietnamese(login, personas, settings):
    settings.DEBUG = False
    client = login(personas.viewer)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_form_without_csrf_token_is_refused_in_vietnamese(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": "cb_syt", "password": personas.password}
    )
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_pages_are_vietnamese_whatever_the_browser_language(login, personas):
    client = login(personas.viewer)
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert 'lang="vi"' in response.content.decode()
