"""Verdicts for a profile page: every target of the subject for the current year and the
next, with the checks, and for a person the forecast in both chains (a fixed number of
queries whatever the history)."""

from __future__ import annotations

from django.utils import timezone

from vinhdanh.orgs.models import Person, Unit
from vinhdanh.rules.core import (
    FORM_CHAIN,
    TITLE_CHAIN,
    Catalogue,
    Held,
    History,
    Initiative,
    forecast,
)
from vinhdanh.rules.core.catalogue import TITLE
from vinhdanh.rules.core.codes import short_name

from .enums import STATUS_BADGES, STATUS_LABELS
from .selectors import (
    Jurisdictions,
    cached_catalogue,
    cached_jurisdictions,
    load_people,
    load_units,
)


def _verdict_view(verdict, catalogue) -> dict:
    return {
        "target": verdict.target,
        "name": catalogue.name(verdict.target),
        "status": verdict.status,
        "label": STATUS_LABELS[verdict.status],
        "badge": STATUS_BADGES[verdict.status],
        "checks": verdict.checks,
        "manual_grounds": verdict.manual_grounds,
        "threshold": verdict.council_vote_threshold,
    }


def history_from_timeline(person: Person, timeline, catalogue: Catalogue) -> History:
    """A person's History from the register rows a profile page has already read
    (`registry.selectors.timeline_for`): the same value `load_people` builds, no query."""
    titles = {code for code, info in catalogue.codes.items() if info.group == TITLE}
    ratings: dict[int, str] = {}
    held_titles: list[Held] = []
    held_awards: list[Held] = []
    initiatives: list[Initiative] = []
    for _year, items in timeline:
        for item in items:
            kind, r = item["kind"], item["obj"]
            if kind == "rating":
                ratings[r.year] = r.rating_id
            elif kind == "honour":
                held = Held(r.honour_id, r.achievement_year)
                (held_titles if r.honour_id in titles else held_awards).append(held)
            elif kind == "initiative":
                initiatives.append(Initiative(r.kind_id, r.scope_id, r.year))
    return History.adopt("individual", ratings, held_titles, held_awards, initiatives,
                         person.pending_review, person.hired_on, person.gender or None)  # fmt: skip


def profile_verdicts(
    subject: Person | Unit, years: list[int] | None = None, *, timeline=None
) -> dict:
    """{"years": [{"year", "verdicts": [...]}], "forecasts": [...], "kind"}.

    `timeline`: a person's register as `registry.selectors.timeline_for` returned it, when
    the caller has read it already (the history is then built from it, without queries)."""
    current = timezone.localdate().year
    years = years or [current, current + 1]
    catalogue = cached_catalogue()
    is_person = isinstance(subject, Person)
    result: dict = {"kind": "individual" if is_person else "collective", "years": [],
                    "forecasts": []}  # fmt: skip
    if is_person and timeline is not None:
        history = history_from_timeline(subject, timeline, catalogue)
        path = subject.unit.path
    elif is_person:
        histories, extra = load_people(
            Person.objects.filter(pk=subject.pk), None, catalogue=catalogue,
            fields=("unit__path",), stream=False,
        )  # fmt: skip
        history = histories[subject.pk]
        path = extra[subject.pk][0]
    else:
        path = subject.path
    jurisdictions: dict[int, Jurisdictions] = {}
    for year in years:
        juris = jurisdictions[year] = cached_jurisdictions(year)
        engine = juris.engine_for_path(path)
        if not is_person:
            history = load_units(
                Unit.objects.filter(pk=subject.pk), year, catalogue=catalogue,
                with_records_after=True,
            )[0][subject.pk]  # fmt: skip
        verdicts = engine.evaluate(history, year)
        result["years"].append(
            {"year": year, "verdicts": [_verdict_view(v, catalogue) for v in verdicts]}
        )
    if is_person:
        engine = jurisdictions[years[0]].engine_for_path(path)
        for label, chain in (
            ("Danh hiệu thi đua", TITLE_CHAIN),
            ("Hình thức khen thưởng", FORM_CHAIN),
        ):
            fc = forecast(history, years[0], chain, engine=engine)
            result["forecasts"].append(
                {
                    "chain": label,
                    "target": fc.target,
                    "name": catalogue.name(fc.target)
                    if fc.target in catalogue.codes
                    else short_name(fc.target),
                    "year": fc.year,
                    "missing": fc.missing,
                    "assumptions": fc.assumptions,
                }
            )
    return result
