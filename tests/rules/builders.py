"""Terse builders for histories used by the rules tests (not fixtures: plain functions)."""

from __future__ import annotations

from datetime import date

from vinhdanh.rules.core import Held, History, Initiative, Members

YEAR = 2025
LAW = "Luật Thi đua, khen thưởng 2022"


def rated(start: int, codes: str) -> dict[int, str]:
    """rated(2021, "HTT HTT - HTXS") → {2021: HTT, 2022: HTT, 2024: HTXS}; '-' = no rating."""
    return {start + i: c for i, c in enumerate(codes.split()) if c != "-"}


def person(
    ratings: dict[int, str] | None = None,
    titles: list[tuple[str, int]] | None = None,
    awards: list[tuple[str, int]] | None = None,
    initiatives: list[tuple[str, str, int]] | None = None,
    hired_on: date | None = date(2010, 1, 1),
    pending: bool = False,
) -> History:
    return History(
        kind="individual",
        ratings=ratings or {},
        titles=[Held(c, y) for c, y in titles or []],
        awards=[Held(c, y) for c, y in awards or []],
        initiatives=[Initiative(k, s, y) for k, s, y in initiatives or []],
        pending_review=pending,
        hired_on=hired_on,
    )


def unit(
    ratings: dict[int, str] | None = None,
    members: Members | None = None,
    titles: list[tuple[str, int]] | None = None,
    pending: bool = False,
) -> History:
    return History(
        kind="collective",
        ratings=ratings or {},
        titles=[Held(c, y) for c, y in titles or []],
        members=members,
        pending_review=pending,
    )


# What-if requests of the JSON contract.
EXAMPLE = {
    "year": 2025,
    "subject": {
        "kind": "individual",
        "gender": "male",
        "hired_on": "2025-03-01",
        "pending_review": False,
        "ratings": {"2023": "HTT", "2024": "HTXS", "2025": "HTXS"},
        "titles": [{"code": "CSTDCS", "year": 2024}],
        "awards": [{"code": "BK_TINH", "year": 2019}],
        "initiatives": [{"kind": "SANG_KIEN", "scope": "CO_SO", "year": 2025}],
    },
    "targets": ["CSTDCS", "BK_TINH"],
    "decision_date": "2025-12-20",
}

COLLECTIVE = {
    "year": 2025,
    "subject": {
        "kind": "collective",
        "ratings": {"2024": "HTXS", "2025": "HTXS"},
        "members": {"total": 20, "completed": 20, "ldtt": 15, "cstdcs": 1, "warned": 0},
    },
}
