"""Candidate lists ("danh sách đến hạn"): every subject of a unit subtree judged for every
target in one achievement year, with the reasons, set-based (selectors.load_people/units).

A run loads the subtree's histories with one SELECT per table, groups the subjects by their
jurisdiction's parameter set (one engine each), and keeps the rows that pass the filters.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import QuerySet

from vinhdanh.core.text import search_terms
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.rules.core import DEFAULT_REGISTRY, Catalogue, Verdict
from vinhdanh.rules.core.engine import Subject

from .enums import STATUS_LABELS
from .selectors import Jurisdictions, catalogue_from_db, load_people, load_units

PENDING_RULE = "general.pending_review"
PROGRESS_STEP = 2_000
INDIVIDUAL_TARGETS = DEFAULT_REGISTRY.targets("individual")
COLLECTIVE_TARGETS = DEFAULT_REGISTRY.targets("collective")


@dataclass(frozen=True)
class CandidateFilter:
    year: int
    target: str = ""
    status: str = "eligible"  # "" = every status
    kind: str = ""  # "", "individual", "collective"
    sub_unit: Unit | None = None
    q: str = ""

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "target": self.target,
            "status": self.status,
            "kind": self.kind,
            "sub_unit": self.sub_unit.pk if self.sub_unit else None,
            "q": self.q,
        }


class Row:
    """One (subject, target) line of the list. The verdict (every check) and the reasons and
    citations written from it are made on first read: a run keeps thousands of rows, a page
    shows a few of them. The judged subject is immutable, so a later read gives the verdict
    the run would have built."""

    __slots__ = ("kind", "subject_id", "name", "unit_name", "target", "target_name", "status",
                 "_subject", "sort_key", "_texts")  # fmt: skip

    def __init__(self, kind: str, subject_id: int, name: str, unit_name: str, target: str,
                 target_name: str, status: str, subject: Subject, sort_key: str) -> None:  # fmt: skip
        self.kind = kind
        self.subject_id = subject_id
        self.name = name
        self.unit_name = unit_name
        self.target = target
        self.target_name = target_name
        self.status = status
        self._subject = subject
        self.sort_key = sort_key
        self._texts: tuple[str, str] | None = None

    @property
    def verdict(self) -> Verdict:
        return self._subject.verdict(self.target)

    def _reasons(self) -> tuple[str, str]:
        texts = self._texts
        if texts is None:
            texts = self._texts = reasons_of(self.verdict)
        return texts

    @property
    def reasons(self) -> str:
        return self._reasons()[0]

    @property
    def citations(self) -> str:
        return self._reasons()[1]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def __repr__(self) -> str:
        return f"Row({self.kind!r}, {self.subject_id!r}, {self.target!r}, {self.status!r})"


def subjects(unit: Unit, f: CandidateFilter) -> tuple[QuerySet | None, QuerySet | None]:
    """(people, collectives) of the subtree that the filter keeps (None: that kind is off)."""
    root = f.sub_unit or unit
    people = units = None
    if f.kind in ("", "individual") and (not f.target or f.target in INDIVIDUAL_TARGETS):
        people = Person.objects.filter(unit__path__startswith=root.path)
        for term in search_terms(f.q):
            people = people.filter(name_folded__contains=term)
    if f.kind in ("", "collective") and (not f.target or f.target in COLLECTIVE_TARGETS):
        units = Unit.objects.filter(path__startswith=root.path, active_to__isnull=True)
        for term in search_terms(f.q):
            units = units.filter(name_folded__contains=term)
    return people, units


def count_subjects(unit: Unit, f: CandidateFilter) -> int:
    people, units = subjects(unit, f)
    return (people.count() if people is not None else 0) + (
        units.count() if units is not None else 0
    )


def reasons_of(verdict: Verdict) -> tuple[str, str]:
    """(the checks that decide the status, their citations) as two short texts."""
    checks = [c for c in verdict.checks if c.rule != PENDING_RULE or not c.met]
    if verdict.status == "not_eligible":
        checks = [c for c in checks if not c.met] or checks
    elif verdict.status == "held":
        checks = [c for c in verdict.checks if not c.met]
    elif verdict.status == "manual":
        grounds = verdict.manual_grounds
        return (
            "; ".join(g.message for g in grounds),
            "; ".join(dict.fromkeys(g.citation for g in grounds)),
        )
    return (
        "; ".join(c.message.rstrip(".") for c in checks) + ".",
        "; ".join(dict.fromkeys(c.citation for c in checks)),
    )


def _judge(
    kind: str,
    histories: dict,
    extra: dict,
    juris: Jurisdictions,
    f: CandidateFilter,
    targets: tuple[str, ...],
    rows: list[Row],
    tick: Callable[[int], None],
) -> None:
    catalogue = juris.catalogue
    names = {code: catalogue.name(code) for code in targets}
    wanted = f.status
    year = f.year
    done = 0
    for sid, history in histories.items():
        name, sort_key, unit_name, path = extra[sid]
        subject = juris.engine_for_path(path).subject(history, year)
        for code in targets:
            # The status only (checks stop once it is decided); the verdict, with every
            # check, is built when a kept row is read.
            status = subject.status(code)
            if wanted and status != wanted:
                continue
            rows.append(
                Row(
                    kind,
                    sid,
                    name,
                    unit_name,
                    code,
                    names[code],
                    status,
                    subject,
                    sort_key,
                )  # fmt: skip
            )
        done += 1
        if done % PROGRESS_STEP == 0:
            tick(PROGRESS_STEP)
    tick(done % PROGRESS_STEP)


def _people_rows(people, f, catalogue, juris, targets, tick, id_range=None) -> list[Row]:
    histories, extra = load_people(
        people, f.year, catalogue=catalogue, id_range=id_range,
        fields=("full_name", "sort_key", "unit__name", "unit__path"),
    )  # fmt: skip
    rows: list[Row] = []
    _judge("individual", histories, extra, juris, f, targets, rows, tick)
    return rows


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk run.

    A run allocates millions of small objects that live until it ends (grouped records,
    histories, rows); every few thousand allocations the collector would walk all of them
    again, which cost about half the run's CPU on 100.000 people. Reference counting still
    frees everything else; the collector is resumed (if it was on) when the run ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def candidate_rows(
    unit: Unit,
    f: CandidateFilter,
    *,
    catalogue: Catalogue | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Row]:
    """Every (subject, target) verdict of the subtree kept by the filter, in target order then
    Vietnamese name order. A fixed number of queries whatever the size of the subtree."""
    with cyclic_gc_paused():
        return _candidate_rows(unit, f, catalogue, progress)


def _candidate_rows(unit, f, catalogue, progress) -> list[Row]:
    catalogue = catalogue if catalogue is not None else catalogue_from_db()
    juris = Jurisdictions(f.year, catalogue)
    people, units = subjects(unit, f)
    rows: list[Row] = []
    tick = progress or (lambda n: None)
    if people is not None:
        targets = (f.target,) if f.target else INDIVIDUAL_TARGETS
        rows += _people_rows(people, f, catalogue, juris, targets, tick)
    if units is not None:
        targets = (f.target,) if f.target else COLLECTIVE_TARGETS
        histories, extra = load_units(
            units, f.year, catalogue=catalogue,
            fields=("name", "sort_key", "parent__name", "path"),
        )  # fmt: skip
        extra = {k: (n, s, p or n, path) for k, (n, s, p, path) in extra.items()}
        _judge("collective", histories, extra, juris, f, targets, rows, tick)
    order = {code: i for i, code in enumerate((*INDIVIDUAL_TARGETS, *COLLECTIVE_TARGETS))}
    rows.sort(key=lambda r: (order.get(r.target, 99), r.kind, r.sort_key, r.subject_id))
    return rows


def target_choices() -> list[tuple[str, str]]:
    catalogue = catalogue_from_db()
    seen: dict[str, str] = {}
    for code in (*INDIVIDUAL_TARGETS, *COLLECTIVE_TARGETS):
        kind = "cá nhân" if code in INDIVIDUAL_TARGETS else "tập thể"
        if code in seen:
            seen[code] = catalogue.name(code)
        else:
            seen[code] = f"{catalogue.name(code)} ({kind})"
    return list(seen.items())


def grouped(rows: Iterable[Row]) -> list[tuple[str, str, list[Row]]]:
    """[(target, target name, rows)] in the rows' order."""
    groups: dict[str, tuple[str, str, list[Row]]] = {}
    for r in rows:
        group = groups.get(r.target)
        if group is None:
            group = groups[r.target] = (r.target, r.target_name, [])
        group[2].append(r)
    return list(groups.values())
