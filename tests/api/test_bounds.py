"""Issue 11 §4, API: every list endpoint bounds page and page_size (422 beyond, never 500),
and every schema of a model row carries its id. The endpoints are found from the OpenAPI
document, so a list added later is covered without editing this file."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinhdanh.api.pagination import MAX_PAGE, MAX_PAGE_SIZE
from vinhdanh.api.urls import api

pytestmark = pytest.mark.django_db

# Schemas that describe no model row of their own (references, errors, inputs, catalogue rows
# whose primary key is their code).
NO_ID = {
    "UnitRef",
    "PersonRef",
    "ErrorOut",
    "ErrorItem",
    "MeOut",
    "RoleOut",
    # catalogue.Rating / Honour: the code is the primary key (the register's RatingOut and
    # HonourOut have an id; the names used to collide in the OpenAPI components)
    "CatalogueRatingOut",
    "CatalogueHonourOut",
    "CodeOut",
    "ScopeOut",
    "DisciplineFormOut",
}


def _openapi():
    return api.get_openapi_schema()


def list_paths() -> list[str]:
    paths = []
    for path, ops in _openapi()["paths"].items():
        get = ops.get("get")
        if get and any(p["name"] == "page" for p in get.get("parameters", [])):
            assert "{" not in path, path
            paths.append(path)
    return sorted(paths)


def test_seven_lists_are_found():
    assert len(list_paths()) >= 7


@pytest.fixture
def client(api_client, personas):
    return api_client(personas.admin)


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        f"page={MAX_PAGE + 1}",
        "page=10000000000000000000000000000000",
        "page=-5",
        "page_size=0",
        f"page_size={MAX_PAGE_SIZE + 1}",
        "page_size=99999999999999999999",
        "page=abc",
    ],
)
def test_every_list_refuses_out_of_bounds_with_422(client, query):
    for path in list_paths():
        response = client.get(f"{path}?{query}")
        assert response.status_code == 422, (path, query, response.content[:200])
        body = response.json()
        assert body["detail"] == "Dữ liệu không hợp lệ."
        field = query.split("=")[0]
        assert [e["field"] for e in body["errors"]] == [field]
        message = body["errors"][0]["message"]
        assert any(w in message for w in ("tối đa", "tối thiểu", "số nguyên")), message


def test_bound_messages_name_the_limit(client):
    path = list_paths()[0]
    big = client.get(f"{path}?page={MAX_PAGE + 1}").json()["errors"][0]["message"]
    assert big == f"Giá trị quá lớn: tối đa là {MAX_PAGE}."
    small = client.get(f"{path}?page_size=0").json()["errors"][0]["message"]
    assert small == "Giá trị quá nhỏ: tối thiểu là 1."


def test_last_allowed_page_is_empty_not_an_error(client):
    for path in list_paths():
        response = client.get(f"{path}?page={MAX_PAGE}&page_size={MAX_PAGE_SIZE}")
        assert response.status_code == 200, (path, response.content[:200])
        assert response.json()["items"] == []


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(page=st.integers(min_value=-(10**40), max_value=10**40), size=st.integers(-(10**20), 10**20))
def test_any_page_numbers_never_give_a_server_error(client, page, size):
    for path in list_paths():
        response = client.get(path, {"page": page, "page_size": size})
        in_bounds = 1 <= page <= MAX_PAGE and 1 <= size <= MAX_PAGE_SIZE
        assert response.status_code == (200 if in_bounds else 422), (path, page, size)


def test_every_model_schema_exposes_id():
    schemas = _openapi()["components"]["schemas"]
    missing = [
        name
        for name, schema in schemas.items()
        if name.endswith("Out")
        and not name.startswith("Paged")
        and name not in NO_ID
        and "id" not in schema.get("properties", {})
    ]
    assert missing == []
