"""The generator confers only what the law allows; the checker catches what it does not."""

from __future__ import annotations

import datetime as dt
import random

from vinhdanh.demo.history import (
    collective_problems,
    grow_collective,
    grow_individual,
    individual_problems,
    scripted,
)
from vinhdanh.demo.scenario import SCRIPTED


def test_grow_individual_many_people_consistent_with_rules():
    rng = random.Random(5)
    years = range(2012, 2026)
    members = []
    seen = set()
    for _ in range(3000):
        hired = dt.date(rng.randint(1995, 2024), rng.choice((1, 8)), 1)
        h = grow_individual(
            rng,
            years,
            hired_on=hired,
            skill=rng.random(),
            topics=["quy trình"],
            discipline=(2020, "CANH_CAO") if rng.random() < 0.01 else None,
        )
        assert individual_problems(h, hired_on=hired) == []
        assert not any(
            h.has(code, 2025) for code in ("LDTT", "CSTDCS", "BK_TINH")
        )  # year under review
        seen |= set(h.honours)
        members.append(h)
    # Over 14 years every chain of the catalogue is reached by someone.
    assert {"LDTT", "CSTDCS", "CSTD_TINH", "GIAY_KHEN", "BK_TINH", "BK_TTG"} <= seen
    unit = grow_collective(rng, years, members[:40])
    assert collective_problems(unit, members[:40]) == []


def test_individual_problems_flags_cstdcs_without_grounds():
    h = scripted({2023: "HTT LDTT CSTDCS"})
    assert individual_problems(h) == ["CSTDCS 2023: thiếu điều kiện"]


def test_individual_problems_flags_ldtt_for_late_hire():
    h = scripted({2025: "HTT LDTT"})
    assert individual_problems(h, hired_on=dt.date(2025, 8, 1)) == [
        "LDTT 2025: xếp loại/thời gian công tác không đủ"
    ]


def test_individual_problems_flags_two_forms_one_year():
    h = scripted({2023: "HTXS LDTT CSTDCS", 2024: "HTXS LDTT CSTDCS BK_TINH GIAY_KHEN"})
    assert "2024: nhiều hình thức khen cho một thành tích" in individual_problems(h)


def test_scripted_showcase_histories_consistent():
    for person in SCRIPTED:
        assert individual_problems(scripted(person.spec), hired_on=person.hired_on) == [], (
            person.name
        )
