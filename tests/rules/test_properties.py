"""Hypothesis properties of the engine and the contract parser."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rules.builders import COLLECTIVE, EXAMPLE
from vinhdanh.rules.core import ContractError, Engine, Held, History, Initiative, Members, handle

ENGINE = Engine()
Y = 2025
RATINGS = ["HTXS", "HTT", "HT", "KHT"]
RANK = {"HTXS": 4, "HTT": 3, "HT": 2, "KHT": 1}
INDIVIDUAL_TARGETS = ENGINE.default_targets("individual")
COLLECTIVE_TARGETS = ENGINE.default_targets("collective")
# Every individual/collective target is monotone in records except BK_TTG, which requires the
# absence of a recent BK_TTG (Luật Điều 73).
MONOTONE = [t for t in INDIVIDUAL_TARGETS if t != "BK_TTG"]

years = st.integers(2012, 2026)
ratings_st = st.dictionaries(years, st.sampled_from(RATINGS), max_size=15)
# Weighted towards good ratings so that eligible verdicts are common.
good_ratings_st = st.dictionaries(
    years, st.sampled_from(["HTXS", "HTXS", "HTT", "HTT", "HT"]), max_size=15
)
titles_st = st.lists(
    st.builds(Held, st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "CSTT"]), years),
    max_size=10,
)
awards_st = st.lists(
    st.builds(
        Held, st.sampled_from(["BK_TINH", "BK_TTG", "HCLD3", "GIAY_KHEN"]), st.integers(2005, 2026)
    ),
    max_size=4,
)
initiatives_st = st.lists(
    st.builds(Initiative, st.sampled_from(["SANG_KIEN", "DE_TAI"]),
              st.sampled_from(["CO_SO", "TINH", "TOAN_QUOC"]), years),
    max_size=4,
)  # fmt: skip
hired_st = st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2026, 12, 31)))


@st.composite
def individuals(draw, ratings=good_ratings_st):
    return History(
        kind="individual",
        ratings=draw(ratings),
        titles=draw(titles_st),
        awards=draw(awards_st),
        initiatives=draw(initiatives_st),
        pending_review=False,
        hired_on=draw(hired_st),
    )


@st.composite
def rich_individuals(draw):
    """Dense recent records, so that higher targets are often eligible."""
    ratings = {}
    titles = []
    for year in range(2015, Y + 1):
        rating = draw(st.sampled_from(["HTXS", "HTXS", "HTXS", "HTT", "HTT", "HT", None]))
        if rating:
            ratings[year] = rating
        if year < Y and draw(st.integers(0, 3)) > 0:
            titles.append(Held("CSTDCS", year))
    titles += [Held("CSTD_TINH", y) for y in draw(st.lists(st.integers(2016, Y), max_size=3))]
    awards = [
        Held(code, draw(st.integers(2008, 2022)))
        for code in ("BK_TINH", "BK_TTG", "HCLD3")
        if draw(st.booleans())
    ]
    return History(
        kind="individual",
        ratings=ratings,
        titles=titles,
        awards=awards,
        initiatives=draw(st.lists(st.builds(
            Initiative, st.sampled_from(["SANG_KIEN", "DE_TAI"]),
            st.sampled_from(["CO_SO", "TINH", "TOAN_QUOC"]), st.integers(2019, Y)), max_size=4)),
        hired_on=draw(st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2025, 12, 31)))),
    )  # fmt: skip


any_individual = st.one_of(individuals(), rich_individuals())


@st.composite
def collectives(draw):
    total = draw(st.integers(1, 30))
    completed = draw(st.integers(0, total))
    ldtt = draw(st.integers(0, completed))
    members = Members(
        total, completed, ldtt, draw(st.integers(0, ldtt)), draw(st.integers(0, total))
    )
    return History(
        kind="collective",
        ratings=draw(good_ratings_st),
        titles=draw(st.lists(st.builds(Held, st.just("TTLDXS"), years), max_size=3)),
        members=draw(st.one_of(st.none(), st.just(members))),
    )


def statuses(history, targets):
    return {v.target: v.status for v in ENGINE.evaluate(history, Y, targets)}


def lowered(history, year, new_rating):
    ratings = dict(history.ratings)
    if new_rating is None:
        ratings.pop(year, None)
    else:
        ratings[year] = new_rating
    return history.replace(ratings=ratings)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(any_individual, st.integers(Y - 5, Y), st.sampled_from([None, *RATINGS]))
def test_property_lowering_rating_never_makes_individual_eligible(history, year, new_rating):
    old = history.ratings.get(year)
    if RANK.get(new_rating, 0) >= RANK.get(old, 0):
        return  # not a lowering (a missing rating ranks lowest)
    before = statuses(history, INDIVIDUAL_TARGETS)
    after = statuses(lowered(history, year, new_rating), INDIVIDUAL_TARGETS)
    for target, status in before.items():
        if status == "not_eligible":
            assert after[target] != "eligible", (target, year, old, new_rating)


@settings(deadline=None, max_examples=200)
@given(collectives(), st.integers(Y - 1, Y), st.sampled_from([None, *RATINGS]))
def test_property_lowering_rating_never_makes_collective_eligible(history, year, new_rating):
    old = history.ratings.get(year)
    if RANK.get(new_rating, 0) >= RANK.get(old, 0):
        return
    before = statuses(history, COLLECTIVE_TARGETS)
    after = statuses(lowered(history, year, new_rating), COLLECTIVE_TARGETS)
    for target, status in before.items():
        if status == "not_eligible":
            assert after[target] != "eligible", (target, year, old, new_rating)


@settings(deadline=None, max_examples=200)
@given(st.one_of(individuals(ratings_st), collectives()), st.sampled_from(
    [*INDIVIDUAL_TARGETS, *COLLECTIVE_TARGETS, "HCDL1", "GIAY_KHEN"]))  # fmt: skip
def test_property_pending_review_always_held(history, target):
    verdict = ENGINE.verdict(history.replace(pending_review=True), target, Y)
    assert verdict.status == "held"
    assert verdict.checks[-1].rule == "general.pending_review" and not verdict.checks[-1].met


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    any_individual,
    st.one_of(
        st.tuples(st.just("title"), titles_st.map(lambda xs: xs[:1]).filter(bool)),
        st.tuples(st.just("award"), st.builds(Held, st.sampled_from(["BK_TINH", "HCLD3"]),
                                              st.integers(2005, 2026)).map(lambda x: [x])),
        st.tuples(st.just("initiative"), initiatives_st.filter(bool)),
        st.tuples(st.just("rating"), st.tuples(years, st.sampled_from(RATINGS))),
    ),
)  # fmt: skip
def test_property_adding_record_never_makes_monotone_target_ineligible(history, record):
    what, value = record
    if what == "title":
        grown = history.replace(titles=history.titles + tuple(value))
    elif what == "award":
        grown = history.replace(awards=history.awards + tuple(value))
    elif what == "initiative":
        grown = history.replace(initiatives=history.initiatives + tuple(value))
    else:
        year, rating = value
        if year in history.ratings:
            return  # a rating per year: adding one only fills a gap
        grown = history.replace(ratings={**history.ratings, year: rating})
    before = statuses(history, MONOTONE)
    after = statuses(grown, MONOTONE)
    for target, status in before.items():
        if status == "eligible":
            assert after[target] == "eligible", (target, record)


# -- parser ------------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["2025", "HTT", "CO_SO", "LDTT", "2025-07-01", "individual", "collective"]),
    st.integers(1940, 2110),
)  # fmt: skip
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.sampled_from(
                ["year", "subject", "kind", "ratings", "titles", "awards", "initiatives",
                 "members", "targets", "decision_date", "code", "scope", "total", "2024"])),
            inner, max_size=5),
    ),
    max_leaves=20,
)  # fmt: skip


def assert_only_contract_errors(obj):
    try:
        out = handle(obj)
    except ContractError as error:
        assert isinstance(error.field, str) and error.message
        return
    assert isinstance(out, dict | list)


@settings(deadline=None, max_examples=500)
@given(json_values)
def test_property_parser_raises_only_contract_error_on_any_json(value):
    assert_only_contract_errors(value)


PATHS = [
    (), ("year",), ("subject",), ("subject", "kind"), ("subject", "ratings"),
    ("subject", "ratings", "2024"), ("subject", "titles"), ("subject", "titles", 0),
    ("subject", "titles", 0, "year"), ("subject", "awards", 0, "code"), ("subject", "initiatives", 0),
    ("subject", "initiatives", 0, "scope"), ("subject", "hired_on"), ("subject", "gender"),
    ("subject", "pending_review"), ("subject", "members"), ("subject", "members", "ldtt"),
    ("targets",), ("targets", 0), ("decision_date",),
]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.sampled_from([EXAMPLE, COLLECTIVE]), st.sampled_from(PATHS), json_values)
def test_property_parser_raises_only_contract_error_on_mutated_request(base, path, value):
    obj = copy.deepcopy(base)
    node = obj
    try:
        for key in path[:-1]:
            node = node[key]
        if path:
            node[path[-1]] = value
        else:
            obj = value
    except (KeyError, IndexError, TypeError):
        return
    assert_only_contract_errors(obj)
    assert_only_contract_errors([base, obj])
