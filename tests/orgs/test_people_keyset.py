"""Issue 14 §3: the people list keeps numbered pages for the first pages, then continues from
the last row seen (keyset: the same query cost on every page). Walking forward by "Sau ›" and
back by "‹ Trước" visits every person in scope exactly once, in name order, ties broken by id."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import vinhdanh.orgs.people_views  # noqa: F401 (imported before PAGE_SIZE is patched)
from tests.factories import PersonFactory
from vinhdanh.core import listing
from vinhdanh.orgs.models import Person

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Chi",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đỗ Văn Hải",
]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 4)
    monkeypatch.setattr(listing, "KEYSET_AFTER_PAGE", 2)


@pytest.fixture
def crowd(tree):
    """31 people in the hospital, with repeated names (same sort key: order by id), and two
    in Hà Tĩnh that Sở Y tế's officer must never see."""
    made = [PersonFactory(full_name=NAMES[i % len(NAMES)], unit=tree.hospital) for i in range(31)]
    outside = [PersonFactory(full_name=n, unit=tree.syt_ht) for n in ("Nguyễn Văn An", "Lê Bé")]
    return made, outside


def _links(body: str) -> dict[str, str]:
    nav = body.split('aria-label="Phân trang"', 1)[1].split("</nav>", 1)[0]
    return {
        label: html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)
    }


def _ids(response) -> list[int]:
    return [p.pk for p in response.context["page"].object_list]


def test_walking_forward_then_back_visits_everyone_once_in_order(
    login, personas, crowd, small_pages
):
    made, outside = crowd
    client = login(personas.unit_officer)
    url = reverse("orgs:person_list")
    expected = list(
        Person.objects.filter(pk__in=[p.pk for p in made])
        .order_by("sort_key", "pk")
        .values_list("pk", flat=True)
    )

    seen, response, kinds = [], client.get(url), []
    while True:
        seen += _ids(response)
        page = response.context["page"]
        kinds.append("keyset" if page.keyset else f"page {page.number}")
        nxt = _links(response.content.decode()).get("Sau ›")
        if not nxt:
            break
        response = client.get(url + nxt)
    assert seen == expected  # everyone once, in name order then id
    assert kinds[:2] == ["page 1", "page 2"] and set(kinds[2:]) == {"keyset"}
    assert len(kinds) == 8  # 31 people, 4 a page
    assert not {p.pk for p in outside} & set(seen)

    # The numbered pages say where they are; a keyset page names its first and last person.
    first = client.get(url).content.decode()
    assert "Trang 1 / 8 · 31 dòng" in first
    assert _links(first)["Cuối »"] == "?last=1"

    # From the end backwards.
    back, response = [], client.get(url + "?last=1")
    assert response.context["page"].keyset and not response.context["page"].has_next()
    while True:
        back = _ids(response) + back
        prev = _links(response.content.decode()).get("‹ Trước")
        if not prev:
            break
        response = client.get(url + prev)
    assert back == expected


def test_keyset_pages_cost_the_same_and_use_no_offset(login, personas, crowd, small_pages):
    made, _ = crowd
    client = login(personas.unit_officer)
    url = reverse("orgs:person_list")
    ordered = list(Person.objects.filter(unit=made[0].unit).order_by("sort_key", "pk"))
    counts = []
    for anchor in (ordered[9], ordered[25]):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}?after={anchor.pk}")
        page_sql = [q["sql"] for q in queries.captured_queries if "orgs_person" in q["sql"]]
        assert not any("OFFSET" in sql.upper() for sql in page_sql)
        counts.append(len(queries.captured_queries))
        position = ordered.index(anchor)
        assert _ids(response) == [p.pk for p in ordered[position + 1 : position + 5]]
    assert counts[0] == counts[1]


def test_a_row_outside_the_scope_is_no_anchor(login, personas, crowd, small_pages):
    made, outside = crowd
    client = login(personas.unit_officer)
    url = reverse("orgs:person_list")
    response = client.get(f"{url}?after={outside[0].pk}")
    page = response.context["page"]
    assert not page.keyset and page.number == 1  # back to the first page, nothing revealed
    assert not {p.pk for p in outside} & set(_ids(response))
    assert client.get(f"{url}?after=abc").context["page"].number == 1
    assert client.get(f"{url}?before=99999999").context["page"].number == 1


def test_other_sorts_and_searches_keep_numbered_pages(login, personas, crowd, small_pages):
    client = login(personas.unit_officer)
    url = reverse("orgs:person_list")
    page = client.get(url + "?sort=dob&page=5").context["page"]
    assert not hasattr(page, "keyset") and page.number == 5
    body = client.get(url + "?sort=dob&page=5").content.decode()
    assert "after=" not in body.split('aria-label="Phân trang"', 1)[1]


def test_the_people_list_refuses_anonymous_and_unassigned_users(client, login, personas, crowd):
    url = reverse("orgs:person_list") + f"?after={crowd[0][0].pk}"
    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    refused = login(personas.nobody).get(url)
    assert refused.status_code == 404  # no scope at all: the list does not exist for them
    assert "Trần Thị Bình" not in refused.content.decode()
