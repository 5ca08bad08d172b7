"""The people search's page and total come from one query; pages, totals and scope are those
of the usual pagination."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import PersonFactory


def test_people_search_pages_and_total_match_the_matches(login, tree, personas):
    for i in range(55):
        PersonFactory(full_name=f"Hoàng Thị Mỹ {i:02d}", unit=tree.hospital, gender="female")
    PersonFactory(full_name="Hoàng Thị Mỹ Ngoài", unit=tree.syt_ht, gender="female")  # out of scope
    client = login(personas.province_officer)
    url = reverse("orgs:person_list") + "?q=hoang thi my"
    first = client.get(url)
    assert first.context["page"].paginator.count == 55
    assert len(first.context["page"].object_list) == 50
    assert "55 dòng" in first.content.decode()
    second = client.get(url + "&page=2")
    names = [p.full_name for p in second.context["page"].object_list]
    assert len(names) == 5 and all(n.startswith("Hoàng Thị Mỹ ") for n in names)
    assert "Hoàng Thị Mỹ Ngoài" not in second.content.decode()
    # Past the end and odd numbers behave as on every list (last page, first page).
    assert client.get(url + "&page=9").context["page"].number == 2
    assert client.get(url + "&page=abc").context["page"].number == 1


def test_people_search_without_match_shows_none(login, tree, personas):
    client = login(personas.province_officer)
    page = client.get(reverse("orgs:person_list") + "?q=khongcoai").context["page"]
    assert page.paginator.count == 0 and list(page.object_list) == []


def test_people_list_unit_filter_lists_the_scope_units(login, tree, personas):
    client = login(personas.unit_officer)
    html = client.get(reverse("orgs:person_list")).content.decode()
    assert f'<option value="{tree.hospital.pk}">' in html
    assert "Hà Tĩnh" not in html
