"""Reads for the eligibility engine: the catalogue and jurisdiction parameters from the
database, and subjects' histories loaded set-based (one SELECT per table, `values_list`
tuples grouped in Python, no model instances), ready for `rules.core`.

100.000 people × 10 years load in a few seconds this way; the engine then judges them in
memory (see bench/bench_eligibility.py).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Subquery

from vinhdanh.catalogue.models import BaseSalary, DisciplineForm, Honour
from vinhdanh.catalogue.selectors import (
    multiple_rows,
    multiples_map,
    threshold_rows,
    vote_thresholds_map,
)
from vinhdanh.orgs.models import Membership, Unit
from vinhdanh.registry.models import (
    DisciplineRecord,
    HonourRecord,
    InitiativeRecord,
    RatingRecord,
)
from vinhdanh.rules.core import (
    DEFAULT_REGISTRY,
    Catalogue,
    CodeInfo,
    Engine,
    Held,
    History,
    Initiative,
    Members,
)
from vinhdanh.rules.core.catalogue import FORM, TITLE

from .models import RuleParameter

CHUNK = 20_000
WARNING_FORM = "CANH_CAO"
LDTT_CODES = ("LDTT", "CSTT")
MEMBER_CODES = ("LDTT", "CSTT", "CSTDCS")
# Yearly ratings "HT or better" (catalogue order: HTXS 4, HTT 3, HT 2, KHT 1).
COMPLETED = frozenset({"HTXS", "HTT", "HT"})


# -- catalogue -------------------------------------------------------------------------------


def catalogue_from_db(on: dt.date | None = None) -> Catalogue:
    """The engine's catalogue from the database: codes (with their group and kinds), vote
    thresholds and reward multiples in force on `on` (default today), every base salary, and
    every dated multiple and threshold (a verdict and a reward take the row of their date).
    Six queries."""
    on = on or dt.date.today()
    codes: dict[str, CodeInfo] = {}
    rows = Honour.objects.values_list(
        "code", "category", "name", "for_individual", "for_collective", "for_household"
    )
    for code, category, name, ind, coll, hh in rows:
        kinds = {
            k for k, flag in (("individual", ind), ("collective", coll), ("household", hh)) if flag
        }
        codes[code] = CodeInfo(TITLE if category == "title" else FORM, frozenset(kinds), name)
    thresholds = {code: float(share) for code, share in vote_thresholds_map(on).items()}
    pairs: dict[str, list[Decimal | None]] = {}
    for (code, kind), multiple in multiples_map(on).items():
        pair = pairs.setdefault(code, [None, None])
        pair[0 if kind == "individual" else 1] = multiple
    multiples = {code: (p[0], p[1]) for code, p in pairs.items()}
    salaries = tuple(BaseSalary.objects.order_by("valid_from").values_list("valid_from", "amount"))
    return Catalogue(
        codes=codes,
        thresholds=thresholds,
        multiples=multiples,
        base_salaries=salaries,
        multiple_rows=multiple_rows(),
        threshold_rows=threshold_rows(),
    )


# -- a short per-process cache of reference data for page views ------------------------------

# Pages (a profile, the entry forms) read the catalogue, the jurisdiction parameters and the
# catalogue's option lists on every request: a dozen small queries. They are kept in this
# process for at most CACHE_SECONDS. A save or delete of a catalogue row or a parameter in
# this process clears the cache at once; another app server may show the previous values for
# up to CACHE_SECONDS. Code running inside a transaction (a service, a test) always reads the
# database, so it sees its own uncommitted changes.
CACHE_SECONDS = 5.0
_CACHE: dict[Any, tuple[float, Any]] = {}


def cached(key: Any, build):
    """`build()`, or its value from the last CACHE_SECONDS (see above)."""
    if connection.in_atomic_block:
        return build()
    now = time.monotonic()
    hit = _CACHE.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = build()
    _CACHE[key] = (now + CACHE_SECONDS, value)
    return value


def clear_cache(**_kwargs) -> None:
    _CACHE.clear()


def cached_catalogue() -> Catalogue:
    """`catalogue_from_db()` for today, through the short per-process cache."""
    today = dt.date.today()
    return cached(("catalogue", today), lambda: catalogue_from_db(today))


def cached_jurisdictions(year: int) -> Jurisdictions:
    """`Jurisdictions(year, cached_catalogue())` through the short per-process cache; its
    engines keep their resolved rule plans from one request to the next."""
    catalogue = cached_catalogue()
    return cached(("jurisdictions", year, id(catalogue)), lambda: Jurisdictions(year, catalogue))


def _connect_cache_invalidation() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for model in (*apps.get_app_config("catalogue").get_models(), RuleParameter):
        for signal in (post_save, post_delete):
            signal.connect(
                clear_cache, sender=model, dispatch_uid=f"rules-cache-{model._meta.label}"
            )


# -- jurisdiction parameters -----------------------------------------------------------------


def param_specs():
    return DEFAULT_REGISTRY.param_specs()


def parameter_rows(year: int) -> dict[tuple[int | None, str], Any]:
    """{(jurisdiction id or None, key): value} in force on 31/12/`year` (one query)."""
    on = dt.date(year, 12, 31)
    found: dict[tuple[int | None, str], Any] = {}
    rows = (
        RuleParameter.objects.filter(valid_from__lte=on)
        .order_by("jurisdiction_id", "key", "-valid_from", "-id")
        .values_list("jurisdiction_id", "key", "value")
    )
    for unit_id, key, value in rows:
        found.setdefault((unit_id, key), value)
    return found


def _ancestors(path: str) -> list[int]:
    return [int(p) for p in path.strip(".").split(".") if p]


class Jurisdictions:
    """Effective parameters per unit path, and one cached engine per distinct parameter set.

    The nearest ancestor of a subject's unit (the unit itself included) with a row for a key
    wins; a row without a unit is the national default; otherwise the rule's default applies.
    """

    def __init__(self, year: int, catalogue: Catalogue | None = None) -> None:
        self.year = year
        self.catalogue = catalogue if catalogue is not None else catalogue_from_db()
        rows = parameter_rows(year)
        self.national = {key: v for (uid, key), v in rows.items() if uid is None}
        self.by_unit: dict[int, dict[str, Any]] = defaultdict(dict)
        for (uid, key), value in rows.items():
            if uid is not None:
                self.by_unit[uid][key] = value
        self._by_path: dict[str, tuple[tuple[str, Any], ...]] = {}
        self._engines: dict[tuple[tuple[str, Any], ...], Engine] = {}

    def params_for_path(self, path: str) -> dict[str, Any]:
        return dict(self._key(path))

    def _key(self, path: str) -> tuple[tuple[str, Any], ...]:
        key = self._by_path.get(path)
        if key is None:
            params = dict(self.national)
            if self.by_unit:
                for uid in _ancestors(path):  # root first: nearer ancestors override
                    params.update(self.by_unit.get(uid, {}))
            key = self._by_path[path] = tuple(sorted(params.items(), key=lambda kv: kv[0]))
        return key

    def engine_for_path(self, path: str) -> Engine:
        key = self._key(path)
        engine = self._engines.get(key)
        if engine is None:
            engine = self._engines[key] = Engine(params=dict(key), catalogue=self.catalogue)
        return engine


# -- histories -------------------------------------------------------------------------------

_HELD: dict[tuple[str, int], Held] = {}
_INIT: dict[tuple[str, str, int], Initiative] = {}


def _held(code: str, year: int) -> Held:
    # Held and Initiative are immutable: one shared instance per value keeps a 100.000-person
    # load from allocating a million identical small objects.
    key = (code, year)
    found = _HELD.get(key)
    if found is None:
        found = _HELD[key] = Held(code, year)
    return found


def _initiative(kind: str, scope: str, year: int) -> Initiative:
    key = (kind, scope, year)
    found = _INIT.get(key)
    if found is None:
        found = _INIT[key] = Initiative(kind, scope, year)
    return found


def _rows(qs: QuerySet, big: bool) -> Iterable[tuple]:
    return qs.iterator(chunk_size=CHUNK) if big else qs


def _title_codes(catalogue: Catalogue) -> frozenset[str]:
    return frozenset(code for code, info in catalogue.codes.items() if info.group == TITLE)


def _records(
    field: str,
    ids_subquery,
    year: int | None,
    big: bool,
    titles: frozenset[str],
    id_range: tuple[int, int] | None = None,
):
    """(ratings, titles, awards, initiatives) grouped by `field` (person_id or unit_id)."""
    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    held_titles: dict[int, list[Held]] = defaultdict(list)
    held_awards: dict[int, list[Held]] = defaultdict(list)
    initiatives: dict[int, list[Initiative]] = defaultdict(list)
    where = {f"{field}__in": ids_subquery}
    if id_range is not None:  # lets the planner use the foreign key's index for a slice
        where.update({f"{field}__gte": id_range[0], f"{field}__lt": id_range[1]})
    rq = RatingRecord.objects.filter(**where)
    hq = HonourRecord.objects.filter(**where)
    iq = InitiativeRecord.objects.filter(**where)
    if year is not None:
        rq = rq.filter(year__lte=year)
        hq = hq.filter(achievement_year__lte=year)
        iq = iq.filter(year__lte=year)
    for sid, y, code in _rows(rq.order_by().values_list(field, "year", "rating_id"), big):
        ratings[sid][y] = code
    for sid, code, y in _rows(
        hq.order_by().values_list(field, "honour_id", "achievement_year"), big
    ):
        (held_titles if code in titles else held_awards)[sid].append(_held(code, y))
    rows = iq.order_by().values_list(field, "kind_id", "scope_id", "year")
    for sid, kind, scope, y in _rows(rows, big):
        initiatives[sid].append(_initiative(kind, scope, y))
    return ratings, held_titles, held_awards, initiatives


_EMPTY_DICT: dict = {}
_EMPTY_LIST: list = []


def load_people(
    person_qs: QuerySet,
    year: int | None = None,
    *,
    catalogue: Catalogue | None = None,
    fields: tuple[str, ...] = (),
    id_range: tuple[int, int] | None = None,
    stream: bool = True,
) -> tuple[dict[int, History], dict[int, tuple]]:
    """Histories of the people in `person_qs` (records up to `year` when given), and for
    each person the extra `fields` asked for (e.g. "full_name", "unit__path").
    `id_range` (lo, hi) keeps only person ids lo ≤ id < hi. `stream=False` skips server-side
    cursors (a round trip each) for a handful of people, e.g. one profile."""
    catalogue = catalogue if catalogue is not None else catalogue_from_db()
    titles = _title_codes(catalogue)
    person_qs = person_qs.order_by()
    if id_range is not None:
        person_qs = person_qs.filter(pk__gte=id_range[0], pk__lt=id_range[1])
    big = stream
    ids = person_qs.values("pk")
    people = list(
        _rows(person_qs.values_list("pk", "gender", "hired_on", "pending_review", *fields), big)
    )
    ratings, held_t, held_a, inits = _records("person_id", ids, year, big, titles, id_range)
    histories: dict[int, History] = {}
    extra: dict[int, tuple] = {}
    adopt = History.adopt
    for row in people:
        pid = row[0]
        # The grouped records belong to this load alone: adopt them without copies.
        histories[pid] = adopt(
            "individual",
            ratings.pop(pid, None) or {},
            held_t.get(pid, _EMPTY_LIST),
            held_a.get(pid, _EMPTY_LIST),
            inits.get(pid, _EMPTY_LIST),
            row[3],
            row[2],
            row[1] or None,
        )
        if fields:
            extra[pid] = row[4:]
    return histories, extra


def histories_for_people(
    person_qs: QuerySet, year: int | None = None, *, catalogue: Catalogue | None = None
) -> dict[int, History]:
    """{person id: History}: one SELECT each for people, ratings, titles and forms, and
    initiatives (records after `year` are left out when `year` is given)."""
    return load_people(person_qs, year, catalogue=catalogue)[0]


def member_counts(unit_ids_subquery, year: int) -> dict[int, Members]:
    """Member counts of each unit for `year` (four queries).

    Members are the people with a membership of the unit overlapping the year; completed:
    rated HT or better in the year; ldtt: with LĐTT (or CSTT) for the year; cstdcs: with
    CSTĐCS; warned: disciplined at CANH_CAO (cảnh cáo) or heavier in force during the year.
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    memberships = Membership.objects.filter(
        Q(end__isnull=True) | Q(end__gte=first), unit_id__in=unit_ids_subquery, start__lte=last
    ).order_by()
    people_of: dict[int, set[int]] = defaultdict(set)
    for unit_id, person_id in memberships.values_list("unit_id", "person_id").iterator(CHUNK):
        people_of[unit_id].add(person_id)
    member_ids = memberships.values("person_id")
    completed = {
        pid
        for pid, code in RatingRecord.objects.filter(year=year, person_id__in=member_ids)
        .order_by()
        .values_list("person_id", "rating_id")
        .iterator(CHUNK)
        if code in COMPLETED
    }
    ldtt: set[int] = set()
    cstdcs: set[int] = set()
    rows = (
        HonourRecord.objects.filter(
            achievement_year=year, honour_id__in=MEMBER_CODES, person_id__in=member_ids
        )
        .order_by()
        .values_list("person_id", "honour_id")
    )
    for pid, code in rows.iterator(CHUNK):
        (cstdcs if code == "CSTDCS" else ldtt).add(pid)
    severity = DisciplineForm.objects.filter(code=WARNING_FORM).values("severity")[:1]
    warned = set(
        DisciplineRecord.objects.filter(
            Q(end__isnull=True) | Q(end__gte=first),
            person_id__in=member_ids,
            start__lte=last,
            form__severity__gte=Subquery(severity),
        )
        .order_by()
        .values_list("person_id", flat=True)
    )
    return {
        unit_id: Members(
            total=len(ids),
            completed=len(ids & completed),
            ldtt=len(ids & ldtt),
            cstdcs=len(ids & cstdcs),
            warned=len(ids & warned),
        )
        for unit_id, ids in people_of.items()
    }


def load_units(
    unit_qs: QuerySet,
    year: int,
    *,
    catalogue: Catalogue | None = None,
    fields: tuple[str, ...] = (),
    with_records_after: bool = False,
) -> tuple[dict[int, History], dict[int, tuple]]:
    catalogue = catalogue if catalogue is not None else catalogue_from_db()
    titles = _title_codes(catalogue)
    unit_qs = unit_qs.order_by()
    ids = unit_qs.values("pk")
    units = list(unit_qs.values_list("pk", "pending_review", *fields))
    cap = None if with_records_after else year
    ratings, held_t, held_a, inits = _records("unit_id", ids, cap, False, titles)
    members = member_counts(ids, year)
    histories: dict[int, History] = {}
    extra: dict[int, tuple] = {}
    for row in units:
        uid = row[0]
        histories[uid] = History(
            kind="collective",
            ratings=ratings.get(uid, _EMPTY_DICT),
            titles=held_t.get(uid, _EMPTY_LIST),
            awards=held_a.get(uid, _EMPTY_LIST),
            initiatives=inits.get(uid, _EMPTY_LIST),
            pending_review=row[1],
            members=members.get(uid),
        )
        if fields:
            extra[uid] = row[2:]
    return histories, extra


def histories_for_units(
    unit_qs: QuerySet, year: int, *, catalogue: Catalogue | None = None
) -> dict[int, History]:
    """{unit id: History} of collectives, with member counts for `year`."""
    return load_units(unit_qs, year, catalogue=catalogue)[0]


def effective_parameters(year: int) -> list[dict[str, Any]]:
    """For the rules screen: each parameter with its default, the national value and the
    value set for each unit, in force on 31/12/`year` (two queries)."""
    rows = parameter_rows(year)
    unit_ids = {uid for uid, _ in rows if uid is not None}
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if unit_ids else {}
    result = []
    for key, spec in sorted(param_specs().items()):
        per_unit = sorted(
            (
                (names.get(uid, str(uid)), value)
                for (uid, k), value in rows.items()
                if k == key and uid
            ),
            key=lambda pair: pair[0],
        )
        result.append(
            {
                "key": key,
                "description": spec.description,
                "default": spec.default,
                "minimum": spec.minimum,
                "maximum": spec.maximum,
                "national": rows.get((None, key)),
                "per_unit": per_unit,
            }
        )
    return result


_connect_cache_invalidation()
