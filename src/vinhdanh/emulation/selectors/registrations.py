"""Reads for registration (đăng ký thi đua): lists and counts per bloc, unit and movement, the
honours a unit may register, the people picker, and the engine's "cannot be reached" warnings.

Warnings are computed set-based (one history load for every registered subject) and stored on
Registration.warning, so lists never judge anything per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from vinhdanh.catalogue.enums import HonourCategory
from vinhdanh.catalogue.models import Honour
from vinhdanh.core.text import search_terms
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.rules.core import Members
from vinhdanh.rules.core.verdict import ELIGIBLE, MANUAL
from vinhdanh.rules.selectors import Jurisdictions, catalogue_from_db, load_people, load_units

from ..enums import RegistrationKind
from ..models import Bloc, EmulationModel, Registration

ASSUMED_RATING = "HTXS"
PICKER_LIMIT = 30


# -- honours ---------------------------------------------------------------------------------


def collective_honours() -> QuerySet[Honour]:
    """Emulation titles a collective may aim at (CO_TD_TINH, CO_TD_CP, TTLDXS...)."""
    return Honour.objects.filter(
        category=HonourCategory.TITLE, for_collective=True, is_active=True
    ).order_by("position", "code")


def individual_honours() -> QuerySet[Honour]:
    """Emulation titles a person may be registered for (LDTT, CSTDCS, CSTD_TINH...)."""
    return Honour.objects.filter(
        category=HonourCategory.TITLE, for_individual=True, is_active=True
    ).order_by("position", "code")


# -- warnings --------------------------------------------------------------------------------


def _reason(verdict) -> str:
    if verdict.status in (ELIGIBLE, MANUAL):
        return ""
    return " ".join(f"{c.message} ({c.citation})" for c in verdict.failed())


def _assume_good_year(history, year: int):
    """The year is assumed to go well: an HTXS rating for `year` when none is recorded."""
    if year in history.ratings:
        return history
    return history.replace(ratings={**dict(history.ratings), year: ASSUMED_RATING})


def individual_warnings(pairs: Iterable[tuple[int, str]], year: int) -> dict[tuple[int, str], str]:
    """{(person id, honour code): reason or ""} for year `year`, judged by the engine with
    the year assumed rated HTXS (titles of the year are inferred by the engine itself).

    A fixed number of queries whatever the number of pairs."""
    pairs = list(pairs)
    if not pairs:
        return {}
    catalogue = catalogue_from_db()
    jurisdictions = Jurisdictions(year, catalogue)
    ids = {pid for pid, _ in pairs}
    histories, extra = load_people(
        Person.objects.filter(pk__in=ids), year, catalogue=catalogue, fields=("unit__path",)
    )
    result: dict[tuple[int, str], str] = {}
    assumed: dict[int, object] = {}
    for pid, code in pairs:
        if pid not in histories:
            result[(pid, code)] = ""
            continue
        history = assumed.get(pid)
        if history is None:
            history = assumed[pid] = _assume_good_year(histories[pid], year)
        engine = jurisdictions.engine_for_path(extra[pid][0])
        result[(pid, code)] = _reason(engine.verdict(history, code, year))
    return result


def collective_warnings(pairs: Iterable[tuple[int, str]], year: int) -> dict[tuple[int, str], str]:
    """{(unit id, honour code): reason or ""} for year `year`.

    "The year going well" for a collective means its own rating (HTXS when not recorded) and,
    when no member outcome of the year is recorded yet, its members' year (all completing
    their tasks and LĐTT, one CSTĐCS): otherwise every TTLĐXS registered in January would
    be flagged for results nobody can have yet. CO_TD_TINH and CO_TD_CP are judged by
    people (manual in the engine): never flagged."""
    pairs = list(pairs)
    if not pairs:
        return {}
    catalogue = catalogue_from_db()
    jurisdictions = Jurisdictions(year, catalogue)
    ids = {uid for uid, _ in pairs}
    histories, extra = load_units(
        Unit.objects.filter(pk__in=ids), year, catalogue=catalogue, fields=("path",)
    )
    result: dict[tuple[int, str], str] = {}
    for uid, code in pairs:
        history = histories.get(uid)
        if history is None:
            result[(uid, code)] = ""
            continue
        history = _assume_good_year(history, year)
        m = history.members
        if m is not None and m.total and not (m.completed or m.ldtt or m.cstdcs):
            history = history.replace(members=Members(m.total, m.total, m.total, 1, m.warned))
        engine = jurisdictions.engine_for_path(extra[uid][0])
        result[(uid, code)] = _reason(engine.verdict(history, code, year))
    return result


def warnings_for(registrations: Iterable[Registration]) -> dict[int, str]:
    """{registration id (or index when unsaved): reason} for any set of registrations."""
    by_year: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    regs = list(registrations)
    for reg in regs:
        individual, collective = by_year[reg.year]
        if reg.person_id:
            individual.append((reg.person_id, reg.honour_id))
        else:
            collective.append((reg.unit_id, reg.honour_id))
    found: dict[tuple[int, str, str], str] = {}
    for year, (individual, collective) in by_year.items():
        for (pid, code), text in individual_warnings(individual, year).items():
            found[(year, f"p{pid}", code)] = text
        for (uid, code), text in collective_warnings(collective, year).items():
            found[(year, f"u{uid}", code)] = text
    out: dict[int, str] = {}
    for i, reg in enumerate(regs):
        subject = f"p{reg.person_id}" if reg.person_id else f"u{reg.unit_id}"
        out[reg.pk if reg.pk else -i - 1] = found.get((reg.year, subject, reg.honour_id), "")
    return out


# -- lists -----------------------------------------------------------------------------------


def _base(qs: QuerySet[Registration]) -> QuerySet[Registration]:
    return qs.select_related("unit", "person", "honour").order_by(
        "unit__sort_key", "unit_id", "kind", "honour__position", "person__sort_key", "pk"
    )


def registration_list(bloc: Bloc, filters: dict | None = None) -> QuerySet[Registration]:
    """A bloc's registrations filtered by unit, honour, kind, warning only and name (q)."""
    filters = filters or {}
    qs = Registration.objects.filter(bloc=bloc)
    if filters.get("unit"):
        qs = qs.filter(unit=filters["unit"])
    if filters.get("honour"):
        qs = qs.filter(honour=filters["honour"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("warning_only"):
        qs = qs.exclude(warning="")
    for term in search_terms(filters.get("q")):
        qs = qs.filter(person__name_folded__contains=term)
    return _base(qs)


def registration_counts(bloc: Bloc) -> dict:
    """Counts by title and by member unit, members without any registration included
    (three queries)."""
    by_title = list(
        Registration.objects.filter(bloc=bloc)
        .values("honour_id", "honour__name", "kind")
        .annotate(total=Count("pk"), warned=Count("pk", filter=~Q(warning="")))
        .order_by("kind", "honour__position")
    )
    by_unit = list(
        Registration.objects.filter(bloc=bloc)
        .values("unit_id", "unit__name")
        .annotate(
            collective=Count("pk", filter=Q(kind=RegistrationKind.COLLECTIVE)),
            individual=Count("pk", filter=Q(kind=RegistrationKind.INDIVIDUAL)),
            warned=Count("pk", filter=~Q(warning="")),
        )
        .order_by("unit__sort_key", "unit_id")
    )
    found = {row["unit_id"]: row for row in by_unit}
    members = bloc.members.order_by("unit__sort_key", "unit_id").values_list(
        "unit_id", "unit__name"
    )
    rows = [
        found.pop(uid, None)
        or {"unit_id": uid, "unit__name": name, "collective": 0, "individual": 0, "warned": 0}
        for uid, name in members
    ]
    rows.extend(found.values())  # a unit that has left the bloc keeps its registrations
    return {"by_title": by_title, "by_unit": rows}


def models_for_bloc(bloc: Bloc, unit: Unit | None = None) -> QuerySet[EmulationModel]:
    qs = EmulationModel.objects.filter(bloc=bloc).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("unit__sort_key", "unit_id", "name", "pk")


def unit_registrations(bloc: Bloc, unit: Unit) -> dict:
    """What a member registered in a bloc: collective codes, individual rows, models."""
    regs = list(_base(Registration.objects.filter(bloc=bloc, unit=unit)))
    return {
        "collective": [r for r in regs if r.kind == RegistrationKind.COLLECTIVE],
        "collective_codes": {r.honour_id for r in regs if r.kind == RegistrationKind.COLLECTIVE},
        "individual": [r for r in regs if r.kind == RegistrationKind.INDIVIDUAL],
        "models": list(models_for_bloc(bloc, unit)),
    }


def people_for_unit(
    unit: Unit, q: str | None = None, limit: int = PICKER_LIMIT, *, ids=None
) -> list[Person]:
    """People of the unit's subtree (or those of `ids` in it), searched accent-free, in
    Vietnamese name order."""
    qs = Person.objects.filter(unit__path__startswith=unit.path).select_related("unit")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
        limit = None
    for term in search_terms(q):
        qs = qs.filter(name_folded__contains=term)
    qs = qs.order_by("sort_key", "pk")
    return list(qs if limit is None else qs[:limit])


def registrations_for_movement(movement) -> list[dict]:
    """[{honour_id, honour__name, kind, total, warned}] of a movement's registrations."""
    return list(
        Registration.objects.filter(movement=movement)
        .values("honour_id", "honour__name", "kind")
        .annotate(total=Count("pk"), warned=Count("pk", filter=~Q(warning="")))
        .order_by("kind", "honour__position")
    )


def registrations_api(user, *, bloc=None, unit=None, year=None) -> QuerySet[Registration]:
    """Registrations the caller may see: of blocs visible to them (and their own units')."""
    from ..permissions import blocs_visible  # noqa: PLC0415 - keep selectors free of cycles

    qs = Registration.objects.filter(bloc__in=blocs_visible(user))
    if bloc is not None:
        qs = qs.filter(bloc_id=bloc)
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    if year is not None:
        qs = qs.filter(year=year)
    return _base(qs)
