"""The profile page builds the engine's history from the register timeline it has already
read; the verdicts are those of the history loaded from the database."""

from __future__ import annotations

from tests.factories import HonourFactory, InitiativeFactory, RatingFactory
from vinhdanh.registry.selectors import timeline_for
from vinhdanh.rules.profile import profile_verdicts
from vinhdanh.rules.selectors import catalogue_from_db, load_people


def test_profile_history_from_timeline_equals_loaded_history(people):
    an = people.an
    for year, rating in ((2021, "HTT"), (2022, "HTXS"), (2023, "HTXS"), (2024, "HTXS"),
                         (2025, "HTXS")):  # fmt: skip
        RatingFactory(person=an, year=year, rating_id=rating)
    for year in (2021, 2022, 2023, 2024):
        HonourFactory(person=an, honour_id="LDTT", achievement_year=year)
    HonourFactory(person=an, honour_id="CSTDCS", achievement_year=2023)
    HonourFactory(person=an, honour_id="BK_TINH", achievement_year=2019)
    InitiativeFactory(person=an, year=2024, scope_id="TINH")
    from vinhdanh.orgs.models import Person
    from vinhdanh.rules.profile import history_from_timeline

    person = Person.objects.select_related("unit").get(pk=an.pk)
    timeline = timeline_for(person=person)
    catalogue = catalogue_from_db()
    loaded = load_people(Person.objects.filter(pk=an.pk), None, catalogue=catalogue,
                         stream=False)[0][an.pk]  # fmt: skip
    assert history_from_timeline(person, timeline, catalogue) == loaded
    assert profile_verdicts(person, timeline=timeline) == profile_verdicts(person)
