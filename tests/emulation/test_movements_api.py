"""GET /api/v1/movements: scope, filters, pages, detail, refusals."""

from __future__ import annotations

import datetime as dt

from tests.emulation.fixtures_movements import *  # noqa: F403 (fixtures)
from vinhdanh.emulation.models import Milestone, Movement, MovementDocument

API = "/api/v1/movements"


def test_list_scoped_and_filtered(login, khoi9, movement, personas):
    Movement.objects.create(
        launching_unit=khoi9.syt,
        authority="Giám đốc",
        theme="Chuyển đổi số ngành Y tế",
        kind="thematic",
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
    )
    client = login(khoi9.city_officer)
    body = client.get(API).json()
    assert body["count"] == 2
    body = client.get(API, {"q": "chuyen doi"}).json()
    assert [m["theme"] for m in body["items"]] == ["Chuyển đổi số ngành Y tế"]
    body = client.get(API, {"year": 2024}).json()
    assert [m["id"] for m in body["items"]] == [movement.pk]
    assert body["items"][0]["participant_count"] == 2
    assert body["items"][0]["launching_unit"]["name"] == khoi9.hanoi.name
    assert login(personas.outsider).get(API).json()["count"] == 0


def test_detail_with_milestones_and_documents(login, khoi9, movement):
    Milestone.objects.create(
        movement=movement, kind="mid_term", title="Sơ kết", due=dt.date(2024, 7, 10)
    )
    MovementDocument.objects.create(
        movement=movement,
        external_number="282/KH-UBND",
        title="Kế hoạch",
        doc_date=dt.date(2023, 11, 30),
    )
    body = login(khoi9.head_officer).get(f"{API}/{movement.pk}").json()
    assert body["theme"] == movement.theme
    assert {p["name"] for p in body["participants"]} == {"Sở Y tế", "Sở Giáo dục và Đào tạo"}
    assert body["milestones"][0]["due"] == "2024-07-10"
    assert body["documents"][0]["number"] == "282/KH-UBND"


def test_outsider_404_anonymous_401(client, login, khoi9, movement, personas):
    resp = login(personas.outsider).get(f"{API}/{movement.pk}")
    assert resp.status_code == 404 and "detail" in resp.json()
    client.logout()
    assert client.get(API).status_code == 401
    assert client.get(f"{API}/{movement.pk}").status_code == 401
    assert login(personas.nobody).get(API).status_code == 403
