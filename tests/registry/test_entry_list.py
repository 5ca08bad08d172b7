from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import HonourFactory, PersonFactory, RatingFactory
from tests.xlsx import export_rows

URL = "/so/"


@pytest.mark.django_db
def test_entry_list_url_name():
    assert reverse("registry:entry_list") == URL


@pytest.mark.django_db
def test_entry_list_scope_outsider_sees_only_own(login, personas, people):
    HonourFactory(person=people.an, honour_id="CSTDCS")
    HonourFactory(person=people.foreign, honour_id="LDTT")
    client = login(personas.outsider)
    body = client.get(URL).content.decode()
    assert "Phạm Đức Dũng" in body
    assert "Nguyễn Văn An" not in body


@pytest.mark.django_db
def test_entry_list_anonymous_redirected(client, tree):
    response = client.get(URL)
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


@pytest.mark.django_db
def test_entry_list_nobody_refused(login, personas):
    assert login(personas.nobody).get(URL).status_code == 404


@pytest.mark.django_db
def test_entry_list_all_kinds_and_filters(login, personas, people, fill):
    fill(people.an, 2)
    HonourFactory(person=people.binh, honour_id="CSTDCS", achievement_year=2023)
    client = login(personas.unit_officer)
    page = client.get(URL).context["page"]
    kinds = {r["e_kind"] for r in page}
    assert kinds == {"rating", "honour", "initiative", "discipline"}
    assert page.paginator.count == 9

    rows = list(client.get(URL, {"kind": "honour"}).context["page"])
    assert {r["e_code"] for r in rows} == {"LDTT", "CSTDCS"}

    rows = list(client.get(URL, {"code": "cstdcs"}).context["page"])
    assert [(r["s_name"], r["e_year"]) for r in rows] == [("Trần Thị Bình", 2023)]

    rows = list(client.get(URL, {"year_from": 2024, "year_to": 2024}).context["page"])
    assert {r["e_year"] for r in rows} == {2024} and len(rows) == 4

    rows = list(client.get(URL, {"q": "tran thi binh"}).context["page"])
    assert len(rows) == 1

    rows = list(
        client.get(
            URL, {"unit": personas.unit_officer.role_grants.first().unit.children.first().pk}
        ).context["page"]
    )
    assert {r["s_name"] for r in rows} == {"Trần Thị Bình"}

    rows = list(client.get(URL, {"subject": "collective"}).context["page"])
    assert rows == []


@pytest.mark.django_db
def test_entry_list_collective_rows_link_to_unit(login, personas, tree, fill):
    fill(tree.hospital, 1, collective=True)
    client = login(personas.unit_officer)
    response = client.get(URL, {"subject": "collective", "kind": "honour"})
    rows = list(response.context["page"])
    assert [(r["s_name"], r["e_code"]) for r in rows] == [("Bệnh viện Đa khoa Đống Đa", "TTLDTT")]
    assert reverse("registry:unit_profile", args=[tree.hospital.pk]) in response.content.decode()


@pytest.mark.django_db
def test_entry_list_sort_by_subject_name(login, personas, tree):
    for name in ["Nguyễn Văn Bình", "Trần Văn An", "Lê Thị Chi"]:
        RatingFactory(person=PersonFactory(full_name=name, unit=tree.syt))
    client = login(personas.unit_officer)
    names = [r["s_name"] for r in client.get(URL, {"sort": "subject"}).context["page"]]
    assert names == ["Trần Văn An", "Nguyễn Văn Bình", "Lê Thị Chi"]
    names = [r["s_name"] for r in client.get(URL, {"sort": "-subject"}).context["page"]]
    assert names == ["Lê Thị Chi", "Nguyễn Văn Bình", "Trần Văn An"]


@pytest.mark.django_db
def test_entry_list_paginates(login, personas, tree):
    for i in range(60):
        RatingFactory(person=PersonFactory(unit=tree.syt), year=2024)
    client = login(personas.unit_officer)
    page1 = client.get(URL).context["page"]
    page2 = client.get(URL, {"page": 2}).context["page"]
    assert len(page1.object_list) == 50 and len(page2.object_list) == 10
    assert not {r["e_id"] for r in page1} & {r["e_id"] for r in page2}


@pytest.mark.parametrize("kind", ["", "honour"])
@pytest.mark.django_db
def test_entry_list_query_count_constant(
    login, personas, people, tree, fill, django_assert_num_queries, kind
):
    client = login(personas.unit_officer)
    fill(people.an, 1)
    client.get(URL, {"kind": kind})  # warm the session
    with django_assert_num_queries(6) as ctx:
        client.get(URL, {"kind": kind})
    few = len(ctx.captured_queries)
    for _ in range(8):
        fill(PersonFactory(unit=tree.hospital), 3)
    with django_assert_num_queries(few):
        response = client.get(URL, {"kind": kind})
    assert len(response.context["page"].object_list) > 20


@pytest.mark.django_db
def test_entry_list_export_xlsx_all_filtered_rows(login, personas, tree):
    for i in range(70):
        HonourFactory(
            person=PersonFactory(unit=tree.syt), honour_id="LDTT", decision_number=f"{i + 1}/QĐ-SYT"
        )
    RatingFactory(person=PersonFactory(unit=tree.syt))
    client = login(personas.unit_officer)
    response = client.get(URL, {"kind": "honour", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = export_rows(response)
    assert rows[0][:6] == ("Loại", "Đối tượng", "Cá nhân / tập thể", "Đơn vị", "Mã", "Tên")
    assert len(rows) == 71
    assert {r[4] for r in rows[1:]} == {"LDTT"}
    assert {r[5] for r in rows[1:]} == {"Lao động tiên tiến"}
    assert rows[1][8].strftime("%d/%m/%Y") == "15/01/2025"
