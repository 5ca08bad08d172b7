"""Verdicts for a profile page: every target of the subject for the current year and the
next, with the checks, and for a person the forecast in both chains (a fixed number of
queries whatever the history)."""

from __future__ import annotations

from django.utils import timezone

from vinhdanh.orgs.models import Person, Unit
from vinhdanh.rules.core import FORM_CHAIN, TITLE_CHAIN, forecast
from vinhdanh.rules.core.codes import short_name

from .enums import STATUS_BADGES, STATUS_LABELS
from .selectors import Jurisdictions, catalogue_from_db, load_people, load_units


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


def profile_verdicts(subject: Person | Unit, years: list[int] | None = None) -> dict:
    """{"years": [{"year", "verdicts": [...]}], "forecasts": [...], "kind"}."""
    current = timezone.localdate().year
    years = years or [current, current + 1]
    catalogue = catalogue_from_db()
    is_person = isinstance(subject, Person)
    result: dict = {"kind": "individual" if is_person else "collective", "years": [],
                    "forecasts": []}  # fmt: skip
    if is_person:
        histories, extra = load_people(
            Person.objects.filter(pk=subject.pk), None, catalogue=catalogue,
            fields=("unit__path",), stream=False,
        )  # fmt: skip
        history = histories[subject.pk]
        path = extra[subject.pk][0]
    else:
        path = subject.path
    for year in years:
        engine = Jurisdictions(year, catalogue).engine_for_path(path)
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
        engine = Jurisdictions(years[0], catalogue).engine_for_path(path)
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
