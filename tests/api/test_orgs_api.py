"""/api/v1/units and /api/v1/people: scope, capability, validation, pagination, audit."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, UnitFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.validators import make_cccd

pytestmark = pytest.mark.django_db


def _person_payload(unit="HN.SYT", **extra):
    data = {
        "unit": unit,
        "full_name": "hoàng thị lan",
        "gender": "female",
        "date_of_birth": "1992-04-05",
        "cccd": make_cccd(1, "female", 1992, 4242),
        "position": "Chuyên viên",
        "hired_on": "2016-08-01",
    }
    data.update(extra)
    return data


# Refusals on every endpoint -----------------------------------------------------------------


def _endpoints(tree, people):
    return [
        ("get", "/api/v1/units", None),
        ("get", f"/api/v1/units/{tree.syt.pk}", None),
        (
            "post",
            "/api/v1/units",
            {"parent": "HN.SYT", "code": "X", "name": "X", "abbreviation": "X", "level": "CO_SO"},
        ),
        ("patch", f"/api/v1/units/{tree.syt.pk}", {"name": "X"}),
        ("post", f"/api/v1/units/{tree.hospital.pk}/move", {"parent": "HN.SGDDT"}),
        ("post", f"/api/v1/units/{tree.hospital.pk}/close", {"on": "2025-07-01"}),
        ("post", f"/api/v1/units/{tree.hospital.pk}/reopen", None),
        ("get", "/api/v1/people", None),
        ("get", f"/api/v1/people/{people.an.pk}", None),
        ("post", "/api/v1/people", _person_payload()),
        ("patch", f"/api/v1/people/{people.an.pk}", {"position": "X"}),
        (
            "post",
            f"/api/v1/people/{people.an.pk}/move",
            {"unit": "HN.SYT.BVDD", "on": "2024-01-01"},
        ),
    ]


def _call(client, method, url, body):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type="application/json")


def test_every_endpoint_401_for_anonymous(anon_api_client, tree, people):
    for method, url, body in _endpoints(tree, people):
        response = _call(anon_api_client, method, url, body)
        assert response.status_code == 401, url
        assert response.json()["detail"] == "Cần đăng nhập hoặc mã truy cập API hợp lệ."
    assert not AuditEntry.objects.exists()


def test_every_object_endpoint_404_for_outsider(api_client, tree, personas, people):
    client = api_client(personas.outsider)
    for method, url, body in _endpoints(tree, people):
        if url in ("/api/v1/units", "/api/v1/people"):
            continue
        response = _call(client, method, url, body)
        assert response.status_code == 404, url
        assert response.json()["detail"] == "Không tìm thấy hoặc bạn không có quyền truy cập."
    assert not AuditEntry.objects.filter(object_type__startswith="orgs.").exists()


def test_outsider_lists_only_own_scope(api_client, tree, personas, people):
    client = api_client(personas.outsider)
    units = client.get("/api/v1/units").json()
    assert {u["code"] for u in units["items"]} == {"HT.SYT"}
    listed = client.get("/api/v1/people").json()
    assert [p["full_name"] for p in listed["items"]] == ["Phạm Đức Dũng"]
    assert client.get("/api/v1/people?unit=HN.SYT").json() == {"items": [], "count": 0}
    # Creating someone in a unit outside the scope names no unit it cannot see.
    response = client.post(
        "/api/v1/people", _person_payload(unit="HN.SYT"), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit"


def test_user_without_role_gets_403(api_client, personas, tree):
    client = api_client(personas.nobody)
    for url in ("/api/v1/units", "/api/v1/people"):
        response = client.get(url)
        assert response.status_code == 403
        assert (
            response.json()["detail"]
            == "Tài khoản chưa được phân quyền xem dữ liệu đơn vị, cá nhân."
        )


def test_viewer_reads_but_writes_are_403(api_client, tree, personas, people):
    client = api_client(personas.viewer)
    assert client.get(f"/api/v1/people/{people.an.pk}").json()["full_name"] == "Nguyễn Văn An"
    for method, url, body in _endpoints(tree, people):
        if method == "get":
            continue
        response = _call(client, method, url, body)
        assert response.status_code == 403, url
        assert "quyền" in response.json()["detail"]
    people.an.refresh_from_db()
    assert people.an.position == "Chuyên viên"
    assert Person.objects.count() == 4


# Units --------------------------------------------------------------------------------------


def test_units_list_filters_and_pagination(api_client, tree, personas):
    for _ in range(3):
        UnitFactory(parent=tree.hospital, level="CO_SO")
    client = api_client(personas.province_officer)
    body = client.get("/api/v1/units?page_size=2").json()
    assert body["count"] == 7 and len(body["items"]) == 2
    assert body["items"][0]["code"] == "HN"
    sub = client.get(f"/api/v1/units?parent={tree.syt.pk}&level=CO_SO").json()
    assert sub["count"] == 4
    assert client.get("/api/v1/units?q=dong da").json()["items"][0]["code"] == "HN.SYT.BVDD"
    assert client.get("/api/v1/units?level=XX").status_code == 422


def test_unit_read_has_address_names(api_client, tree, personas):
    Unit.objects.filter(pk=tree.syt.pk).update(province_code=1, ward_code=70)
    data = api_client(personas.unit_officer).get(f"/api/v1/units/{tree.syt.pk}").json()
    assert data["province_name"] == "Thành phố Hà Nội"
    assert data["ward_name"] == "Phường Hoàn Kiếm"
    assert data["level_label"] == "Sở, ban, ngành"


def test_unit_create_update_move_close_reopen(api_client, tree, personas):
    client = api_client(personas.province_officer)
    created = client.post(
        "/api/v1/units",
        {
            "parent": "HN.SYT",
            "code": "HN.SYT.CDC",
            "name": "Trung tâm Kiểm soát bệnh tật",
            "abbreviation": "CDC",
            "level": "CO_SO",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert Unit.objects.get(pk=pk).parent == tree.syt
    patched = client.patch(
        f"/api/v1/units/{pk}", {"name": "CDC Hà Nội"}, content_type="application/json"
    )
    assert patched.json()["name"] == "CDC Hà Nội"
    moved = client.post(
        f"/api/v1/units/{pk}/move", {"parent": tree.sgd.pk}, content_type="application/json"
    )
    assert moved.json()["parent_id"] == tree.sgd.pk and moved.json()["depth"] == 2
    closed = client.post(
        f"/api/v1/units/{pk}/close", {"on": "2025-07-01"}, content_type="application/json"
    )
    assert closed.json()["active_to"] == "2025-07-01"
    reopened = client.post(f"/api/v1/units/{pk}/reopen")
    assert reopened.json()["active_to"] is None
    actions = list(
        AuditEntry.objects.filter(object_type="orgs.unit", object_id=str(pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update", "update", "update"]
    update = AuditEntry.objects.filter(object_type="orgs.unit", object_id=str(pk)).order_by("pk")[1]
    assert update.changes == {"name": ["Trung tâm Kiểm soát bệnh tật", "CDC Hà Nội"]}


def test_unit_validation_errors_are_422_in_vietnamese(api_client, tree, personas):
    client = api_client(personas.unit_officer)
    response = client.post(
        "/api/v1/units",
        {
            "parent": "HN.SYT",
            "code": "HN.SYT.X",
            "name": "X",
            "abbreviation": "X",
            "level": "CO_SO",
            "province_code": 42,
            "ward_code": 70,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "ward_code",
            "message": "Phường Hoàn Kiếm không thuộc Hà Tĩnh; hãy chọn lại xã/phường.",
            "code": "invalid",
        }
    ]
    missing = client.post(
        "/api/v1/units", {"parent": "HN.SYT"}, content_type="application/json"
    ).json()
    assert {e["field"] for e in missing["errors"]} >= {"code", "name", "abbreviation", "level"}
    assert all(e["message"] == "Thiếu trường bắt buộc." for e in missing["errors"])
    cycle = client.post(
        f"/api/v1/units/{tree.syt.pk}/move",
        {"parent": "HN.SYT.BVDD"},
        content_type="application/json",
    )
    assert cycle.status_code == 422
    assert "trực thuộc của chính nó" in cycle.json()["errors"][0]["message"]
    blank = client.patch(
        f"/api/v1/units/{tree.hospital.pk}", {"name": None}, content_type="application/json"
    )
    assert blank.status_code == 422 and blank.json()["errors"][0] == {
        "field": "name",
        "message": "Không được để trống.",
        "code": "invalid",
    }


# People -------------------------------------------------------------------------------------


def test_people_list_search_filters_and_sort(api_client, tree, personas, people):
    PersonFactory(full_name="Đặng Văn Đức", unit=tree.hospital, gender="male", is_leader=True)
    client = api_client(personas.province_officer)
    names = lambda q: [p["full_name"] for p in client.get("/api/v1/people" + q).json()["items"]]  # noqa: E731
    assert names("?q=nguyen van an") == ["Nguyễn Văn An"]
    assert names("?q=dang duc") == ["Đặng Văn Đức"]
    assert names("?q=" + people.binh.cccd[:8]) == ["Trần Thị Bình"]
    assert names("?unit=HN.SYT") == ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Văn Đức"]
    assert names("?unit=HN.SYT&subtree=false") == ["Nguyễn Văn An"]
    assert names("?is_leader=true") == ["Đặng Văn Đức"]
    assert names("?gender=female") == ["Trần Thị Bình", "Lê Minh Chi"]
    # Vietnamese order: An < Bình < Chi < Đức
    assert names("") == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Chi", "Đặng Văn Đức"]
    assert names("?sort=-name")[0] == "Đặng Văn Đức"
    item = client.get("/api/v1/people?q=an").json()["items"][0]
    assert item["unit"] == {"id": tree.syt.pk, "code": "HN.SYT", "name": "Sở Y tế"}


def test_person_create_patch_move_and_history(api_client, tree, personas):
    client = api_client(personas.unit_officer)
    created = client.post("/api/v1/people", _person_payload(), content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert data["full_name"] == "Hoàng Thị Lan"
    assert data["memberships"] == [
        {
            "id": Membership.objects.get(person_id=data["id"]).pk,
            "unit": {"id": tree.syt.pk, "code": "HN.SYT", "name": "Sở Y tế"},
            "position": "Chuyên viên",
            "start": "2016-08-01",
            "end": None,
        }
    ]
    pk = data["id"]
    patched = client.patch(
        f"/api/v1/people/{pk}", {"is_direct_worker": True}, content_type="application/json"
    )
    assert patched.json()["is_direct_worker"] is True
    moved = client.post(
        f"/api/v1/people/{pk}/move",
        {"unit": "HN.SYT.BVDD", "on": "2024-01-01", "position": "Điều dưỡng trưởng"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["unit"]["code"] == "HN.SYT.BVDD"
    assert [(m["unit"]["code"], m["start"], m["end"]) for m in moved.json()["memberships"]] == [
        ("HN.SYT.BVDD", "2024-01-01", None),
        ("HN.SYT", "2016-08-01", "2023-12-31"),
    ]
    assert Membership.objects.filter(person_id=pk).count() == 2
    entries = AuditEntry.objects.filter(object_type="orgs.person", object_id=str(pk)).order_by("pk")
    assert [e.action for e in entries] == ["create", "update", "update"]
    assert entries[1].changes == {"is_direct_worker": [False, True]}
    assert entries[2].changes["unit"] == [tree.syt.pk, tree.hospital.pk]


def test_person_validation_errors_are_422(api_client, tree, personas, people):
    client = api_client(personas.unit_officer)
    bad = client.post(
        "/api/v1/people", _person_payload(cccd="0010921"), content_type="application/json"
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"field": "cccd", "message": "CCCD phải gồm đúng 12 chữ số.", "code": "invalid"}
    ]
    dup = client.post(
        "/api/v1/people",
        _person_payload(
            cccd=people.an.cccd, gender="male", date_of_birth=people.an.date_of_birth.isoformat()
        ),
        content_type="application/json",
    )
    assert dup.status_code == 422 and "đã có trong hệ thống" in dup.json()["errors"][0]["message"]
    future = client.patch(
        f"/api/v1/people/{people.an.pk}",
        {"hired_on": (dt.date.today() + dt.timedelta(days=30)).isoformat()},
        content_type="application/json",
    )
    assert future.json()["errors"][0] == {
        "field": "hired_on",
        "message": "Ngày bắt đầu công tác không thể ở tương lai.",
        "code": "invalid",
    }
    early = client.post(
        f"/api/v1/people/{people.an.pk}/move",
        {"unit": "HN.SYT.BVDD", "on": "2009-01-01"},
        content_type="application/json",
    )
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "on"
    wrong_type = client.post(
        "/api/v1/people",
        _person_payload(date_of_birth="05/04/1992"),
        content_type="application/json",
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json()["errors"][0]["field"] == "date_of_birth"
    assert Person.objects.count() == 4


# Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/units", "/api/v1/people"])
def test_list_query_count_same_for_1_and_30_rows(api_client, tree, personas, url):
    client = api_client(personas.unit_officer)
    counts = []
    for n in (1, 29):
        for _ in range(n):
            if "units" in url:
                UnitFactory(parent=tree.syt)
            else:
                PersonFactory(unit=tree.syt)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert response.json()["count"] >= 30
    assert counts[0] == counts[1]
