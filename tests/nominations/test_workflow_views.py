from django.urls import reverse

from vinhdanh.nominations.models import Dossier, DossierEvent


def _ready(draft, add):
    add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", honour="GIAY_KHEN",
        justification="Dũng cảm cứu người")  # fmt: skip
    return draft


def test_submit_needs_confirmation_then_sends(login, personas, draft, add):
    _ready(draft, add)
    client = login(personas.unit_officer)
    detail = client.get(reverse("nominations:dossier_detail", args=[draft.pk])).content.decode()
    assert "Gửi hồ sơ" in detail
    url = reverse("nominations:dossier_action", args=[draft.pk, "gui"])
    page = client.get(url).content.decode()
    assert "Xác nhận" in page
    client.post(url, {"version": 1})  # without the confirmation step: nothing happens
    assert Dossier.objects.get(pk=draft.pk).status == "draft"
    response = client.post(url, {"version": 1, "confirm": "1"})
    dossier = Dossier.objects.get(pk=draft.pk)
    assert response.status_code == 302 and dossier.status == "submitted"


def test_stale_version_shows_message(login, personas, draft, add):
    _ready(draft, add)
    client = login(personas.unit_officer)
    url = reverse("nominations:dossier_action", args=[draft.pk, "gui"])
    Dossier.objects.filter(pk=draft.pk).update(version=5)
    body = client.post(url, {"version": 1, "confirm": "1"}).content.decode()
    assert "vui lòng tải lại" in body
    assert Dossier.objects.get(pk=draft.pk).status == "draft"


def test_submit_problems_shown_on_detail(login, personas, draft, add, people):
    add(draft, person=people.an)
    body = (
        login(personas.unit_officer)
        .get(reverse("nominations:dossier_detail", args=[draft.pk]))
        .content.decode()
    )
    assert "Chưa gửi được hồ sơ" in body and "Nguyễn Văn An" in body


def test_receiver_receives_returns_and_records_outcome(login, personas, draft, add):
    _ready(draft, add)
    Dossier.objects.filter(pk=draft.pk).update(status="submitted")
    client = login(personas.province_officer)
    client.post(reverse("nominations:dossier_action", args=[draft.pk, "tiep-nhan"]), {"version": 1})
    assert Dossier.objects.get(pk=draft.pk).status == "received"
    url = reverse("nominations:dossier_action", args=[draft.pk, "tra-lai"])
    body = client.post(url, {"version": 2, "confirm": "1", "reason": ""}).content.decode()
    assert "Lý do" in body and Dossier.objects.get(pk=draft.pk).status == "received"
    client.post(url, {"version": 2, "confirm": "1", "reason": "Thiếu biên bản"})
    assert DossierEvent.objects.get(to_status="returned").reason == "Thiếu biên bản"


def test_outcome_form(login, personas, draft, add):
    _ready(draft, add)
    Dossier.objects.filter(pk=draft.pk).update(status="appraisal")
    nominee = draft.nominees.get()
    client = login(personas.province_officer)
    url = reverse("nominations:nominee_outcome", args=[draft.pk, nominee.pk])
    body = client.post(url, {"outcome": "rejected", "reason": ""}).content.decode()
    assert "Cần ghi lý do" in body
    client.post(url, {"outcome": "rejected", "reason": "Chưa tiêu biểu"})
    nominee.refresh_from_db()
    assert (nominee.outcome, nominee.outcome_reason) == ("rejected", "Chưa tiêu biểu")


def test_sender_cannot_open_receiver_actions(login, personas, draft, add):
    _ready(draft, add)
    Dossier.objects.filter(pk=draft.pk).update(status="submitted")
    client = login(personas.unit_officer)
    url = reverse("nominations:dossier_action", args=[draft.pk, "tiep-nhan"])
    assert client.post(url, {"version": 1}).status_code == 404
    assert Dossier.objects.get(pk=draft.pk).status == "submitted"


def test_workflow_views_refuse_outsider_and_anonymous(client, login, personas, draft, add):
    _ready(draft, add)
    nominee = draft.nominees.get()
    urls = [
        reverse("nominations:dossier_action", args=[draft.pk, "gui"]),
        reverse("nominations:nominee_outcome", args=[draft.pk, nominee.pk]),
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    outsider = login(personas.outsider)
    for url in urls:
        assert outsider.get(url).status_code == 404
        assert outsider.post(url, {"version": 1, "confirm": "1"}).status_code == 404
    assert Dossier.objects.get(pk=draft.pk).status == "draft"
