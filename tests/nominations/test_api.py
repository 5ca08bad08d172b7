from django.test import Client

from tests.api.conftest import make_token
from vinhdanh.nominations.models import Dossier


def _client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {make_token(user)[1]}"})


def _ready(draft, add):
    add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", honour="GIAY_KHEN",
        justification="Dũng cảm cứu người")  # fmt: skip
    return draft


def test_api_list_scoped(personas, draft):
    body = _client(personas.unit_officer).get("/api/v1/dossiers").json()
    assert [d["id"] for d in body["items"]] == [draft.pk]
    assert _client(personas.outsider).get("/api/v1/dossiers").json()["items"] == []
    # a draft is not in the receiver's incoming list
    assert (
        _client(personas.province_officer).get("/api/v1/dossiers?incoming=true").json()["items"]
        == []
    )


def test_api_detail_with_nominees_and_events(personas, draft, add):
    _ready(draft, add)
    client = _client(personas.unit_officer)
    response = client.post(
        f"/api/v1/dossiers/{draft.pk}/submit", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = client.get(f"/api/v1/dossiers/{draft.pk}").json()
    assert body["status"] == "submitted" and body["version"] == 2
    assert body["nominees"][0]["verdict_status"] == "manual"
    assert body["events"][0]["to_status"] == "submitted"
    assert body["number"].startswith("01/TTr-")


def test_api_stale_version_conflict(personas, draft, add):
    _ready(draft, add)
    client = _client(personas.unit_officer)
    client.post(f"/api/v1/dossiers/{draft.pk}/submit", {"version": 1},
                content_type="application/json")  # fmt: skip
    receiver = _client(personas.province_officer)
    response = receiver.post(
        f"/api/v1/dossiers/{draft.pk}/receive", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 409 and "tải lại" in response.json()["detail"]
    assert Dossier.objects.get(pk=draft.pk).status == "submitted"


def test_api_refused_not_eligible_422(personas, draft, add, people):
    add(draft, person=people.an)
    response = _client(personas.unit_officer).post(
        f"/api/v1/dossiers/{draft.pk}/submit", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 422 and "Nguyễn Văn An" in response.json()["detail"]
    assert Dossier.objects.get(pk=draft.pk).status == "draft"


def test_api_outsider_404_anonymous_401(personas, draft):
    outsider = _client(personas.outsider)
    assert outsider.get(f"/api/v1/dossiers/{draft.pk}").status_code == 404
    response = outsider.post(
        f"/api/v1/dossiers/{draft.pk}/submit", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    anon = Client()
    assert anon.get("/api/v1/dossiers").status_code == 401
    assert anon.get(f"/api/v1/dossiers/{draft.pk}").status_code == 401
    assert Dossier.objects.get(pk=draft.pk).status == "draft"
