"""The short per-process cache of reference data (rules.selectors.cached): reused within its
lifetime, cleared by a save or delete of a catalogue row or a parameter, bypassed inside a
transaction."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.models.signals import post_delete, post_save

from vinhdanh.catalogue.models import Honour, VoteThreshold
from vinhdanh.rules import selectors
from vinhdanh.rules.models import RuleParameter


@pytest.fixture
def counter():
    selectors.clear_cache()
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    yield build
    selectors.clear_cache()


def test_cached_value_is_reused_then_rebuilt_after_its_lifetime(counter, monkeypatch):
    assert not connection.in_atomic_block
    assert selectors.cached("k", counter) == 1
    assert selectors.cached("k", counter) == 1
    now = selectors.time.monotonic()
    monkeypatch.setattr(selectors.time, "monotonic", lambda: now + selectors.CACHE_SECONDS + 1)
    assert selectors.cached("k", counter) == 2


@pytest.mark.parametrize("model", [Honour, VoteThreshold, RuleParameter])
@pytest.mark.parametrize("signal", [post_save, post_delete])
def test_catalogue_or_parameter_change_clears_the_cache(counter, model, signal):
    assert selectors.cached("k", counter) == 1
    signal.send(sender=model, instance=model(), created=False, using="default")
    assert selectors.cached("k", counter) == 2


def test_cache_is_bypassed_inside_a_transaction(counter, monkeypatch):
    monkeypatch.setattr(selectors, "connection", SimpleNamespace(in_atomic_block=True))
    assert selectors.cached("k", counter) == 1
    assert selectors.cached("k", counter) == 2
