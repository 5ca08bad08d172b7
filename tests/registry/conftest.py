from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import HonourFactory, InitiativeFactory, RatingFactory
from tests.registry.factories import DisciplineFactory


@pytest.fixture
def fill():
    """``fill(person, n)`` puts n years of mixed entries in a person's (or unit's) register."""

    def _fill(subject, n: int, *, collective: bool = False):
        kw = {"unit": subject, "person": None} if collective else {"person": subject}
        for i in range(n):
            year = 2024 - i
            RatingFactory(year=year, rating_id="HTT", **kw)
            HonourFactory(
                honour_id="TTLDTT" if collective else "LDTT",
                achievement_year=year,
                decision_date=dt.date(year + 1, 1, 15),
                **kw,
            )
            InitiativeFactory(year=year, **kw)
            DisciplineFactory(start=dt.date(year, 5, 1), end=dt.date(year, 12, 1), **kw)

    return _fill
