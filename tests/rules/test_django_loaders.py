"""Set-based loading: the histories built from the database equal hand-built ones."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory
from tests.rules.conftest import give
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.registry.models import DisciplineRecord, RatingRecord
from vinhdanh.rules.core import Held, History, Initiative, Members
from vinhdanh.rules.selectors import (
    Jurisdictions,
    catalogue_from_db,
    histories_for_people,
    histories_for_units,
)
from vinhdanh.rules.services import RulesError, rule_parameter_set


def test_histories_for_people_match_hand_built(due, people, django_assert_num_queries):
    Person.objects.filter(pk=due.pk).update(pending_review=True)
    catalogue = catalogue_from_db()
    with django_assert_num_queries(4):
        loaded = histories_for_people(Person.objects.filter(unit__path__startswith="0"), 2025,
                                      catalogue=catalogue)  # fmt: skip
    expected = History(
        kind="individual",
        ratings={2021: "HTT", 2022: "HTXS", 2023: "HTXS", 2024: "HTXS", 2025: "HTXS"},
        titles=[
            Held("LDTT", 2022),
            Held("LDTT", 2023),
            Held("CSTDCS", 2023),
            Held("LDTT", 2024),
            Held("CSTDCS", 2024),
        ],  # fmt: skip
        awards=[Held("BK_TINH", 2020)],
        initiatives=[
            Initiative("SANG_KIEN", "CO_SO", 2023),
            Initiative("SANG_KIEN", "CO_SO", 2024),
            Initiative("SANG_KIEN", "TINH", 2025),
        ],  # fmt: skip
        pending_review=True,
        hired_on=dt.date(2012, 3, 1),
        gender="female",
    )
    assert loaded[due.pk] == expected
    assert loaded[people.an.pk] == History(kind="individual", hired_on=dt.date(2010, 1, 1),
                                           gender="male")  # fmt: skip
    assert set(loaded) == set(Person.objects.values_list("pk", flat=True))


def test_histories_for_people_leave_out_records_after_year(due):
    loaded = histories_for_people(Person.objects.filter(pk=due.pk), 2024)[due.pk]
    assert 2025 not in loaded.ratings
    assert all(i.year <= 2024 for i in loaded.initiatives)


def _member(unit, rating=None, titles=(), start=dt.date(2020, 1, 1), end=None):
    person = PersonFactory(unit=unit)
    Membership.objects.filter(person=person).update(start=start, end=end)
    give(person, ratings={2025: rating} if rating else None, titles=[(c, 2025) for c in titles])
    return person


def test_histories_for_units_count_members_of_the_year(tree, django_assert_num_queries):
    unit = tree.hospital
    _member(unit, "HTXS", ["LDTT", "CSTDCS"])
    _member(unit, "HTT", ["LDTT"])
    _member(unit, "HT")
    warned = _member(unit, "KHT")
    _member(unit, "HTXS", ["LDTT"], start=dt.date(2019, 1, 1), end=dt.date(2024, 6, 30))  # left
    DisciplineRecord.objects.create(person=warned, form_id="CANH_CAO", start=dt.date(2025, 3, 1))
    reprimanded = _member(unit, "HT")
    DisciplineRecord.objects.create(person=reprimanded, form_id="KHIEN_TRACH",
                                    start=dt.date(2025, 3, 1))  # fmt: skip
    RatingRecord.objects.create(unit=unit, year=2025, rating_id="HTXS")
    catalogue = catalogue_from_db()
    with django_assert_num_queries(8):
        loaded = histories_for_units(Unit.objects.filter(pk=unit.pk), 2025, catalogue=catalogue)
    h = loaded[unit.pk]
    assert h == History(kind="collective", ratings={2025: "HTXS"},
                        members=Members(total=5, completed=4, ldtt=2, cstdcs=1, warned=1))  # fmt: skip


def _ttldtt_unit(unit):
    """8 members, 6 LĐTT (75%... no: 5 of 8 = 62,5%) so the share decides."""
    for i in range(8):
        _member(unit, "HTT", ["LDTT"] if i < 5 else [])
    RatingRecord.objects.create(unit=unit, year=2025, rating_id="HTT")
    return unit


def test_parameters_per_jurisdiction_change_ttldtt(tree, personas):
    hanoi_unit = _ttldtt_unit(tree.hospital)  # under Sở Y tế, under Hà Nội
    hatinh_unit = _ttldtt_unit(tree.syt_ht)
    with pytest.raises(RulesError):
        rule_parameter_set(personas.province_officer, key="ttldtt.ldtt_share", value=0.6,
                           valid_from=dt.date(2025, 1, 1), jurisdiction=tree.hanoi)  # fmt: skip
    with pytest.raises(RulesError):
        rule_parameter_set(personas.admin, key="ttldtt.ldtt_share", value=1.5,
                           valid_from=dt.date(2025, 1, 1), jurisdiction=tree.hanoi)  # fmt: skip
    row = rule_parameter_set(personas.admin, key="ttldtt.ldtt_share", value=0.6,
                             valid_from=dt.date(2025, 1, 1), jurisdiction=tree.hanoi,
                             note="Quyết định của UBND Thành phố")  # fmt: skip
    from vinhdanh.core.models import AuditEntry

    entry = AuditEntry.objects.get(object_type="rules.ruleparameter", object_id=str(row.pk))
    assert entry.changes["value"] == [None, 0.6] and entry.unit_id == tree.hanoi.pk

    units = Unit.objects.filter(pk__in=[hanoi_unit.pk, hatinh_unit.pk])
    histories = histories_for_units(units, 2025)
    juris = Jurisdictions(2025)
    hn = juris.engine_for_path(hanoi_unit.path).verdict(histories[hanoi_unit.pk], "TTLDTT", 2025)
    ht = juris.engine_for_path(hatinh_unit.path).verdict(histories[hatinh_unit.pk], "TTLDTT", 2025)
    assert hn.status == "eligible"
    assert ht.status == "not_eligible"
    share = [c for c in ht.checks if not c.met]
    assert share and "70" in share[0].message
    # a year before the parameter took effect keeps the default
    assert Jurisdictions(2024).params_for_path(hanoi_unit.path) == {}
