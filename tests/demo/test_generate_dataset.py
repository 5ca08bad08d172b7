"""manage.py generate_dataset: a synthetic province, deterministic for a seed."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.demo.conftest import histories
from vinhdanh.core.models import AuditEntry
from vinhdanh.demo import synthetic
from vinhdanh.demo.history import individual_problems
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.validators import cccd_problem
from vinhdanh.registry.models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord


def generate(seed=4, people=300, years=4):
    out = io.StringIO()
    call_command("generate_dataset", people=people, years=years, seed=seed, stdout=out)
    return out.getvalue()


def wipe(prefix):
    people = Person.objects.filter(unit__code__startswith=prefix)
    for model in (RatingRecord, HonourRecord, InitiativeRecord, DisciplineRecord):
        model.objects.filter(person__in=people).delete()
        model.objects.filter(unit__code__startswith=prefix).delete()
    Membership.objects.filter(person__in=people).delete()
    people.delete()
    for depth in (2, 1, 0):
        Unit.objects.filter(code__startswith=prefix, depth=depth).delete()


@pytest.mark.django_db
def test_generate_dataset_makes_n_people_and_n_times_y_ratings():
    text = generate()
    root = Unit.objects.get(code="GEN4")
    people = Person.objects.filter(unit__path__startswith=root.path)
    assert people.count() == 300
    assert RatingRecord.objects.filter(person__in=people).count() == 300 * 4
    last = synthetic.LAST_YEAR
    years = set(RatingRecord.objects.values_list("year", flat=True).distinct())
    assert years == set(range(last - 3, last + 1))
    assert Unit.objects.filter(path__startswith=root.path).count() > 3
    assert HonourRecord.objects.filter(person__in=people, honour_id="LDTT").count() > 300
    assert "300 cá nhân" in text and "giây" in text
    rows = list(people.values_list("cccd", "gender", "date_of_birth"))
    assert len({r[0] for r in rows}) == 300 and not [
        r for r in rows if cccd_problem(r[0], gender=r[1], birth=r[2])
    ]
    hired = dict(people.values_list("id", "hired_on"))
    assert {
        pid: p
        for pid, h in histories().items()
        if (p := individual_problems(h, hired_on=hired[pid]))
    } == {}
    assert AuditEntry.objects.filter(note__contains="seed 4").count() == 1
    wipe("GEN4")


@pytest.mark.django_db
def test_generate_dataset_same_seed_same_people():
    generate(seed=9, people=120, years=3)
    first = list(
        Person.objects.filter(unit__code__startswith="GEN9")
        .order_by("id")
        .values_list("full_name", "position")
    )
    counts = HonourRecord.objects.count(), InitiativeRecord.objects.count()
    wipe("GEN9")
    assert Person.objects.count() == 0
    generate(seed=9, people=120, years=3)
    again = list(
        Person.objects.filter(unit__code__startswith="GEN9")
        .order_by("id")
        .values_list("full_name", "position")
    )
    assert again == first
    assert (HonourRecord.objects.count(), InitiativeRecord.objects.count()) == counts
    generate(seed=10, people=120, years=3)
    other = list(
        Person.objects.filter(unit__code__startswith="GEN10")
        .order_by("id")
        .values_list("full_name", flat=True)
    )
    assert other != [n for n, _p in first]
    wipe("GEN9")
    wipe("GEN10")


@pytest.mark.django_db
def test_generate_dataset_refuses_existing_prefix():
    generate(seed=5, people=60, years=2)
    before = Person.objects.count()
    with pytest.raises(CommandError, match="GEN5"):
        generate(seed=5, people=60, years=2)
    assert Person.objects.count() == before
    wipe("GEN5")
