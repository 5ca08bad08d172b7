"""GET /api/v1/blocs: scope, year filter, detail with members, leaders and numbered documents."""

from __future__ import annotations

from tests.emulation.fixtures_movements import *  # noqa: F403 (fixtures)
from vinhdanh.emulation.services import blocs as services

API = "/api/v1/blocs"


def test_list_scoped_and_year_filter(login, khoi9, personas):
    services.bloc_copy_next_year(khoi9.city_officer, khoi9.bloc)
    city = login(khoi9.city_officer)
    assert city.get(API).json()["count"] == 3
    body = city.get(API, {"year": 2025}).json()
    assert [(b["abbreviation"], b["year"]) for b in body["items"]] == [("KTĐ9", 2025)]
    assert body["items"][0]["head"]["name"] == "Sở Giáo dục và Đào tạo"
    member = login(khoi9.sgd_officer).get(API).json()
    assert {b["abbreviation"] for b in member["items"]} == {"KTĐ9"}
    assert login(personas.outsider).get(API).json()["count"] == 0


def test_detail_members_leaders_documents(login, khoi9):
    services.bloc_document_add(
        khoi9.head_officer, khoi9.bloc, doc_type="KH", title="Kế hoạch", doc_date="2024-01-10"
    )
    body = login(khoi9.sgd_officer).get(f"{API}/{khoi9.bloc.pk}").json()
    assert [m["unit"]["abbreviation"] for m in body["members"]] == [
        "SYT",
        "SGDĐT",
        "SKHCN",
        "SLĐTBXH",
        "SVHTT",
    ]
    assert body["head"]["name"] == "Sở Y tế" and body["deputy"]["name"] == "Sở Văn hóa và Thể thao"
    assert body["documents"][0]["number"] == "01/KH-KTĐ9"
    assert body["member_count"] == 5


def test_other_bloc_404_anonymous_401(client, login, khoi9, personas):
    for user in (khoi9.other_bloc_officer, personas.outsider):
        resp = login(user).get(f"{API}/{khoi9.bloc.pk}")
        assert resp.status_code == 404 and "detail" in resp.json()
    client.logout()
    assert client.get(API).status_code == 401
    assert client.get(f"{API}/{khoi9.bloc.pk}").status_code == 401
