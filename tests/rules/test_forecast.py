"""Forecast of the next target in a chain, the earliest year and what is missing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.rules.builders import person, rated, unit
from vinhdanh.rules.core import FORM_CHAIN, TITLE_CHAIN, forecast, next_target


def test_next_target_first_of_chain_when_nothing_held():
    assert next_target(person(), TITLE_CHAIN) == "LDTT"
    assert next_target(person(), FORM_CHAIN) == "BK_TINH"


def test_next_target_after_highest_held_and_top_repeats():
    h = person(titles=[("CSTDCS", 2020), ("LDTT", 2024)], awards=[("BK_TTG", 2015)])
    assert next_target(h, TITLE_CHAIN) == "CSTD_TINH"
    assert next_target(h, FORM_CHAIN) == "HCLD3"
    assert next_target(person(titles=[("CSTD_TQ", 2020)]), TITLE_CHAIN) == "CSTD_TQ"


def test_forecast_cstd_tinh_needs_provincial_initiative():
    h = person(ratings=rated(2023, "HTXS HTT"), titles=[("CSTDCS", 2024)])
    f = forecast(h, 2025)
    assert (f.target, f.year) == ("CSTD_TINH", 2026)
    assert f.missing == (
        "cần 1 sáng kiến hoặc đề tài khoa học phạm vi cấp tỉnh trở lên trong 2025–2026",
    )
    assert any("HTXS" in a for a in f.assumptions)


def test_forecast_uses_recorded_initiative_and_needs_nothing():
    h = person(ratings=rated(2023, "HTXS HTT"), titles=[("CSTDCS", 2023), ("CSTDCS", 2024)],
               initiatives=[("DE_TAI", "TINH", 2024)])  # fmt: skip
    f = forecast(h, 2025)
    assert (f.target, f.year, f.missing) == ("CSTD_TINH", 2025, ())


def test_forecast_cstd_tq_after_second_run():
    h = person(ratings=rated(2024, "HTT"), titles=[("CSTD_TINH", 2024), ("CSTDCS", 2024)])
    f = forecast(h, 2025)
    assert (f.target, f.year) == ("CSTD_TQ", 2027)
    assert f.missing == (
        "cần 1 sáng kiến hoặc đề tài khoa học phạm vi toàn quốc trở lên trong 2025–2027",
    )


def test_forecast_form_chain_waits_for_window():
    # BK_TINH 2022 → BK_TTG needs it before Y-4 (Y ≥ 2027); 2023 has no rating, so the
    # first five-year window rated HTT or better throughout is 2024–2028.
    h = person(ratings=rated(2024, "HTT"), awards=[("BK_TINH", 2022)])
    f = forecast(h, 2025, FORM_CHAIN)
    assert (f.target, f.year, f.missing) == ("BK_TTG", 2028, ())


def test_forecast_new_hire_waits_for_tenure():
    h = person(hired_on=date(2025, 10, 1))
    f = forecast(h, 2025)
    assert (f.target, f.year, f.missing) == ("LDTT", 2026, ())


def test_forecast_unreachable_within_horizon_explains():
    h = person(ratings=rated(2024, "KHT"), awards=[("BK_TINH", 2024)])
    f = forecast(h, 2025, FORM_CHAIN, horizon=3)
    assert f.target == "BK_TTG" and f.year is None
    assert (
        f.missing[0]
        == "không thể đạt Bằng khen của Thủ tướng Chính phủ đến năm 2028 theo các giả định trên"
    )
    assert any("Bằng khen cấp tỉnh" in m for m in f.missing[1:])


def test_forecast_pending_review_is_noted():
    f = forecast(person(pending=True), 2025)
    assert f.year == 2025 and any("vụ việc" in a for a in f.assumptions)


def test_forecast_collective_rejected():
    with pytest.raises(ValueError):
        forecast(unit(), 2025)
