from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import HonourFactory, InitiativeFactory, PersonFactory, RatingFactory
from tests.registry.factories import DisciplineFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.registry.models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord

BASE = "/api/v1/register"


def post(client, path, data):
    return client.post(f"{BASE}{path}", json.dumps(data), content_type="application/json")


def patch(client, path, data):
    return client.patch(f"{BASE}{path}", json.dumps(data), content_type="application/json")


@pytest.mark.django_db
def test_create_honour_by_cccd(api_client, personas, people):
    client = api_client(personas.unit_officer)
    response = post(client, "/honours", {"cccd": people.an.cccd, "honour": "cstdcs", "achievement_year": 2024,
                                          "decision_number": "12/QĐ-SYT", "decision_date": "2025-01-15", "issuer": "Sở Y tế"})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["honour"] == "CSTDCS" and body["honour_name"] == "Chiến sĩ thi đua cơ sở"
    assert body["person_id"] == people.an.pk and body["subject_name"] == "Nguyễn Văn An"
    record = HonourRecord.objects.get(pk=body["id"])
    assert record.decision_date == dt.date(2025, 1, 15)
    assert AuditEntry.objects.filter(
        object_type="registry.honourrecord", object_id=str(record.pk), action="create"
    ).exists()


@pytest.mark.django_db
def test_create_duplicate_409_vietnamese(api_client, personas, people):
    HonourFactory(
        person=people.an,
        honour_id="CSTDCS",
        achievement_year=2024,
        decision_number="12/QĐ-SYT",
        decision_date=dt.date(2025, 1, 15),
    )
    client = api_client(personas.unit_officer)
    response = post(
        client,
        "/honours",
        {"person_id": people.an.pk, "honour": "CSTDCS", "achievement_year": 2024},
    )
    assert response.status_code == 409
    body = response.json()
    assert (
        body["detail"]
        == "Đã có Chiến sĩ thi đua cơ sở năm 2024 trong sổ (QĐ số 12/QĐ-SYT ngày 15/01/2025)."
    )
    assert body["errors"] == [{"field": "honour", "message": body["detail"], "code": "duplicate"}]
    assert HonourRecord.objects.filter(person=people.an).count() == 1


@pytest.mark.django_db
def test_create_invalid_422(api_client, personas, people, tree):
    client = api_client(personas.unit_officer)
    r = post(
        client,
        "/honours",
        {"unit_code": tree.hospital.code, "honour": "CSTDCS", "achievement_year": 2024},
    )
    assert r.status_code == 422 and "không dành cho tập thể" in r.json()["detail"]
    r = post(client, "/ratings", {"person_id": people.an.pk, "rating": "XYZ", "year": 2024})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rating"
    r = post(
        client,
        "/discipline",
        {"person_id": people.an.pk, "form": "CANH_CAO", "start": "2024-05-01", "end": "2024-01-01"},
    )
    assert r.status_code == 422 and "Ngày kết thúc" in r.json()["detail"]
    assert not RatingRecord.objects.exists() and not DisciplineRecord.objects.exists()


@pytest.mark.django_db
def test_create_for_collective_and_initiative(api_client, personas, tree, people):
    client = api_client(personas.unit_officer)
    r = post(client, "/ratings", {"unit_id": tree.hospital.pk, "rating": "HTXS", "year": 2024})
    assert r.status_code == 201 and r.json()["subject_kind"] == "collective"
    r = post(
        client,
        "/initiatives",
        {
            "person_id": people.an.pk,
            "kind": "DE_TAI",
            "scope": "TINH",
            "year": 2023,
            "title": "Đề tài A",
        },
    )
    assert r.status_code == 201 and r.json()["scope"] == "TINH"
    assert InitiativeRecord.objects.get().title == "Đề tài A"


@pytest.mark.django_db
def test_outsider_404_viewer_403(api_client, personas, people):
    payload = {"person_id": people.an.pk, "rating": "HTT", "year": 2024}
    r = post(api_client(personas.outsider), "/ratings", payload)
    assert r.status_code == 404
    r = post(api_client(personas.viewer), "/ratings", payload)
    assert r.status_code == 403 and "không có quyền" in r.json()["detail"]
    assert not RatingRecord.objects.exists()


@pytest.mark.django_db
def test_read_update_delete(api_client, personas, people):
    record = RatingFactory(person=people.an, year=2024, rating_id="HT")
    client = api_client(personas.unit_officer)
    assert client.get(f"{BASE}/ratings/{record.pk}").json()["rating"] == "HT"
    r = patch(client, f"/ratings/{record.pk}", {"rating": "HTXS"})
    assert r.status_code == 200 and r.json()["rating"] == "HTXS"
    entry = AuditEntry.objects.get(object_type="registry.ratingrecord", action="update")
    assert entry.changes == {"rating": ["HT", "HTXS"]}
    assert client.delete(f"{BASE}/ratings/{record.pk}").status_code == 204
    assert not RatingRecord.objects.exists()


@pytest.mark.django_db
def test_patch_into_duplicate_409(api_client, personas, people):
    RatingFactory(person=people.an, year=2024)
    other = RatingFactory(person=people.an, year=2023)
    r = patch(api_client(personas.unit_officer), f"/ratings/{other.pk}", {"year": 2024})
    assert r.status_code == 409 and "Đã có xếp loại năm 2024" in r.json()["detail"]


@pytest.mark.django_db
def test_outsider_cannot_read_patch_delete(api_client, personas, people):
    record = HonourFactory(person=people.an)
    client = api_client(personas.outsider)
    assert client.get(f"{BASE}/honours/{record.pk}").status_code == 404
    assert patch(client, f"/honours/{record.pk}", {"signer": "x"}).status_code == 404
    assert client.delete(f"{BASE}/honours/{record.pk}").status_code == 404
    assert client.get(f"{BASE}/honours").json()["items"] == []
    assert (
        patch(api_client(personas.viewer), f"/honours/{record.pk}", {"signer": "x"}).status_code
        == 403
    )
    record.refresh_from_db()
    assert record.signer == ""


@pytest.mark.parametrize(
    "path", ["/ratings", "/honours", "/initiatives", "/discipline", "/honours/1"]
)
@pytest.mark.django_db
def test_anonymous_401(anon_api_client, path):
    response = anon_api_client.get(f"{BASE}{path}")
    assert response.status_code == 401 and "đăng nhập" in response.json()["detail"]


@pytest.mark.django_db
def test_nobody_403_on_list(api_client, personas):
    r = api_client(personas.nobody).get(f"{BASE}/honours")
    assert r.status_code == 403 and "chưa được phân quyền" in r.json()["detail"]


@pytest.mark.django_db
def test_list_filters(api_client, personas, people, tree):
    HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2024)
    HonourFactory(
        person=people.an,
        honour_id="CSTDCS",
        achievement_year=2023,
        decision_date=dt.date(2024, 1, 10),
    )
    HonourFactory(person=people.binh, honour_id="LDTT", achievement_year=2024)
    HonourFactory(unit=tree.hospital, person=None, honour_id="TTLDTT", achievement_year=2024)
    HonourFactory(person=people.chi, honour_id="LDTT", achievement_year=2024)
    client = api_client(personas.unit_officer)

    def codes(**params):
        body = client.get(f"{BASE}/honours", params).json()
        return sorted(
            (i["subject_name"], i["honour"], i["achievement_year"]) for i in body["items"]
        )

    assert len(codes()) == 4  # people.chi is in Sở GD&ĐT, outside the officer's scope
    assert codes(person_id=people.an.pk) == [
        ("Nguyễn Văn An", "CSTDCS", 2023),
        ("Nguyễn Văn An", "LDTT", 2024),
    ]
    assert codes(cccd=people.binh.cccd) == [("Trần Thị Bình", "LDTT", 2024)]
    assert codes(unit_code=tree.hospital.code) == [
        ("Bệnh viện Đa khoa Đống Đa", "TTLDTT", 2024),
        ("Trần Thị Bình", "LDTT", 2024),
    ]
    assert codes(year=2023) == [("Nguyễn Văn An", "CSTDCS", 2023)]
    assert codes(code="ttldtt", unit_id=tree.syt.pk) == [
        ("Bệnh viện Đa khoa Đống Đa", "TTLDTT", 2024)
    ]


@pytest.mark.parametrize(
    "path, make",
    [
        ("/ratings", lambda p, y: RatingFactory(person=p, year=y)),
        ("/honours", lambda p, y: HonourFactory(person=p, achievement_year=y)),
        ("/initiatives", lambda p, y: InitiativeFactory(person=p, year=y)),
        ("/discipline", lambda p, y: DisciplineFactory(person=p, start=dt.date(y, 1, 2))),
    ],
)
@pytest.mark.django_db
def test_list_query_count_constant(
    api_client, personas, tree, path, make, django_assert_num_queries
):
    client = api_client(personas.unit_officer)
    make(PersonFactory(unit=tree.syt), 2024)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"{BASE}{path}").json()["count"] == 1
    for i in range(30):
        make(PersonFactory(unit=tree.hospital), 2000 + i % 20)
    with django_assert_num_queries(len(ctx.captured_queries)):
        body = client.get(f"{BASE}{path}").json()
    assert body["count"] == 31 and len(body["items"]) == 31
