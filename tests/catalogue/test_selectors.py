from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from vinhdanh.catalogue import selectors
from vinhdanh.catalogue.models import BaseSalary, RewardMultiple, VoteThreshold


@pytest.mark.django_db
def test_base_salary_on_picks_row_in_force(django_assert_num_queries):
    with django_assert_num_queries(1):
        row = selectors.base_salary_on(dt.date(2024, 6, 30))
    assert row.amount == 1_800_000
    assert selectors.base_salary_on(dt.date(2024, 7, 1)).amount == 2_340_000
    assert selectors.base_salary_on(dt.date(2019, 6, 30)) is None


@pytest.mark.django_db
def test_multiples_map_newest_row_wins(django_assert_num_queries):
    RewardMultiple.objects.create(
        honour_id="CSTDCS",
        subject_kind="individual",
        multiple=Decimal("1.2"),
        valid_from=dt.date(2027, 1, 1),
        citation="NĐ mới",
    )
    with django_assert_num_queries(1):
        now = selectors.multiples_map(dt.date(2026, 1, 1))
    assert now[("CSTDCS", "individual")] == Decimal("1.0")
    assert now[("HCLD3", "collective")] == Decimal("9.0")
    assert ("TTLDTT", "individual") not in now
    assert selectors.multiples_map(dt.date(2027, 1, 1))[("CSTDCS", "individual")] == Decimal("1.2")
    # 01/01/2024 – 30/06/2025: NĐ 98/2023 Điều 54, titles only; nothing before 2024
    before = selectors.multiples_map(dt.date(2025, 6, 30))
    assert before[("LDTT", "individual")] == Decimal("0.3") and len(before) == 11
    assert ("BK_TINH", "individual") not in before and ("HCLD3", "individual") not in before
    assert selectors.multiples_map(dt.date(2023, 12, 31)) == {}
    # NĐ 152/2025 lapses on 01/3/2027: only the row an administrator added survives
    assert selectors.multiples_map(dt.date(2027, 3, 1)) == {
        ("CSTDCS", "individual"): Decimal("1.2")
    }


@pytest.mark.django_db
def test_vote_thresholds_map(django_assert_num_queries):
    VoteThreshold.objects.create(
        honour_id="CSTDCS", share=Decimal("0.75"), valid_from=dt.date(2030, 1, 1), citation="x"
    )
    with django_assert_num_queries(1):
        m = selectors.vote_thresholds_map(dt.date(2025, 1, 1))
    assert m["CSTD_TINH"] == Decimal("0.90") and m["CSTDCS"] == Decimal("0.80")
    assert selectors.vote_thresholds_map(dt.date(2030, 1, 1))["CSTDCS"] == Decimal("0.75")


@pytest.mark.django_db
def test_rating_order_and_scope_ranks(django_assert_num_queries):
    with django_assert_num_queries(2):
        order = selectors.rating_order()
        ranks = selectors.scope_ranks()
    assert order["HTXS"] > order["HTT"] > order["HT"] > order["KHT"]
    assert ranks["TOAN_QUOC"] > ranks["TINH"] > ranks["CO_SO"]


@pytest.mark.django_db
def test_base_salary_history_kept():
    assert BaseSalary.objects.get(valid_from=dt.date(2026, 7, 1)).amount == 2_530_000
    BaseSalary.objects.create(
        valid_from=dt.date(2027, 7, 1), amount=2_700_000, source="Nghị định mới"
    )
    assert BaseSalary.objects.count() == 5
