"""Fixtures for the organisation registry tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def many_people(tree):
    """``many_people(n)`` creates n people in Sở Y tế (for query-count tests)."""

    def _make(n: int):
        return [PersonFactory(unit=tree.syt) for _ in range(n)]

    return _make


@pytest.fixture
def many_units(tree):
    def _make(n: int):
        return [UnitFactory(parent=tree.syt, active_from=dt.date(2020, 1, 1)) for _ in range(n)]

    return _make
