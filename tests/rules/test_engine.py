"""Engine behaviour: same-run inference, statuses, manual grounds, rule versions and
parameters, bulk evaluation, messages and window boundaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.rules.builders import LAW, person, rated, unit
from vinhdanh.rules.core import (
    CATALOGUE,
    DEFAULT_REGISTRY,
    Engine,
    Members,
    Rule,
    all_rules,
    build_registry,
    evaluate,
    evaluate_many,
    rule_version,
)
from vinhdanh.rules.core.targets.individual import tenure_cutoff

ENGINE = Engine()


def verdict(history, target, year=2025, engine=ENGINE):
    return engine.verdict(history, target, year)


# -- messages ----------------------------------------------------------------------------------


def test_message_cstdcs_run_states_required_and_recorded():
    h = person(ratings=rated(2023, "HTT HTT HT"), titles=[("CSTDCS", 2024), ("CSTDCS", 2025)])
    check = verdict(h, "CSTD_TINH").check("cstd_tinh.cstdcs_run")
    assert check.message == "Cần 3 năm liên tục đạt CSTĐCS (2023–2025); hồ sơ có: 2024, 2025."


def test_message_marks_year_found_eligible_in_run():
    h = person(ratings=rated(2024, "HTXS HTXS"), titles=[("CSTDCS", 2024)])
    check = verdict(h, "BK_TINH").check("bk_tinh.cstdcs")
    assert check.message == (
        "Cần CSTĐCS 2 năm liên tục 2024–2025; hồ sơ có: 2024, "
        "2025 (đủ điều kiện trong lần xét này)."
    )


def test_message_tenure_names_the_cutoff_date():
    check = verdict(person(ratings=rated(2025, "HTT"), hired_on=date(2025, 8, 15)), "LDTT").check(
        "ldtt.tenure"
    )
    assert "01/07/2025" in check.message and "15/08/2025" in check.message


def test_message_member_share_gives_counts():
    check = verdict(unit(rated(2025, "HTT"), Members(3, 3, 2, 0)), "TTLDTT").check(
        "ttldtt.ldtt_share"
    )
    assert check.message.endswith("hồ sơ: 2/3 (66,7%).")
    assert check.met is False  # 2/3 < 70% (needs 3 of 3)


# -- same-run inference ------------------------------------------------------------------------


def test_inference_recorded_title_in_y_counts_without_judging_it():
    h = person(ratings=rated(2025, "HT"), titles=[("LDTT", 2025)])  # recorded despite rating
    assert verdict(h, "CSTDCS").check("cstdcs.ldtt").met is True


def test_inference_only_for_the_run_year():
    # CSTĐCS 2023 and 2024 would be eligible from the ratings, but only Y may be inferred.
    h = person(ratings=rated(2023, "HTXS HTXS HTXS"), initiatives=[("SANG_KIEN", "TINH", 2025)])
    v = verdict(h, "CSTD_TINH")
    assert v.status == "not_eligible"
    assert v.check("cstd_tinh.cstdcs_run").message.endswith(
        "hồ sơ có: 2025 (đủ điều kiện trong lần xét này)."
    )


def test_inference_chain_ldtt_cstdcs_cstd_tinh_cstd_tq():
    h = person(
        ratings=rated(2020, "HTT HTT HTT HTT HTT HTXS"),
        titles=[("CSTD_TINH", 2022), ("CSTDCS", 2023), ("CSTDCS", 2024)],
        initiatives=[("SANG_KIEN", "TOAN_QUOC", 2025)],
    )
    statuses = {v.target: v.status for v in ENGINE.evaluate(h, 2025)}
    assert statuses["LDTT"] == statuses["CSTDCS"] == "eligible"
    assert statuses["CSTD_TINH"] == statuses["CSTD_TQ"] == "eligible"


def test_inference_memo_judges_each_target_once_per_subject():
    calls: list[int] = []
    registry = build_registry()

    def counting(s, y, p):
        calls.append(y)
        return True, "Cần kiểm tra bổ sung; hồ sơ: đạt."

    registry.register(
        Rule("cstdcs.local", "CSTDCS", "individual", "Quy định địa phương", "convention",
             date(2024, 1, 1), "Kiểm tra bổ sung.", counting),
        extends_target=True,
    )  # fmt: skip
    engine = Engine(registry=registry)
    h = person(ratings=rated(2021, "HTXS HTXS HTXS HTXS HTXS"), titles=[("CSTDCS", 2023)])
    engine.evaluate(h, 2025)  # CSTDCS is asked for by itself and by five other targets
    assert calls == [2025]


def test_inference_failed_lower_title_is_not_held():
    h = person(ratings=rated(2024, "HTXS HTT"), titles=[("CSTDCS", 2024)])
    v = verdict(h, "BK_TINH")
    assert v.status == "not_eligible"
    assert v.check("bk_tinh.cstdcs").message.endswith("hồ sơ có: 2024.")


# -- statuses and grounds ----------------------------------------------------------------------


def test_pending_review_lists_checks_and_cites_nd152():
    v = verdict(person(ratings=rated(2025, "HTXS"), pending=True), "CSTDCS")
    assert v.status == "held"
    assert [c.rule for c in v.checks] == [
        "cstdcs.ldtt",
        "cstdcs.excellence",
        "general.pending_review",
    ]
    assert v.checks[0].met and v.checks[1].met
    assert v.check("general.pending_review").citation == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"


def test_bk_tinh_unmet_lists_manual_grounds_of_article_74():
    v = verdict(person(ratings=rated(2024, "HTT HTT")), "BK_TINH")
    assert v.status == "not_eligible"
    assert [g.ground for g in v.manual_grounds] == [
        "bk_tinh.movement",
        "bk_tinh.ad_hoc",
        "bk_tinh.contribution",
    ]
    assert all(g.citation == f"{LAW}, Điều 74 khoản 1" for g in v.manual_grounds)


def test_bk_tinh_met_has_no_manual_grounds():
    v = verdict(person(ratings=rated(2024, "HTXS HTXS"), titles=[("CSTDCS", 2024)]), "BK_TINH")
    assert v.status == "eligible" and v.manual_grounds == ()


def test_bk_ttg_unmet_lists_manual_grounds_of_article_73():
    v = verdict(person(ratings=rated(2021, "HTT HTT HTT HTT HTT")), "BK_TTG")
    assert v.status == "not_eligible"
    assert {g.citation for g in v.manual_grounds} == {f"{LAW}, Điều 73 khoản 1"}
    assert len(v.manual_grounds) == 3


def test_bk_tinh_collective_unmet_lists_manual_grounds():
    v = verdict(unit(rated(2024, "HT HT")), "BK_TINH")
    assert v.status == "not_eligible" and v.manual_grounds


@pytest.mark.parametrize(
    ("code", "citation"),
    [
        ("CO_TD_TINH", f"{LAW}, Điều 26 khoản 1"),
        (
            "CO_TD_CP",
            f"{LAW}, Điều 25; Nghị định 152/2025/NĐ-CP, Điều 7; Điều 33 khoản 5; Điều 35 khoản 1 điểm b",
        ),
    ],
)
def test_flags_are_manual_with_leading_unit_ground(code, citation):
    v = verdict(unit(rated(2025, "HTXS"), Members(5, 5, 5, 1)), code)
    assert v.status == "manual"
    assert v.council_vote_threshold == 0.8
    (ground,) = v.manual_grounds
    assert ground.citation == citation and "dẫn đầu" in ground.message


def test_manual_for_catalogue_code_without_rules():
    v = verdict(person(ratings=rated(2025, "HTXS")), "HCDL1")
    assert v.status == "manual"
    assert v.manual_grounds[0].ground == "manual.no_rules"
    assert "Huân chương Độc lập hạng Nhất" in v.manual_grounds[0].message


def test_manual_target_still_held_when_pending():
    assert verdict(unit(pending=True), "CO_TD_TINH").status == "held"


def test_thresholds_follow_catalogue_and_are_injectable():
    h = person(ratings=rated(2025, "HTXS"))
    got = {v.target: v.council_vote_threshold for v in ENGINE.evaluate(h, 2025)}
    assert got["CSTDCS"] == 0.8 and got["CSTD_TINH"] == 0.9 and got["CSTD_TQ"] == 0.9
    assert got["LDTT"] is None and got["BK_TINH"] is None
    local = replace(CATALOGUE, thresholds={"CSTDCS": 0.75}, threshold_rows=())
    assert verdict(h, "CSTDCS", engine=Engine(catalogue=local)).council_vote_threshold == 0.75


def test_default_targets_per_kind():
    assert ENGINE.default_targets("individual") == (
        "LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1",
    )  # fmt: skip
    assert ENGINE.default_targets("collective") == (
        "TTLDTT", "TTLDXS", "CO_TD_TINH", "CO_TD_CP", "BK_TINH", "HCLD1",
    )  # fmt: skip


# -- boundaries --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hired", "status"),
    [(date(2025, 6, 30), "eligible"), (date(2025, 7, 1), "eligible"), (date(2025, 7, 2), "not_eligible"),
     (date(2026, 1, 1), "not_eligible")],
)  # fmt: skip
def test_boundary_tenure_six_months_before_year_end(hired, status):
    assert verdict(person(ratings=rated(2025, "HTT"), hired_on=hired), "LDTT").status == status


def test_boundary_tenure_cutoff_for_other_month_counts():
    assert tenure_cutoff(2025, 6) == date(2025, 7, 1)
    assert tenure_cutoff(2025, 12) == date(2025, 1, 1)
    assert tenure_cutoff(2025, 0) == date(2026, 1, 1)
    assert tenure_cutoff(2025, 7) == date(2025, 6, 1)


@pytest.mark.parametrize(
    ("bk_year", "met"), [(2019, True), (2020, True), (2021, False), (2025, False)]
)
def test_boundary_bk_ttg_prior_award_window_edge(bk_year, met):
    h = person(ratings=rated(2021, "HTT HTT HTT HTT HTXS"), titles=[("CSTDCS", 2021), ("CSTDCS", 2022)],
               awards=[("BK_TINH", bk_year)])  # fmt: skip
    v = verdict(h, "BK_TTG")
    assert v.check("bk_ttg.prior_bk_tinh").met is met
    assert v.status == ("eligible" if met else "not_eligible")


@pytest.mark.parametrize(("cstdcs_year", "met"), [(2020, False), (2021, True)])
def test_boundary_cstdcs_count_window_starts_at_y_minus_4(cstdcs_year, met):
    h = person(ratings=rated(2021, "HTT HTT HTT HTT HTXS"), titles=[("CSTDCS", cstdcs_year), ("CSTDCS", 2023)],
               awards=[("BK_TTG", 2018)])  # fmt: skip
    assert verdict(h, "HCLD3").check("hcld3.cstdcs").met is met


def test_boundary_gap_breaks_cstdcs_run():
    h = person(ratings=rated(2021, "HTXS HTXS HTXS HTXS HTXS"),
               titles=[("CSTDCS", 2021), ("CSTDCS", 2022), ("CSTDCS", 2024)],
               initiatives=[("SANG_KIEN", "TINH", 2025)])  # fmt: skip
    assert verdict(h, "CSTD_TINH").status == "not_eligible"  # 2023 missing
    assert verdict(h, "CSTD_TINH", 2024).status == "not_eligible"  # 2022, gap 2023, 2024
    assert verdict(h, "CSTD_TINH", 2026).status == "not_eligible"  # only 2024 held in 2024–2026


def test_boundary_year_after_gap_restarts_run():
    h = person(ratings=rated(2023, "HTXS HTXS HTXS HTXS"),
               titles=[("CSTDCS", 2021), ("CSTDCS", 2023), ("CSTDCS", 2024), ("CSTDCS", 2025)],
               initiatives=[("DE_TAI", "TINH", 2024)])  # fmt: skip
    assert verdict(h, "CSTD_TINH", 2025).status == "eligible"
    assert verdict(h, "CSTD_TINH", 2026).status == "eligible"  # 2024, 2025 + 2026 inferred


def test_boundary_years_before_the_law_use_earliest_version():
    h = person(ratings=rated(2023, "HTT"), pending=True)
    v = verdict(h, "LDTT", 2023)
    assert v.status == "held"  # the earliest version (NĐ 98/2023, from 2024) applies
    assert v.check("general.pending_review").citation == "Nghị định 98/2023/NĐ-CP [cần xác nhận]"


# -- rules as data -----------------------------------------------------------------------------


def test_all_rules_lists_citation_version_and_params():
    rows = {r.id: r.to_dict() for r in all_rules()}
    assert rows["ttldtt.ldtt_share"]["params"][0]["key"] == "ttldtt.ldtt_share"
    assert str(rows["ttldtt.ldtt_share"]["params"][0]["default"]) == "0.70"
    assert rows["ldtt.tenure"]["params"][0]["default"] == 6
    assert rows["cstd_tq.cstd_tinh_twice"]["confidence"] == "convention"
    assert rows["ldtt.rating"]["valid_from"] == "2024-01-01"
    assert all(r["citation"] and r["description"] for r in rows.values())


def test_rule_version_picks_latest_valid_on_31_december():
    registry = build_registry()
    stricter = replace(
        registry.version("ldtt.rating", date(2025, 12, 31)),
        valid_from=date(2026, 1, 1),
        citation="Văn bản giả định 2026",
        check=lambda s, y, p: (s.h.rank.get(y, 0) >= 4, "Cần HTXS."),
    )
    registry.register(stricter)
    engine = Engine(registry=registry)
    h = person(ratings={2025: "HTT", 2026: "HTT"})
    assert engine.verdict(h, "LDTT", 2025).status == "eligible"
    v2026 = engine.verdict(h, "LDTT", 2026)
    assert v2026.status == "not_eligible"
    assert v2026.check("ldtt.rating").citation == "Văn bản giả định 2026"
    assert [v.valid_from.year for v in registry.versions("ldtt.rating")] == [2024, 2026]
    assert rule_version("ldtt.rating", 2026).valid_from == date(2024, 1, 1)  # default untouched


def test_rule_version_duplicate_valid_from_rejected():
    registry = build_registry()
    with pytest.raises(ValueError):
        registry.register(registry.version("ldtt.rating", date(2025, 1, 1)))


def test_params_override_tenure_months():
    h = person(ratings=rated(2025, "HTT"), hired_on=date(2025, 9, 1))
    assert evaluate(h, "LDTT", 2025).status == "not_eligible"
    assert evaluate(h, "LDTT", 2025, params={"ldtt.min_months": 4}).status == "eligible"


def test_params_override_share_as_float_or_string():
    h = unit(rated(2025, "HTT"), Members(10, 10, 5, 0))
    assert verdict(h, "TTLDTT").status == "not_eligible"
    for share in (0.5, "0.5"):
        assert verdict(h, "TTLDTT", engine=Engine(params={"ttldtt.ldtt_share": share})).eligible


@pytest.mark.parametrize(
    "params",
    [{"ldtt.months": 6}, {"ldtt.min_months": "6"}, {"ldtt.min_months": 13},
     {"ttldtt.ldtt_share": 1.5}, {"ttldtt.ldtt_share": "nan"}, {"ldtt.min_months": True}],
)  # fmt: skip
def test_params_invalid_rejected(params):
    with pytest.raises(ValueError):
        Engine(params=params)


def test_registry_default_is_not_mutated_by_copies():
    before = len(DEFAULT_REGISTRY.all_rules())
    copy = DEFAULT_REGISTRY.copy()
    copy.register(
        Rule("ldtt.local", "LDTT", "individual", "Quy định bộ", "convention", date(2024, 1, 1),
             "Thêm.", lambda s, y, p: (False, "Cần thêm.")),
        extends_target=True,
    )  # fmt: skip
    assert len(DEFAULT_REGISTRY.all_rules()) == before
    h = person(ratings=rated(2025, "HTT"))
    assert Engine(registry=copy).verdict(h, "LDTT", 2025).status == "not_eligible"
    assert ENGINE.verdict(h, "LDTT", 2025).status == "eligible"


# -- bulk --------------------------------------------------------------------------------------


def test_evaluate_many_yields_every_target_in_input_order():
    items = [
        ("a", person(ratings=rated(2025, "HTT"))),
        ("b", unit(rated(2025, "HTT"), Members(2, 2, 2, 0))),
    ]
    out = list(evaluate_many(items, 2025))
    assert [k for k, _ in out] == ["a"] * 9 + ["b"] * 6
    assert out[0][1].target == "LDTT" and out[0][1].status == "eligible"
    assert out[9][1].target == "TTLDTT" and out[9][1].status == "eligible"


def test_evaluate_many_with_targets_and_params():
    items = ((i, person(ratings=rated(2025, "HTT"), hired_on=date(2025, 9, 1))) for i in range(3))
    out = list(evaluate_many(items, 2025, ["LDTT"], {"ldtt.min_months": 3}))
    assert [(k, v.status) for k, v in out] == [(0, "eligible"), (1, "eligible"), (2, "eligible")]
