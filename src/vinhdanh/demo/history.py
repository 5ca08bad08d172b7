"""Law-consistent synthetic histories (ratings, titles, forms, initiatives) and their checker.

``grow_individual`` and ``grow_collective`` confer a title or form only when the records
already hold what the domain rules (RULES.md) asks for (Luật Thi đua, khen thưởng 2022
Điều 21–28, 73, 74, 44; NĐ 98/2023 Điều 30), and then only with some probability, so the
population holds both holders and people close to a title. ``individual_problems`` and
``collective_problems`` re-check a finished history against the same clauses; the tests run
them over the whole demo population.

The last year of the window is the year under review: it has ratings and initiatives but no
title or form yet (those decisions come the following spring), which is what the eligibility
engine is asked about.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

RATING_ORDER = {"HTXS": 4, "HTT": 3, "HT": 2, "KHT": 1}
SCOPE_RANK = {"CO_SO": 1, "TINH": 2, "TOAN_QUOC": 3}
INDIVIDUAL_TITLES = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ")
INDIVIDUAL_FORMS = ("GIAY_KHEN", "BK_TINH", "BK_TTG", "HCLD3")
COLLECTIVE_TITLES = ("TTLDTT", "TTLDXS", "CO_TD_TINH")
COLLECTIVE_FORMS = ("GIAY_KHEN", "BK_TINH")
HEAVY_DISCIPLINE = {"CANH_CAO", "HA_BAC_LUONG", "GIANG_CHUC", "CACH_CHUC", "BUOC_THOI_VIEC"}


@dataclass(slots=True)
class History:
    ratings: dict[int, str] = field(default_factory=dict)
    honours: dict[str, set[int]] = field(default_factory=dict)
    # (year, kind, scope, title)
    initiatives: list[tuple[int, str, str, str]] = field(default_factory=list)
    # (year, discipline form code)
    discipline: list[tuple[int, str]] = field(default_factory=list)

    def has(self, code: str, year: int) -> bool:
        years = self.honours.get(code)
        return bool(years) and year in years

    def add(self, code: str, year: int) -> None:
        self.honours.setdefault(code, set()).add(year)

    def years_of(self, code: str) -> set[int]:
        return self.honours.get(code, set())

    def good(self, year: int) -> bool:
        """Rated HTT or better."""
        return RATING_ORDER.get(self.ratings.get(year, ""), 0) >= 3

    def initiatives_in(self, lo: int, hi: int, min_scope: str = "CO_SO") -> int:
        need = SCOPE_RANK[min_scope]
        return sum(
            1 for y, _k, s, _t in self.initiatives if lo <= y <= hi and SCOPE_RANK[s] >= need
        )

    def disciplined(self, year: int, *, heavy: bool = False) -> bool:
        return any(y == year and (not heavy or f in HEAVY_DISCIPLINE) for y, f in self.discipline)

    def forms_in(self, year: int) -> int:
        return sum(1 for code in INDIVIDUAL_FORMS if self.has(code, year))


# --- individual clauses, shared by the generator and the checker --------------------------


def ldtt_ok(h: History, y: int, hired_on: dt.date | None) -> bool:
    # Luật Điều 24 khoản 1; hired at least 6 months before the end of Y (TT 01/2024/TT-BNV).
    return (
        h.good(y) and (hired_on is None or hired_on <= dt.date(y, 6, 30)) and not h.disciplined(y)
    )


def cstdcs_ok(h: History, y: int) -> bool:
    # Luật Điều 23: LĐTT and (HTXS, or an initiative / accepted research of year Y).
    return h.has("LDTT", y) and (h.ratings.get(y) == "HTXS" or h.initiatives_in(y, y) > 0)


def cstd_tinh_ok(h: History, y: int) -> bool:
    # Luật Điều 22: CSTĐCS for Y-2..Y and a TINH-scope initiative in [Y-2, Y].
    return (
        all(h.has("CSTDCS", x) for x in (y - 2, y - 1, y))
        and h.initiatives_in(y - 2, y, "TINH") > 0
    )


def cstd_tq_ok(h: History, y: int) -> bool:
    # Luật Điều 21: CSTĐ cấp tỉnh for Y and Y-3, a nationwide initiative in [Y-5, Y].
    return (
        h.has("CSTD_TINH", y)
        and h.has("CSTD_TINH", y - 3)
        and h.initiatives_in(y - 5, y, "TOAN_QUOC") > 0
    )


def bk_tinh_ok(h: History, y: int) -> bool:
    # Luật Điều 74 khoản 1 điểm d.
    two_cstdcs = h.has("CSTDCS", y - 1) and h.has("CSTDCS", y)
    two_htxs = (
        h.ratings.get(y - 1) == "HTXS"
        and h.ratings.get(y) == "HTXS"
        and h.initiatives_in(y - 1, y) >= 2
    )
    return two_cstdcs or two_htxs


def bk_ttg_ok(h: History, y: int) -> bool:
    # Luật Điều 73 khoản 1 điểm b.
    window = range(y - 4, y + 1)
    return (
        any(x < y - 4 for x in h.years_of("BK_TINH"))
        and all(h.good(x) for x in window)
        and sum(1 for x in window if h.has("CSTDCS", x)) >= 3
        and not any(h.has("BK_TTG", x) for x in window if x != y)
    )


def hcld3_ok(h: History, y: int) -> bool:
    # Luật Điều 44 khoản 1.
    window = range(y - 4, y + 1)
    return (
        any(x < y - 4 for x in h.years_of("BK_TTG"))
        and all(h.good(x) for x in window)
        and any(h.ratings.get(x) == "HTXS" for x in window)
        and sum(1 for x in window if h.has("CSTDCS", x)) >= 3
    )


INDIVIDUAL_CLAUSES = {
    "CSTDCS": cstdcs_ok,
    "CSTD_TINH": cstd_tinh_ok,
    "CSTD_TQ": cstd_tq_ok,
    "BK_TINH": bk_tinh_ok,
    "BK_TTG": bk_ttg_ok,
    "HCLD3": hcld3_ok,
}


def _rating(rng: random.Random, skill: float) -> str:
    r = rng.random()
    if r < 0.006:
        return "KHT"
    if r < 0.006 + 0.14 - 0.10 * skill:
        return "HT"
    if r < 0.006 + 0.14 - 0.10 * skill + 0.50 - 0.15 * skill:
        return "HTT"
    return "HTXS"


def _initiative(
    rng: random.Random, skill: float, rated: str, topics: list[str]
) -> tuple[str, str, str] | None:
    chance = 0.04 + 0.22 * skill + (0.08 if rated == "HTXS" else 0.0)
    if rng.random() >= chance:
        return None
    r = rng.random()
    scope = "TOAN_QUOC" if r < 0.02 else "TINH" if r < 0.16 else "CO_SO"
    kind = "DE_TAI" if rng.random() < 0.15 else "SANG_KIEN"
    verb = rng.choice(("Ứng dụng", "Cải tiến", "Giải pháp nâng cao hiệu quả", "Số hóa", "Đổi mới"))
    title = (
        f"{verb} {rng.choice(topics)}"
        if kind == "SANG_KIEN"
        else f"Nghiên cứu {rng.choice(topics)}"
    )
    return kind, scope, title


def grow_individual(
    rng: random.Random,
    years: range,
    *,
    hired_on: dt.date,
    skill: float,
    topics: list[str],
    discipline: tuple[int, str] | None = None,
) -> History:
    """One person's records over ``years``; the last year is the year under review."""
    h = History()
    review = years[-1]
    for y in years:
        if hired_on.year > y:
            continue
        rated = _rating(rng, skill)
        if discipline and discipline[0] == y:
            h.discipline.append(discipline)
            rated = "HT" if rated != "KHT" else rated
        h.ratings[y] = rated
        found = _initiative(rng, skill, rated, topics)
        if found:
            h.initiatives.append((y, *found))
        if y == review:
            continue  # decisions for the review year are not made yet
        if ldtt_ok(h, y, hired_on) and rng.random() < 0.96:
            h.add("LDTT", y)
        if cstdcs_ok(h, y) and rng.random() < 0.55:
            h.add("CSTDCS", y)
        if cstd_tinh_ok(h, y) and rng.random() < 0.8:
            h.add("CSTD_TINH", y)
        if cstd_tq_ok(h, y) and rng.random() < 0.9:
            h.add("CSTD_TQ", y)
        # One achievement grounds one form (Luật Điều 5): at most one form per year, the highest.
        if hcld3_ok(h, y) and rng.random() < 0.7:
            h.add("HCLD3", y)
        elif bk_ttg_ok(h, y) and rng.random() < 0.7:
            h.add("BK_TTG", y)
        elif bk_tinh_ok(h, y) and not h.has("BK_TINH", y - 1) and rng.random() < 0.5:
            h.add("BK_TINH", y)
        elif h.has("LDTT", y) and rng.random() < 0.12:
            h.add("GIAY_KHEN", y)
    return h


def individual_problems(h: History, *, hired_on: dt.date | None = None) -> list[str]:
    """Every conferred title or form whose grounds the records do not show."""
    problems = []
    for y in sorted(h.years_of("LDTT")):
        if not ldtt_ok(h, y, hired_on):
            problems.append(f"LDTT {y}: xếp loại/thời gian công tác không đủ")
    for code, clause in INDIVIDUAL_CLAUSES.items():
        for y in sorted(h.years_of(code)):
            if not clause(h, y):
                problems.append(f"{code} {y}: thiếu điều kiện")
    for y in sorted(h.years_of("GIAY_KHEN")):
        if not h.has("LDTT", y):
            problems.append(f"GIAY_KHEN {y}: chưa đạt LĐTT")
    for y in {y for code in INDIVIDUAL_FORMS for y in h.years_of(code)}:
        if h.forms_in(y) > 1:
            problems.append(f"{y}: nhiều hình thức khen cho một thành tích")
        if h.disciplined(y):
            problems.append(f"{y}: được khen trong năm bị kỷ luật")
    return problems


# --- collectives -----------------------------------------------------------------------------


def member_stats(members: list[History], y: int) -> tuple[int, int, int, int, bool]:
    """(rated members, completed tasks, LĐTT, CSTĐCS, anyone disciplined CANH_CAO+) for Y."""
    total = done = ldtt = cs = 0
    heavy = False
    for m in members:
        rated = m.ratings.get(y)
        if rated is None:
            continue
        total += 1
        done += rated != "KHT"
        ldtt += m.has("LDTT", y)
        cs += m.has("CSTDCS", y)
        heavy = heavy or m.disciplined(y, heavy=True)
    return total, done, ldtt, cs, heavy


def ttldtt_ok(h: History, y: int, members: list[History]) -> bool:
    # Luật Điều 28; share of LĐTT 70% (default parameter); nobody disciplined CANH_CAO+.
    total, _done, ldtt, _cs, heavy = member_stats(members, y)
    return h.good(y) and total > 0 and ldtt >= 0.7 * total and not heavy


def ttldxs_ok(h: History, y: int, members: list[History]) -> bool:
    # Luật Điều 27 khoản 1.
    total, done, ldtt, cs, _heavy = member_stats(members, y)
    return (
        h.ratings.get(y) == "HTXS"
        and total > 0
        and done == total
        and ldtt >= 0.7 * total
        and cs >= 1
    )


def collective_bk_ok(h: History, y: int) -> bool:
    ok = [h.ratings.get(x) == "HTXS" or h.has("TTLDXS", x) for x in (y - 1, y)]
    return all(ok)


def grow_collective(rng: random.Random, years: range, members: list[History]) -> History:
    h = History()
    review = years[-1]
    for y in years:
        total, _done, ldtt, _cs, _heavy = member_stats(members, y)
        share = ldtt / total if total else 0.0
        r = rng.random()
        if y == review:
            h.ratings[y] = "HTXS" if r < 0.4 else "HTT" if r < 0.95 else "HT"
            continue
        h.ratings[y] = "HTXS" if r < 0.2 + 0.5 * share else "HTT" if r < 0.95 else "HT"
        if ttldxs_ok(h, y, members) and rng.random() < 0.6:
            h.add("TTLDXS", y)
        elif ttldtt_ok(h, y, members) and rng.random() < 0.9:
            h.add("TTLDTT", y)
        if collective_bk_ok(h, y) and not h.has("BK_TINH", y - 1) and rng.random() < 0.4:
            h.add("BK_TINH", y)
        elif (h.has("TTLDTT", y) or h.has("TTLDXS", y)) and rng.random() < 0.2:
            h.add("GIAY_KHEN", y)
    return h


def collective_problems(h: History, members: list[History]) -> list[str]:
    problems = []
    for y in sorted(h.years_of("TTLDTT")):
        if not ttldtt_ok(h, y, members):
            problems.append(f"TTLDTT {y}: thiếu điều kiện")
    for y in sorted(h.years_of("TTLDXS")):
        if not ttldxs_ok(h, y, members):
            problems.append(f"TTLDXS {y}: thiếu điều kiện")
    for y in sorted(h.years_of("CO_TD_TINH")):
        if not h.has("TTLDXS", y):
            problems.append(f"CO_TD_TINH {y}: chưa đạt TTLĐXS")
    for y in sorted(h.years_of("BK_TINH")):
        if not collective_bk_ok(h, y):
            problems.append(f"BK_TINH {y}: thiếu hai năm HTXS")
    return problems


# --- scripted histories for the showcase people ------------------------------------------------


def scripted(spec: dict[int, str], topics: tuple[str, ...] = ("quy trình nghiệp vụ",)) -> History:
    """Build a history from ``{year: "HTXS LDTT CSTDCS SK:TINH DT:CO_SO BK_TINH"}``.

    Rating codes set the rating; ``SK:<scope>`` / ``DT:<scope>`` add an initiative / research
    project; ``KL:<form>`` a discipline; anything else is a title or form code.
    """
    h = History()
    n = 0
    for y in sorted(spec):
        for token in spec[y].split():
            if token in RATING_ORDER:
                h.ratings[y] = token
            elif token[:3] in {"SK:", "DT:"}:
                kind = "SANG_KIEN" if token[:2] == "SK" else "DE_TAI"
                verb = "Giải pháp" if kind == "SANG_KIEN" else "Nghiên cứu"
                h.initiatives.append((y, kind, token[3:], f"{verb} {topics[n % len(topics)]}"))
                n += 1
            elif token.startswith("KL:"):
                h.discipline.append((y, token[3:]))
            else:
                h.add(token, y)
    return h
