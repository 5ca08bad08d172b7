"""The law in force on the evaluation date (RULES.md "Which version applies"): a year-Y verdict
is judged with the rule versions, ground citations and council thresholds in force on
31/12/Y; nothing cites NĐ 98/2023 from 01/7/2025. And HCLD1 (Luật Điều 42; NĐ 152/2025
Điều 19, Điều 33 khoản 7): merit path with empty count parameters → "manual", never eligible."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.rules.builders import LAW, person, rated, unit
from vinhdanh.rules.core import DEFAULT_REGISTRY, Engine, Held, History, Members

ENGINE = Engine()
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"


@pytest.mark.parametrize(
    "year, rule, citation",
    [
        (2024, "general.pending_review", f"{ND98} [cần xác nhận]"),
        (2025, "general.pending_review", f"{ND152}, Điều 4 khoản 4"),
        (2026, "general.pending_review", f"{ND152}, Điều 4 khoản 4"),
        (2024, "ldtt.tenure", "Thông tư 01/2024/TT-BNV"),
        (2025, "ldtt.tenure", "Thông tư 15/2025/TT-BNV [cần xác nhận]"),
        (2024, "ldtt.rating", f"{LAW}, Điều 24 khoản 1"),
    ],
)
def test_check_citations_by_year(year, rule, citation):
    v = ENGINE.verdict(person(ratings=rated(year, "HTT"), pending=True), "LDTT", year)
    assert v.status == "held" and v.check(rule).citation == citation


@pytest.mark.parametrize(
    "year, code, share, citation",
    [
        (2024, "CSTDCS", 0.8, f"{ND98}, Điều 30 khoản 7"),
        (2024, "CSTD_TQ", 0.9, f"{ND98}, Điều 30 khoản 7"),
        (2025, "CSTD_TQ", 0.9, f"{ND152}, Điều 33 khoản 5"),
        (2025, "CSTDCS", 0.8, f"{ND152}, Điều 60 khoản 2"),  # transition to 31/12/2025
        (2026, "CSTD_TQ", 0.9, f"{ND152}, Điều 33 khoản 5"),
        (2026, "CSTDCS", 0.8, f"{ND152}, Điều 33 khoản 5; Điều 6 khoản 2"),
        (2026, "CSTD_TINH", 0.9, f"{ND152}, Điều 33 khoản 5; Điều 6 khoản 2"),
    ],
)
def test_council_share_cites_the_text_in_force(year, code, share, citation):
    v = ENGINE.verdict(person(ratings=rated(year, "HTXS")), code, year)
    assert v.council_vote_threshold == share
    assert v.council_vote_citation.startswith(citation)
    assert v.to_dict()["council_vote_citation"] == v.council_vote_citation


def test_co_td_cp_ground_cites_nd98_in_2024_and_nd152_from_2025():
    h = unit(rated(2023, "HTXS HTXS HTXS HTXS"), Members(5, 5, 5, 1))
    (g2024,) = ENGINE.verdict(h, "CO_TD_CP", 2024).manual_grounds
    (g2026,) = ENGINE.verdict(h, "CO_TD_CP", 2026).manual_grounds
    assert g2024.citation == f"{LAW}, Điều 25; {ND98}, Điều 32 khoản 1 điểm b"
    assert g2026.citation.startswith(f"{LAW}, Điều 25; {ND152}, Điều 7")


@pytest.mark.parametrize(
    "on", [date(2025, 7, 1), date(2025, 12, 31), date(2026, 7, 1), date(2027, 2, 28)]
)
def test_no_rule_version_cites_nd98_from_july_2025(on):
    for rule_id in {r.id for r in DEFAULT_REGISTRY.all_rules()}:
        assert "98/2023" not in DEFAULT_REGISTRY.version(rule_id, on).citation, rule_id


@pytest.mark.parametrize("year", [2025, 2026])
def test_no_verdict_cites_nd98_from_july_2025(year):
    histories = [
        person(ratings=rated(year - 5, "HTXS HTXS HTXS HTXS HTXS HTXS"), pending=True),
        unit(rated(year - 5, "HTXS HTXS HTXS HTXS HTXS HTXS"), Members(5, 5, 5, 1)),
    ]
    for h in histories:
        for v in ENGINE.evaluate(h, year):
            cited = [c.citation for c in v.checks] + [g.citation for g in v.manual_grounds]
            cited.append(v.council_vote_citation or "")
            assert not [c for c in cited if "98/2023" in c], (v.target, cited)


# -- HCLD1 -----------------------------------------------------------------------------------

FILLED = {
    "hcld1_individual_htxs_years": 3,
    "hcld1_individual_cstd_tinh_years": 1,
    "hcld1_individual_national_initiatives": 1,
    "hcld1_collective_run_years": 5,
    "hcld1_collective_co_td_cp": 1,
    "hcld1_collective_co_td_tinh": 1,
}
FULL = Engine(params=FILLED)
L42_1 = f"{LAW}, Điều 42 khoản 1 [cần xác nhận]"
L42_2 = f"{LAW}, Điều 42 khoản 2 [cần xác nhận]"

MERIT = dict(
    ratings=rated(2021, "HTXS HTXS HTT HTXS HTT"),
    titles=[("CSTD_TINH", 2023)],
    awards=[("HCLD2", 2015)],
    initiatives=[("SANG_KIEN", "TOAN_QUOC", 2024)],
)


def p(**changes):
    return person(**{**MERIT, **changes})


def coll(ratings, awards=(("HCLD2", 2015),), titles=(("CO_TD_CP", 2024), ("CO_TD_TINH", 2023))):
    return History(
        kind="collective",
        ratings=ratings,
        titles=[Held(c, y) for c, y in titles],
        awards=[Held(c, y) for c, y in awards],
        members=Members(5, 5, 5, 1),
    )


# (case, engine, kind, history, year, status, rule, met, citation)
HCLD1_CASES = [
    ("individual_empty_params_manual", ENGINE, p(), 2025, "manual", "hcld1.individual_counts", False, L42_1),
    ("individual_filled_eligible", FULL, p(), 2025, "eligible", "hcld1.individual_counts", True, L42_1),
    ("individual_filled_too_few_htxs", FULL, p(ratings=rated(2021, "HTXS HTT HTT HTXS HTT")), 2025,
     "not_eligible", "hcld1.individual_counts", False, L42_1),
    ("individual_prior_hcld2_met", FULL, p(), 2025, "eligible", "hcld1.prior_hcld2", True, L42_1),
    ("individual_no_prior_hcld2_not_manual", ENGINE, p(awards=[]), 2025, "not_eligible",
     "hcld1.prior_hcld2", False, L42_1),
    ("individual_hcld2_inside_window", ENGINE, p(awards=[("HCLD2", 2021)]), 2025, "not_eligible",
     "hcld1.prior_hcld2", False, L42_1),
    ("individual_ratings_2025_nd152", FULL, p(), 2025, "eligible", "hcld1.ratings", True,
     f"{ND152}, Điều 33 khoản 7"),
    ("individual_ratings_gap_2024_nd98", ENGINE, p(ratings=rated(2020, "HTXS HT HTT HTXS HTXS")), 2024,
     "not_eligible", "hcld1.ratings", False, f"{ND98}, Điều 30 khoản 9"),
    ("collective_empty_params_manual", ENGINE, coll(rated(2021, "HTXS HTXS HTXS HTXS HTXS")), 2025,
     "manual", "hcld1.collective_run", False, f"{ND152}, Điều 33 khoản 7; {L42_2}"),
    ("collective_filled_eligible", FULL, coll(rated(2021, "HTXS HTXS HTXS HTXS HTXS")), 2025,
     "eligible", "hcld1.collective_run", True, f"{ND152}, Điều 33 khoản 7; {L42_2}"),
    ("collective_filled_run_broken", FULL, coll(rated(2021, "HTXS HTT HTXS HTXS HTXS")), 2025,
     "not_eligible", "hcld1.collective_run", False, f"{ND152}, Điều 33 khoản 7; {L42_2}"),
    ("collective_no_prior", ENGINE, coll(rated(2021, "HTXS HTXS HTXS HTXS HTXS"), awards=()), 2025,
     "not_eligible", "hcld1.collective_prior_hcld2", False, L42_2),
    ("collective_prior_met", FULL, coll(rated(2021, "HTXS HTXS HTXS HTXS HTXS")), 2025,
     "eligible", "hcld1.collective_prior_hcld2", True, L42_2),
]  # fmt: skip


@pytest.mark.parametrize(
    ("engine", "history", "year", "status", "rule", "met", "citation"),
    [pytest.param(*case[1:], id=case[0]) for case in HCLD1_CASES],
)
def test_hcld1(engine, history, year, status, rule, met, citation):
    v = engine.verdict(history, "HCLD1", year)
    assert v.status == status, [c.message for c in v.checks]
    check = v.check(rule)
    assert check.met is met and check.citation == citation, check.message
    if status == "manual":
        assert "chưa được nhập thành tham số" in check.message
    if status != "eligible":
        grounds = {g.ground: g.citation for g in v.manual_grounds}
        assert grounds["hcld1.long_service"] == (
            f"{ND152}, Điều 19 khoản 1; Điều 9 khoản 2–3; Điều 10; Điều 4 khoản 7"
            if year >= 2025
            else f"{ND98} [cần xác nhận]"
        )
        assert "hcld1.world_prize" in grounds


def test_hcld1_manual_is_never_inferred_as_held():
    """A manual HCLD1 is not "eligible" anywhere: bulk status agrees with the verdict."""
    subject = ENGINE.subject(p(), 2025)
    assert subject.status("HCLD1") == "manual"
    assert not subject.met("HCLD1")


def test_hcld1_parameters_listed_empty():
    specs = DEFAULT_REGISTRY.param_specs()
    for key in FILLED:
        assert specs[key].default is None
    with pytest.raises(ValueError):
        Engine(params={"hcld1_individual_htxs_years": "ba"})


@pytest.mark.django_db
def test_hcld1_parameter_settable_and_listed_empty(login, personas, tree):
    from vinhdanh.rules import services
    from vinhdanh.rules.models import RuleParameter

    body = login(personas.viewer).get(reverse("rules:rule_list")).content.decode()
    assert "hcld1_individual_htxs_years" in body and "(chưa nhập: do người xét)" in body
    row = services.rule_parameter_set(
        personas.admin,
        key="hcld1_individual_htxs_years",
        value=3,
        valid_from=date(2026, 1, 1),
        jurisdiction=tree.hanoi,
    )
    assert RuleParameter.objects.get(pk=row.pk).value == 3
    with pytest.raises(services.RulesError, match="số nguyên"):
        services.rule_parameter_set(
            personas.admin, key="hcld1_individual_htxs_years", value="ba",
            valid_from=date(2026, 1, 1), jurisdiction=tree.hanoi,
        )  # fmt: skip
