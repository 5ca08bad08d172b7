import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, UnitFactory
from vinhdanh.orgs import selectors
from vinhdanh.orgs.divisions import address_problem, full_address, provinces, wards_of

pytestmark = pytest.mark.django_db


def _names(nodes):
    return [(n.unit.name, _names(n.children)) for n in nodes]


def test_unit_tree_is_nested_scoped_and_one_query_per_table(tree, personas):
    UnitFactory(name="Bệnh viện Bạch Mai", parent=tree.syt)
    with CaptureQueriesContext(connection) as ctx:
        roots = selectors.unit_tree(personas.unit_officer)
    assert _names(roots) == [
        ("Sở Y tế", [("Bệnh viện Bạch Mai", []), ("Bệnh viện Đa khoa Đống Đa", [])])
    ]
    assert len(ctx.captured_queries) <= 3  # grants, units, people counts


def test_unit_tree_search_keeps_ancestors_and_hides_closed(tree, personas):
    UnitFactory(name="Trung tâm Y tế cũ", parent=tree.syt, active_to=dt.date(2020, 1, 1))
    roots = selectors.unit_tree(personas.province_officer, q="dong da")
    assert _names(roots) == [
        ("Ủy ban nhân dân Thành phố Hà Nội", [("Sở Y tế", [("Bệnh viện Đa khoa Đống Đa", [])])])
    ]
    open_only = selectors.unit_tree(personas.unit_officer, include_closed=False)
    assert "Trung tâm Y tế cũ" not in str(_names(open_only))


def test_people_count_query_has_no_join_for_scoped_user(tree, personas, people):
    qs = selectors.people_list(personas.unit_officer, selectors.PeopleFilter(q="nguyen"))
    with CaptureQueriesContext(connection) as ctx:
        assert qs.count() == 1
    assert "JOIN" not in ctx.captured_queries[-1]["sql"].upper()


def test_people_search_digits_match_cccd_prefix_only(tree, personas, people):
    found = selectors.people_list(
        personas.province_officer, selectors.PeopleFilter(q=people.an.cccd[:6])
    )
    assert people.an in set(found)
    nothing = selectors.people_list(
        personas.province_officer, selectors.PeopleFilter(q=people.an.cccd[3:9])
    )
    assert people.an not in set(nothing)


def test_people_search_folds_d_stroke_both_ways(tree, personas):
    p = PersonFactory(full_name="Đinh Đức Độ", unit=tree.syt)
    for q in ("dinh duc do", "ĐINH", "đức độ", "Dinh Duc"):
        assert list(selectors.people_list(personas.unit_officer, selectors.PeopleFilter(q=q))) == [
            p
        ], q


def test_resolve_unit_by_code_or_id_within_scope(tree, personas):
    assert selectors.resolve_unit(personas.unit_officer, "hn.syt.bvdd") == tree.hospital
    assert selectors.resolve_unit(personas.unit_officer, str(tree.syt.pk)) == tree.syt
    assert selectors.resolve_unit(personas.unit_officer, "HT.SYT") is None


def test_divisions_are_the_34_provinces_and_their_wards():
    assert len(provinces()) == 34
    assert (70, "Phường Hoàn Kiếm") in wards_of(1)
    assert address_problem(1, 70) is None
    assert address_problem(None, 70) == (
        "province_code",
        "Chọn tỉnh/thành phố trước khi chọn xã/phường.",
    )
    assert full_address("1 Tràng Tiền", 70, 1) == "1 Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội"
