"""A subject's records as the engine reads them (RULES.md, "How the engine reads a history").

`History` is immutable and builds its look-up indexes once, in `__post_init__`, because bulk
runs judge 100,000 histories against about ten targets: every question the rules ask
("which years hold CSTĐCS?", "is there a TINH-scope initiative in 2023–2025?") is answered
from a dict or a short pre-sorted tuple, never by rescanning the record lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from .codes import DE_TAI, INDIVIDUAL, RATING_RANK, SANG_KIEN, SCOPE_RANK

_EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Held:
    """A title or form of commendation already conferred, with its achievement year."""

    code: str
    year: int


@dataclass(frozen=True, slots=True)
class Initiative:
    """A recognised initiative (SANG_KIEN) or accepted research project (DE_TAI)."""

    kind: str
    scope: str
    year: int


@dataclass(frozen=True, slots=True)
class Members:
    """Member counts of a collective for the judged year Y.

    `warned` counts members disciplined at CANH_CAO (cảnh cáo) or heavier in Y.
    """

    total: int
    completed: int
    ldtt: int
    cstdcs: int
    warned: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class History:
    """Everything the engine may read about one subject.

    `ratings` maps achievement year to a rating code (HTXS, HTT, HT, KHT). `titles` and
    `awards` hold conferred titles and forms with their achievement years. `members` is only
    meaningful for a collective and describes the judged year.
    """

    kind: str = INDIVIDUAL
    ratings: Mapping[int, str] = field(default_factory=dict)
    titles: tuple[Held, ...] = ()
    awards: tuple[Held, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    pending_review: bool = False
    hired_on: date | None = None
    gender: str | None = None
    members: Members | None = None
    # Indexes, built once.
    rank: dict[int, int] = field(init=False, repr=False)
    years: dict[str, frozenset[int]] = field(init=False, repr=False)
    _sang_kien: tuple[tuple[int, int], ...] = field(init=False, repr=False)
    _de_tai: tuple[tuple[int, int], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Copies, so that a caller mutating its own dict or list cannot stale the indexes.
        _index(
            self,
            dict(self.ratings),
            tuple(self.titles),
            tuple(self.awards),
            tuple(self.initiatives),
        )

    @classmethod
    def adopt(
        cls,
        kind: str,
        ratings: dict[int, str],
        titles: tuple[Held, ...] | list[Held],
        awards: tuple[Held, ...] | list[Held],
        initiatives: tuple[Initiative, ...] | list[Initiative],
        pending_review: bool = False,
        hired_on: date | None = None,
        gender: str | None = None,
        members: Members | None = None,
    ) -> History:
        """A history built from records the caller hands over and never touches again (bulk
        loaders): the same value as `History(...)`, without the defensive copies."""
        self = object.__new__(cls)
        setter = object.__setattr__
        setter(self, "kind", kind)
        setter(self, "pending_review", pending_review)
        setter(self, "hired_on", hired_on)
        setter(self, "gender", gender)
        setter(self, "members", members)
        _index(self, ratings, tuple(titles), tuple(awards), tuple(initiatives))
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, History):
            return NotImplemented
        return (
            self.kind == other.kind
            and dict(self.ratings) == dict(other.ratings)
            and sorted(self.titles, key=_held_key) == sorted(other.titles, key=_held_key)
            and sorted(self.awards, key=_held_key) == sorted(other.awards, key=_held_key)
            and sorted(self.initiatives, key=_init_key) == sorted(other.initiatives, key=_init_key)
            and self.pending_review == other.pending_review
            and self.hired_on == other.hired_on
            and self.gender == other.gender
            and self.members == other.members
        )

    __hash__ = None  # type: ignore[assignment]  # equality is by content, not identity

    # -- questions the rules ask -------------------------------------------------------------

    def rating(self, year: int) -> str | None:
        return self.ratings.get(year)

    def years_of(self, code: str) -> frozenset[int]:
        """Achievement years in which `code` (a title or a form) is recorded."""
        return self.years.get(code, _EMPTY)

    def has(self, code: str, year: int) -> bool:
        return year in self.years.get(code, _EMPTY)

    def count_initiatives(self, kind: str, lo: int, hi: int, min_scope: int) -> int:
        """How many initiatives of `kind` with scope rank >= `min_scope` fall in [lo, hi]."""
        items = self._sang_kien if kind == SANG_KIEN else self._de_tai
        if not items:
            return 0
        return sum(1 for y, s in items if lo <= y <= hi and s >= min_scope)

    def any_initiative(self, lo: int, hi: int, min_scope: int) -> bool:
        """An initiative or accepted research of scope >= `min_scope` recognised in [lo, hi]."""
        for items in (self._sang_kien, self._de_tai):
            for y, s in items:
                if lo <= y <= hi and s >= min_scope:
                    return True
        return False

    def initiatives_in(self, lo: int, hi: int) -> list[Initiative]:
        return sorted(
            (i for i in self.initiatives if lo <= i.year <= hi),
            key=_init_key,
        )

    def replace(self, **changes: object) -> History:
        """A copy with some fields changed (indexes are rebuilt)."""
        values = {
            "kind": self.kind,
            "ratings": self.ratings,
            "titles": self.titles,
            "awards": self.awards,
            "initiatives": self.initiatives,
            "pending_review": self.pending_review,
            "hired_on": self.hired_on,
            "gender": self.gender,
            "members": self.members,
        }
        values.update(changes)
        return History(**values)  # type: ignore[arg-type]


_NO_INITIATIVES: tuple[tuple[int, int], ...] = ()


def _index(
    self: History,
    ratings: dict[int, str],
    titles: tuple[Held, ...],
    awards: tuple[Held, ...],
    initiatives: tuple[Initiative, ...],
) -> None:
    """Store the records (`ratings` is owned by the history from here on) and build the
    look-up indexes."""
    setter = object.__setattr__
    setter(self, "ratings", MappingProxyType(ratings))
    setter(self, "titles", titles)
    setter(self, "awards", awards)
    setter(self, "initiatives", initiatives)
    rank_of = RATING_RANK.get
    setter(self, "rank", {y: rank_of(r, 0) for y, r in ratings.items()})
    grouped: dict[str, set[int]] = {}
    for records in (titles, awards):
        for held in records:
            years = grouped.get(held.code)
            if years is None:
                grouped[held.code] = {held.year}
            else:
                years.add(held.year)
    setter(self, "years", {code: frozenset(ys) for code, ys in grouped.items()})
    if initiatives:
        scope_of = SCOPE_RANK.get
        sk = sorted((i.year, scope_of(i.scope, 0)) for i in initiatives if i.kind == SANG_KIEN)
        dt = sorted((i.year, scope_of(i.scope, 0)) for i in initiatives if i.kind == DE_TAI)
        setter(self, "_sang_kien", tuple(sk))
        setter(self, "_de_tai", tuple(dt))
    else:
        setter(self, "_sang_kien", _NO_INITIATIVES)
        setter(self, "_de_tai", _NO_INITIATIVES)


def _held_key(h: Held) -> tuple[str, int]:
    return (h.code, h.year)


def _init_key(i: Initiative) -> tuple[int, str, str]:
    return (i.year, i.kind, i.scope)


def held(pairs: Iterable[tuple[str, int]]) -> tuple[Held, ...]:
    """Convenience: [("CSTDCS", 2024), ...] → Held records."""
    return tuple(Held(code, year) for code, year in pairs)
