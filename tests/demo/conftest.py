from __future__ import annotations

from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction

from vinhdanh.demo.history import History


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo world, loaded once per module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo_data", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    return None


def histories(*, persons: bool = True) -> dict[int, History]:
    """Rebuild every subject's History from the register rows."""
    from vinhdanh.registry.models import (
        DisciplineRecord,
        HonourRecord,
        InitiativeRecord,
        RatingRecord,
    )

    key = "person_id" if persons else "unit_id"
    out: dict[int, History] = defaultdict(History)
    flt = {f"{key}__isnull": False}
    for sid, year, rating in RatingRecord.objects.filter(**flt).values_list(
        key, "year", "rating_id"
    ):
        out[sid].ratings[year] = rating
    for sid, code, year in HonourRecord.objects.filter(**flt).values_list(
        key, "honour_id", "achievement_year"
    ):
        out[sid].add(code, year)
    for row in InitiativeRecord.objects.filter(**flt).values_list(
        key, "year", "kind_id", "scope_id", "title"
    ):
        out[row[0]].initiatives.append(row[1:])
    for sid, start, form in DisciplineRecord.objects.filter(**flt).values_list(
        key, "start", "form_id"
    ):
        out[sid].discipline.append((start.year, form))
    return out
