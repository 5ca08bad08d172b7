"""Fixtures for the Django side of the eligibility engine (the pure tests need none)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import HonourFactory, InitiativeFactory, PersonFactory, RatingFactory

YEAR = 2025


def give(person, *, ratings=None, titles=(), awards=(), initiatives=()):
    for year, code in (ratings or {}).items():
        RatingFactory(person=person, year=year, rating_id=code)
    for code, year in (*titles, *awards):
        HonourFactory(person=person, honour_id=code, achievement_year=year)
    for kind, scope, year in initiatives:
        InitiativeFactory(person=person, kind_id=kind, scope_id=scope, year=year)
    return person


@pytest.fixture
def due(tree):
    """A person in Sở Y tế due for CSTĐ cấp tỉnh in 2025: CSTĐCS 2023–2025 (2025 inferred),
    HTXS ratings, a TINH-scope initiative in 2025."""
    person = PersonFactory(full_name="Đặng Thu Hà", unit=tree.syt, gender="female",
                           hired_on=dt.date(2012, 3, 1))  # fmt: skip
    return give(
        person,
        ratings={2021: "HTT", 2022: "HTXS", 2023: "HTXS", 2024: "HTXS", 2025: "HTXS"},
        titles=[
            ("LDTT", 2022),
            ("LDTT", 2023),
            ("CSTDCS", 2023),
            ("LDTT", 2024),
            ("CSTDCS", 2024),
        ],  # fmt: skip
        awards=[("BK_TINH", 2020)],
        initiatives=[
            ("SANG_KIEN", "CO_SO", 2023),
            ("SANG_KIEN", "CO_SO", 2024),
            ("SANG_KIEN", "TINH", 2025),
        ],  # fmt: skip
    )


@pytest.fixture
def api_client(db):
    from django.test import Client

    from vinhdanh.accounts.models import ApiToken, hash_token

    def _make(user):
        raw = ApiToken.new_raw()
        ApiToken.objects.create(user=user, name="Kiểm thử", prefix=raw[:12],
                                token_hash=hash_token(raw))  # fmt: skip
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return _make
