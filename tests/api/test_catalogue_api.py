from __future__ import annotations

import pytest

BASE = "/api/v1/catalogue"
PATHS = [
    "/ratings",
    "/honours",
    "/multiples",
    "/base-salaries",
    "/thresholds",
    "/initiative-kinds",
    "/scopes",
    "/discipline-forms",
]


@pytest.mark.django_db
def test_catalogue_lists(api_client, personas):
    client = api_client(personas.outsider)
    assert [r["code"] for r in client.get(f"{BASE}/ratings").json()] == ["HTXS", "HTT", "HT", "KHT"]
    honours = {h["code"]: h for h in client.get(f"{BASE}/honours").json()}
    assert honours["CSTDCS"]["for_individual"] and honours["CSTDCS"]["is_builtin"]
    titles = client.get(f"{BASE}/honours", {"category": "state_title"}).json()
    assert {h["category"] for h in titles} == {"state_title"} and "AHLD" in {
        h["code"] for h in titles
    }
    multiples = [
        {k: v for k, v in m.items() if k != "id"} for m in client.get(f"{BASE}/multiples").json()
    ]
    assert {"honour": "CSTDCS", "subject_kind": "individual", "multiple": "1.00", "valid_from": "2025-07-01",
            "citation": "Nghị định 152/2025/NĐ-CP, Điều 50, 51, 54"} in multiples  # fmt: skip
    salaries = client.get(f"{BASE}/base-salaries").json()
    assert isinstance(salaries[0].pop("id"), int)
    assert salaries[0] == {
        "valid_from": "2026-07-01",
        "amount": 2530000,
        "source": "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2",
    }
    assert isinstance(salaries[1].pop("id"), int)
    assert salaries[1] == {
        "valid_from": "2024-07-01",
        "amount": 2340000,
        "source": "Nghị định 73/2024/NĐ-CP",
    }
    thresholds = {t["honour"]: t["share"] for t in client.get(f"{BASE}/thresholds").json()}
    assert thresholds["CSTD_TINH"] == "0.90"
    assert [s["code"] for s in client.get(f"{BASE}/scopes").json()] == [
        "CO_SO",
        "TINH",
        "TOAN_QUOC",
    ]
    assert {k["code"] for k in client.get(f"{BASE}/initiative-kinds").json()} == {
        "SANG_KIEN",
        "DE_TAI",
    }
    assert client.get(f"{BASE}/discipline-forms").json()[-1]["code"] == "BUOC_THOI_VIEC"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.django_db
def test_catalogue_anonymous_401_nobody_403(anon_api_client, api_client, personas, path):
    assert anon_api_client.get(f"{BASE}{path}").status_code == 401
    response = api_client(personas.nobody).get(f"{BASE}{path}")
    assert response.status_code == 403 and "chưa được phân quyền" in response.json()["detail"]


@pytest.mark.django_db
def test_catalogue_is_read_only(api_client, personas):
    response = api_client(personas.admin).post(
        f"{BASE}/honours", "{}", content_type="application/json"
    )
    assert response.status_code == 405
