"""Reward money: multiples of the base salary, rounded up to 10.000 đồng (NĐ 152/2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vinhdanh.rules.core import CATALOGUE, Line, base_salary_on, payable, reward_amount, reward_for
from vinhdanh.rules.core.money import household_amount, round_up

SALARIES = CATALOGUE.base_salaries


def reward(code, kind, day):
    return reward_for(code, kind, day, multiples=CATALOGUE.multiples, salaries=SALARIES)


def test_rounding_up_to_next_ten_thousand():
    assert reward_amount("0.3", 2_340_000) == 710_000  # 702.000 → 710.000
    assert reward_amount(Decimal("1.5"), 1_490_000) == 2_240_000  # 2.235.000 → 2.240.000


def test_rounding_exact_multiple_stays():
    assert reward_amount(1, 2_340_000) == 2_340_000
    assert round_up(0) == 0
    assert round_up(10_000) == 10_000
    assert round_up(10_001) == 20_000


def test_rounding_float_multiple_is_exact_decimal():
    assert reward_amount(0.3, 2_340_000) == 710_000
    assert reward_amount(0.8, 1_800_000) == 1_440_000
    assert isinstance(reward_amount(0.3, 2_340_000), int)


@pytest.mark.parametrize(
    ("day", "base"),
    [(date(2019, 7, 1), 1_490_000), (date(2023, 6, 30), 1_490_000), (date(2023, 7, 1), 1_800_000),
     (date(2024, 6, 30), 1_800_000), (date(2024, 7, 1), 2_340_000), (date(2026, 1, 1), 2_340_000)],
)  # fmt: skip
def test_base_salary_on_decision_date(day, base):
    assert base_salary_on(day, SALARIES) == base


def test_base_salary_before_first_entry_raises():
    with pytest.raises(ValueError):
        base_salary_on(date(2019, 6, 30), SALARIES)


def test_base_salary_history_is_injectable_and_unordered():
    salaries = [(date(2026, 7, 1), 2_530_000), *SALARIES]
    assert base_salary_on(date(2026, 7, 1), salaries) == 2_530_000
    assert base_salary_on(date(2026, 6, 30), salaries) == 2_340_000


def test_reward_decision_before_and_after_july_2024():
    assert reward("CSTDCS", "individual", date(2024, 6, 30)).amount == 1_800_000
    assert reward("CSTDCS", "individual", date(2024, 7, 1)).amount == 2_340_000
    assert reward("LDTT", "individual", date(2024, 6, 30)).amount == 540_000


def test_reward_collective_multiple_differs_from_individual():
    assert reward("BK_TINH", "individual", date(2025, 12, 20)).amount == 3_510_000
    assert reward("BK_TINH", "collective", date(2025, 12, 20)).amount == 7_020_000
    assert reward("TTLDTT", "collective", date(2025, 12, 20)).amount == 1_880_000  # 1.872.000


def test_reward_none_when_no_multiple_for_kind():
    assert reward("LDTT", "collective", date(2025, 12, 20)) is None
    assert reward("KNC", "individual", date(2025, 12, 20)) is None


def test_household_gets_one_and_a_half_individual_amount():
    assert household_amount(710_000) == 1_070_000  # 1.065.000 → 1.070.000
    r = reward("GIAY_KHEN", "household", date(2025, 12, 20))
    assert r.amount == 1_070_000 and r.multiple == Decimal("0.45")
    assert reward("BK_TINH", "household", date(2025, 12, 20)).amount == round_up(
        Decimal("1.5") * 3_510_000
    )


def test_payable_pays_only_highest_title_for_same_period():
    lines = [
        Line("LDTT", 2025, 710_000, True),
        Line("CSTDCS", 2025, 2_340_000, True),
        Line("BK_TINH", 2025, 3_510_000, False),
    ]
    out = payable(lines)
    assert [line.code for line in out.paid] == ["CSTDCS", "BK_TINH"]
    assert out.total == 2_340_000 + 3_510_000


def test_payable_titles_of_different_periods_both_paid():
    out = payable([Line("CSTDCS", 2024, 2_340_000, True), Line("CSTDCS", 2025, 2_340_000, True)])
    assert out.total == 4_680_000 and len(out.paid) == 2


def test_payable_title_and_form_same_achievement_both_paid():
    out = payable(
        [
            Line("CSTD_TINH", "2023-2025", 7_020_000, True),
            Line("BK_TINH", "2023-2025", 3_510_000, False),
        ]
    )
    assert out.total == 10_530_000


def test_payable_empty():
    assert payable([]).total == 0
