"""Forecast: the next target in a person's chain and the earliest year they could reach it.

Chains: LĐTT → CSTĐCS → CSTĐ cấp tỉnh → CSTĐ toàn quốc (titles) and Bằng khen cấp tỉnh →
Bằng khen của Thủ tướng → Huân chương Lao động hạng Ba → hạng Nhì (forms). The next target is
the one after the highest code of the chain the person has ever held (the first when none;
the top again when the top is held, as it can be conferred again).

Assumptions, stated so a person can judge the answer:

* every year from `from_year` on that has no rating yet is rated HTXS (past years stay as
  recorded, a recorded rating for a future year is kept);
* every individual title (LĐTT, CSTĐCS, CSTĐ cấp tỉnh, CSTĐ toàn quốc) the engine finds
  eligible for a year from `from_year` on is conferred; forms are not assumed;
* initiatives are NOT assumed: the forecast adds hypothetical initiatives in the future
  years only to find which ones are needed, keeps the fewest and narrowest that still make
  the target eligible, and reports them as missing ("cần 1 sáng kiến ... trong 2025–2027");
* the engine does not track that one initiative grounds one commendation only (RULES.md
  principle 4), so one initiative reported here may in practice have to be two;
* a pending review is assumed resolved, and said so;
* the first working day (`hired_on`) is kept as recorded.

Individuals only: a collective's member counts exist for one year, so its future cannot be
assumed honestly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .codes import (
    INDIVIDUAL,
    SANG_KIEN,
    SCOPE_CODE_BY_RANK,
    SCOPE_NAME_BY_RANK,
    TOAN_QUOC,
    short_name,
    span,
)
from .engine import Engine, default_engine
from .history import Held, History, Initiative

TITLE_CHAIN = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ")
FORM_CHAIN = ("BK_TINH", "BK_TTG", "HCLD3", "HCLD2")
ASSUMED_TITLES = TITLE_CHAIN


@dataclass(frozen=True)
class Forecast:
    target: str
    year: int | None
    missing: tuple[str, ...]
    assumptions: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "year": self.year,
            "missing": list(self.missing),
            "assumptions": list(self.assumptions),
        }


def next_target(history: History, chain: Sequence[str] = TITLE_CHAIN) -> str:
    """The code after the highest one of `chain` that the history holds."""
    highest = -1
    for i, code in enumerate(chain):
        if history.years_of(code):
            highest = i
    return chain[min(highest + 1, len(chain) - 1)]


class _Search:
    """Evaluations of one target under the optimistic assumptions, cached by initiative set."""

    def __init__(self, engine: Engine, history: History, target: str, from_year: int) -> None:
        self.engine = engine
        self.target = target
        self.from_year = from_year
        self.cache: dict[tuple[int, tuple[tuple[int, int], ...]], bool] = {}
        self.base = history

    def build(self, year: int, virtual: dict[int, int]) -> History:
        extra = tuple(
            Initiative(SANG_KIEN, SCOPE_CODE_BY_RANK[rank], t)
            for t, rank in sorted(virtual.items())
        )
        h = self.base.replace(initiatives=self.base.initiatives + extra)
        for t in range(self.from_year, year):
            subject = self.engine.subject(h, t)
            new = [Held(c, t) for c in ASSUMED_TITLES if not h.has(c, t) and subject.met(c)]
            if new:
                h = h.replace(titles=h.titles + tuple(new))
        return h

    def ok(self, year: int, virtual: dict[int, int]) -> bool:
        key = (year, tuple(sorted(virtual.items())))
        found = self.cache.get(key)
        if found is None:
            h = self.build(year, virtual)
            found = self.cache[key] = self.engine.subject(h, year).met(self.target)
        return found


def _minimise(search: _Search, year: int, virtual: dict[int, int]) -> dict[int, int]:
    kept = dict(virtual)
    for t in sorted(kept):  # drop the earliest first, so what stays is as late as possible
        trial = {k: v for k, v in kept.items() if k != t}
        if search.ok(year, trial):
            kept = trial
    for t in sorted(kept):
        for lower in range(kept[t] - 1, 0, -1):
            trial = dict(kept)
            trial[t] = lower
            if not search.ok(year, trial):
                break
            kept = trial
    return kept


def _describe(search: _Search, year: int, kept: dict[int, int]) -> tuple[str, ...]:
    groups: dict[tuple[int, str], int] = {}
    for t, rank in sorted(kept.items()):
        others = {k: v for k, v in kept.items() if k != t}
        places = [
            p
            for p in range(search.from_year, year + 1)
            if p not in others and search.ok(year, {**others, p: rank})
        ]
        contiguous = places == list(range(places[0], places[-1] + 1))
        where = span(places[0], places[-1]) if contiguous else ", ".join(map(str, places))
        groups[(rank, where)] = groups.get((rank, where), 0) + 1
    return tuple(
        f"cần {n} sáng kiến hoặc đề tài khoa học phạm vi {SCOPE_NAME_BY_RANK[rank]} trở lên "
        f"trong {where}"
        for (rank, where), n in groups.items()
    )


def forecast(
    history: History,
    from_year: int,
    target_chain: Sequence[str] = TITLE_CHAIN,
    *,
    horizon: int = 10,
    engine: Engine | None = None,
) -> Forecast:
    """Next target of `target_chain` and the earliest year in [from_year, from_year+horizon]
    it could be reached under the module's stated assumptions, with what is still missing.

    `year` is None when it cannot be reached within the horizon; `missing` then holds the
    unmet checks of the last year tried.
    """
    if history.kind != INDIVIDUAL:
        raise ValueError("forecast is defined for individuals only")
    engine = engine if engine is not None else default_engine()
    target = next_target(history, target_chain)
    last = from_year + horizon
    ratings = dict(history.ratings)
    for t in range(from_year, last + 1):
        ratings.setdefault(t, "HTXS")
    base = history.replace(ratings=ratings, pending_review=False)
    search = _Search(engine, base, target, from_year)

    assumptions = [
        f"Giả định các năm từ {from_year} chưa có xếp loại đều đạt HTXS.",
        f"Giả định các danh hiệu thi đua đủ điều kiện từ năm {from_year} đều được công nhận.",
        "Công cụ không theo dõi nguyên tắc mỗi sáng kiến chỉ làm căn cứ cho một lần khen "
        "thưởng; một sáng kiến nêu ở đây có thể phải là nhiều sáng kiến khác nhau.",
    ]
    if history.pending_review:
        assumptions.append("Đang có vụ việc chưa giải quyết: chỉ được xét khi vụ việc có kết luận.")

    for year in range(from_year, last + 1):
        virtual = {t: TOAN_QUOC for t in range(from_year, year + 1)}
        if not search.ok(year, virtual):
            continue
        kept = _minimise(search, year, virtual)
        return Forecast(target, year, _describe(search, year, kept), tuple(assumptions))

    verdict = engine.subject(search.build(last, {}), last).verdict(target)
    missing = (
        f"không thể đạt {short_name(target)} đến năm {last} theo các giả định trên",
        *(c.message for c in verdict.failed() if c.rule != "general.pending_review"),
    )
    return Forecast(target, None, missing, tuple(assumptions))
