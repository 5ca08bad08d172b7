"""Exemplar stories: officers write and publish, the public reads only published ones."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vinhdanh.core.models import AuditEntry
from vinhdanh.portal.models import ExemplarStory

pytestmark = pytest.mark.django_db

DATA = {"title": "Tấm gương thầy thuốc tận tụy", "summary": "Ba mươi năm", "body": "Nội dung"}


def test_story_publish_flow(login, client, personas, people):
    officer = login(personas.unit_officer)
    response = officer.post(reverse("portal:story_create"), {**DATA, "person": people.an.pk})
    assert response.status_code == 302
    story = ExemplarStory.objects.get()
    assert story.author == personas.unit_officer and not story.published
    assert AuditEntry.objects.filter(object_type="portal.exemplarstory", action="create").exists()
    manage = officer.get(reverse("portal:story_manage")).content.decode()
    assert reverse("registry:person_profile", args=[people.an.pk]) in manage
    client.logout()
    assert client.get(reverse("portal:story_detail", args=[story.pk])).status_code == 404
    assert DATA["title"] not in client.get(reverse("portal:story_list")).content.decode()
    login(personas.unit_officer).post(
        reverse("portal:story_publish", args=[story.pk]), {"publish": "1"}
    )
    story.refresh_from_db()
    assert story.published and story.published_at
    client.logout()
    html = client.get(reverse("portal:story_detail", args=[story.pk])).content.decode()
    assert DATA["title"] in html and "Nguyễn Văn An" in html
    assert people.an.cccd not in html
    assert DATA["title"] in client.get(reverse("portal:story_list")).content.decode()
    assert DATA["title"] in client.get(reverse("portal:home")).content.decode()


def test_story_edit_keeps_input_on_error(login, personas, people):
    officer = login(personas.unit_officer)
    response = officer.post(reverse("portal:story_create"), {**DATA, "summary": ""})
    html = response.content.decode()
    assert "Chọn cá nhân hoặc tập thể được nêu gương." in html
    assert "Nhập tóm tắt." in html and DATA["title"] in html
    assert not ExemplarStory.objects.exists()


def test_story_outside_scope_refused(login, personas, people, tree):
    story = ExemplarStory.objects.create(title="Câu chuyện", summary="s", body="b", unit=tree.syt)
    client = login(personas.outsider)
    assert client.get(reverse("portal:story_edit", args=[story.pk])).status_code == 404
    response = client.post(reverse("portal:story_publish", args=[story.pk]), {"publish": "1"})
    assert response.status_code == 404
    story.refresh_from_db()
    assert not story.published
    # a person of another province cannot be chosen
    client.post(reverse("portal:story_create"), {**DATA, "person": people.an.pk})
    assert ExemplarStory.objects.count() == 1


@pytest.mark.parametrize("who", ["viewer", "nobody"])
def test_story_manage_refused_without_capability(login, personas, who):
    client = login(getattr(personas, who))
    assert client.get(reverse("portal:story_manage")).status_code == 404
    assert client.post(reverse("portal:story_create"), DATA).status_code == 404


def test_story_manage_anonymous_redirected(client):
    response = client.get(reverse("portal:story_manage"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
