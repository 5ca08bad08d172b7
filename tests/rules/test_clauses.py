"""Every clause of every target in RULES.md, with a passing and a failing case.

Each case asserts the verdict's status and the clause's check: its rule id, whether it is
met, and its citation (written out here literally, as RULES.md states it).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.rules.builders import LAW, person, rated, unit
from vinhdanh.rules.core import Engine, Members

ENGINE = Engine()

CITATIONS = {
    "general.pending_review": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4",
    "ldtt.rating": f"{LAW}, Điều 24 khoản 1",
    "ldtt.tenure": "Thông tư 15/2025/TT-BNV [cần xác nhận]",  # 2025: from 05/8/2025
    "cstdcs.ldtt": f"{LAW}, Điều 23",
    "cstdcs.excellence": f"{LAW}, Điều 23",
    "cstd_tinh.cstdcs_run": f"{LAW}, Điều 22",
    "cstd_tinh.initiative": f"{LAW}, Điều 22",
    "cstd_tq.cstd_tinh_twice": f"{LAW}, Điều 21",
    "cstd_tq.initiative": f"{LAW}, Điều 21",
    "ttldxs.rating": f"{LAW}, Điều 27 khoản 1",
    "ttldxs.all_completed": f"{LAW}, Điều 27 khoản 1",
    "ttldxs.ldtt_share": f"{LAW}, Điều 27 khoản 1",
    "ttldxs.cstdcs": f"{LAW}, Điều 27 khoản 1",
    "ttldtt.rating": f"{LAW}, Điều 28",
    "ttldtt.ldtt_share": f"{LAW}, Điều 28; Quy định thi đua, khen thưởng của địa phương",
    "ttldtt.no_discipline": "Quy định thi đua, khen thưởng của địa phương",
    "bk_tinh.cstdcs": f"{LAW}, Điều 74 khoản 1 điểm d",
    "bk_tinh.htxs": f"{LAW}, Điều 74 khoản 1 điểm d",
    "bk_tinh.initiatives": f"{LAW}, Điều 74 khoản 1 điểm d",
    "bk_tinh.collective": f"{LAW}, Điều 74; Quy định thi đua, khen thưởng của địa phương",
    "bk_ttg.prior_bk_tinh": f"{LAW}, Điều 73 khoản 1 điểm b",
    "bk_ttg.ratings": f"{LAW}, Điều 73 khoản 1 điểm b",
    "bk_ttg.cstdcs": f"{LAW}, Điều 73 khoản 1 điểm b",
    "bk_ttg.no_recent": f"{LAW}, Điều 73 khoản 1 điểm b",
    "hcld3.prior_bk_ttg": f"{LAW}, Điều 44 khoản 1",
    "hcld3.ratings": f"{LAW}, Điều 44 khoản 1",
    "hcld3.htxs": f"{LAW}, Điều 44 khoản 1",
    "hcld3.cstdcs": f"{LAW}, Điều 44 khoản 1",
    "hcld2.prior_hcld3": f"{LAW}, Điều 43",
    "hcld2.ratings": f"{LAW}, Điều 43",
    "hcld2.htxs": f"{LAW}, Điều 43",
    "hcld2.cstd_tinh": f"{LAW}, Điều 43",
}

E, N, H = "eligible", "not_eligible", "held"

# Base histories that meet every clause of their target for 2025; cases vary one thing.
CSTD_TINH_OK = dict(
    ratings=rated(2023, "HTXS HTXS HTXS"),
    titles=[("CSTDCS", 2023), ("CSTDCS", 2024)],
    initiatives=[("SANG_KIEN", "TINH", 2024)],
)
CSTD_TQ_OK = dict(
    ratings=rated(2020, "HTXS HTXS HTXS HTXS HTXS HTXS"),
    titles=[("CSTD_TINH", 2022), ("CSTD_TINH", 2025)],
    initiatives=[("SANG_KIEN", "TOAN_QUOC", 2020)],
)
FIVE_OK = rated(2021, "HTT HTT HTT HTT HTXS")
CSTDCS_3 = [("CSTDCS", 2021), ("CSTDCS", 2023)]  # + 2025 found eligible (HTXS, LĐTT)


def p(**kw):
    return person(**kw)


CASES = [
    # LĐTT — Luật Điều 24 khoản 1; TT 01/2024
    ("ldtt_rating_htt", "LDTT", p(ratings=rated(2025, "HTT")), E, "ldtt.rating", True),
    ("ldtt_rating_htxs", "LDTT", p(ratings=rated(2025, "HTXS")), E, "ldtt.rating", True),
    ("ldtt_rating_ht", "LDTT", p(ratings=rated(2025, "HT")), N, "ldtt.rating", False),
    ("ldtt_rating_missing", "LDTT", p(ratings=rated(2024, "HTXS")), N, "ldtt.rating", False),
    ("ldtt_tenure_edge_1_july", "LDTT",
     p(ratings=rated(2025, "HTT"), hired_on=date(2025, 7, 1)), E, "ldtt.tenure", True),
    ("ldtt_tenure_2_july", "LDTT",
     p(ratings=rated(2025, "HTT"), hired_on=date(2025, 7, 2)), N, "ldtt.tenure", False),
    ("ldtt_tenure_unknown", "LDTT",
     p(ratings=rated(2025, "HTT"), hired_on=None), E, "ldtt.tenure", True),
    # CSTĐCS — Luật Điều 23
    ("cstdcs_ldtt_found_in_run", "CSTDCS", p(ratings=rated(2025, "HTXS")), E, "cstdcs.ldtt", True),
    ("cstdcs_ldtt_recorded_cstt", "CSTDCS",
     p(ratings=rated(2025, "HTXS"), titles=[("CSTT", 2025)], hired_on=date(2025, 11, 1)),
     E, "cstdcs.ldtt", True),
    ("cstdcs_ldtt_new_hire", "CSTDCS",
     p(ratings=rated(2025, "HTXS"), hired_on=date(2025, 9, 1)), N, "cstdcs.ldtt", False),
    ("cstdcs_excellence_htxs", "CSTDCS", p(ratings=rated(2025, "HTXS")), E,
     "cstdcs.excellence", True),
    ("cstdcs_excellence_initiative", "CSTDCS",
     p(ratings=rated(2025, "HTT"), initiatives=[("SANG_KIEN", "CO_SO", 2025)]), E,
     "cstdcs.excellence", True),
    ("cstdcs_excellence_research", "CSTDCS",
     p(ratings=rated(2025, "HTT"), initiatives=[("DE_TAI", "CO_SO", 2025)]), E,
     "cstdcs.excellence", True),
    ("cstdcs_excellence_initiative_last_year", "CSTDCS",
     p(ratings=rated(2025, "HTT"), initiatives=[("SANG_KIEN", "TOAN_QUOC", 2024)]), N,
     "cstdcs.excellence", False),
    # CSTĐ cấp tỉnh — Luật Điều 22
    ("cstd_tinh_run_found_in_run", "CSTD_TINH", p(**CSTD_TINH_OK), E, "cstd_tinh.cstdcs_run", True),
    ("cstd_tinh_run_gap", "CSTD_TINH",
     p(**{**CSTD_TINH_OK, "titles": [("CSTDCS", 2022), ("CSTDCS", 2024)]}), N,
     "cstd_tinh.cstdcs_run", False),
    ("cstd_tinh_run_year_y_not_eligible", "CSTD_TINH",
     p(**{**CSTD_TINH_OK, "ratings": rated(2023, "HTXS HTXS HT")}), N,
     "cstd_tinh.cstdcs_run", False),
    ("cstd_tinh_initiative_wider_scope_at_y_minus_2", "CSTD_TINH",
     p(**{**CSTD_TINH_OK, "initiatives": [("DE_TAI", "TOAN_QUOC", 2023)]}), E,
     "cstd_tinh.initiative", True),
    ("cstd_tinh_initiative_at_y_minus_3", "CSTD_TINH",
     p(**{**CSTD_TINH_OK, "initiatives": [("SANG_KIEN", "TINH", 2022)]}), N,
     "cstd_tinh.initiative", False),
    ("cstd_tinh_initiative_narrow_scope", "CSTD_TINH",
     p(**{**CSTD_TINH_OK, "initiatives": [("SANG_KIEN", "CO_SO", 2025)]}), N,
     "cstd_tinh.initiative", False),
    # CSTĐ toàn quốc — Luật Điều 21
    ("cstd_tq_twice_recorded", "CSTD_TQ", p(**CSTD_TQ_OK), E, "cstd_tq.cstd_tinh_twice", True),
    ("cstd_tq_twice_y_found_in_run", "CSTD_TQ",
     p(**{**CSTD_TQ_OK, "titles": [("CSTD_TINH", 2022), ("CSTDCS", 2023), ("CSTDCS", 2024)],
          "initiatives": [("SANG_KIEN", "TOAN_QUOC", 2020), ("SANG_KIEN", "TINH", 2024)]}),
     E, "cstd_tq.cstd_tinh_twice", True),
    ("cstd_tq_twice_not_consecutive", "CSTD_TQ",
     p(**{**CSTD_TQ_OK, "titles": [("CSTD_TINH", 2021), ("CSTD_TINH", 2025)]}), N,
     "cstd_tq.cstd_tinh_twice", False),
    ("cstd_tq_initiative_at_y_minus_6", "CSTD_TQ",
     p(**{**CSTD_TQ_OK, "initiatives": [("SANG_KIEN", "TOAN_QUOC", 2019)]}), N,
     "cstd_tq.initiative", False),
    ("cstd_tq_initiative_provincial_scope", "CSTD_TQ",
     p(**{**CSTD_TQ_OK, "initiatives": [("DE_TAI", "TINH", 2024)]}), N,
     "cstd_tq.initiative", False),
    ("cstd_tq_initiative_research_edge", "CSTD_TQ",
     p(**{**CSTD_TQ_OK, "initiatives": [("DE_TAI", "TOAN_QUOC", 2020)]}), E,
     "cstd_tq.initiative", True),
    # TTLĐXS — Luật Điều 27 khoản 1
    ("ttldxs_rating_htxs", "TTLDXS", unit(rated(2025, "HTXS"), Members(20, 20, 14, 1)), E,
     "ttldxs.rating", True),
    ("ttldxs_rating_htt", "TTLDXS", unit(rated(2025, "HTT"), Members(20, 20, 14, 1)), N,
     "ttldxs.rating", False),
    ("ttldxs_all_completed_20_of_20", "TTLDXS",
     unit(rated(2025, "HTXS"), Members(20, 20, 14, 1)), E, "ttldxs.all_completed", True),
    ("ttldxs_all_completed_19_of_20", "TTLDXS",
     unit(rated(2025, "HTXS"), Members(20, 19, 14, 1)), N, "ttldxs.all_completed", False),
    ("ttldxs_all_completed_missing_counts", "TTLDXS", unit(rated(2025, "HTXS")), N,
     "ttldxs.all_completed", False),
    ("ttldxs_share_exactly_70", "TTLDXS", unit(rated(2025, "HTXS"), Members(20, 20, 14, 1)), E,
     "ttldxs.ldtt_share", True),
    ("ttldxs_share_65", "TTLDXS", unit(rated(2025, "HTXS"), Members(20, 20, 13, 1)), N,
     "ttldxs.ldtt_share", False),
    ("ttldxs_cstdcs_one", "TTLDXS", unit(rated(2025, "HTXS"), Members(3, 3, 3, 1)), E,
     "ttldxs.cstdcs", True),
    ("ttldxs_cstdcs_none", "TTLDXS", unit(rated(2025, "HTXS"), Members(3, 3, 3, 0)), N,
     "ttldxs.cstdcs", False),
    # TTLĐTT — Luật Điều 28 [summary]; local rules
    ("ttldtt_rating_htt", "TTLDTT", unit(rated(2025, "HTT"), Members(10, 10, 7, 0)), E,
     "ttldtt.rating", True),
    ("ttldtt_rating_ht", "TTLDTT", unit(rated(2025, "HT"), Members(10, 10, 7, 0)), N,
     "ttldtt.rating", False),
    ("ttldtt_share_7_of_10", "TTLDTT", unit(rated(2025, "HTT"), Members(10, 10, 7, 0)), E,
     "ttldtt.ldtt_share", True),
    ("ttldtt_share_6_of_10", "TTLDTT", unit(rated(2025, "HTT"), Members(10, 10, 6, 0)), N,
     "ttldtt.ldtt_share", False),
    ("ttldtt_no_discipline_none", "TTLDTT", unit(rated(2025, "HTT"), Members(10, 10, 7, 0, 0)),
     E, "ttldtt.no_discipline", True),
    ("ttldtt_no_discipline_one_warned", "TTLDTT",
     unit(rated(2025, "HTT"), Members(10, 10, 7, 0, 1)), N, "ttldtt.no_discipline", False),
    # Bằng khen cấp tỉnh, individual — Luật Điều 74 khoản 1 điểm d
    ("bk_tinh_cstdcs_two_years", "BK_TINH",
     p(ratings=rated(2024, "HTT HTXS"), titles=[("CSTDCS", 2024)]), E, "bk_tinh.cstdcs", True),
    ("bk_tinh_cstdcs_gap", "BK_TINH",
     p(ratings=rated(2023, "HTT HTT HTXS"), titles=[("CSTDCS", 2023)]), N,
     "bk_tinh.cstdcs", False),
    ("bk_tinh_htxs_path", "BK_TINH",
     p(ratings=rated(2024, "HTXS HTXS"),
       initiatives=[("SANG_KIEN", "CO_SO", 2024), ("SANG_KIEN", "TINH", 2025)]),
     E, "bk_tinh.htxs", True),
    ("bk_tinh_htxs_one_year_htt", "BK_TINH",
     p(ratings=rated(2024, "HTT HTXS"),
       initiatives=[("SANG_KIEN", "CO_SO", 2024), ("SANG_KIEN", "CO_SO", 2025)]),
     N, "bk_tinh.htxs", False),
    ("bk_tinh_initiatives_two_research", "BK_TINH",
     p(ratings=rated(2024, "HTXS HTXS"),
       initiatives=[("DE_TAI", "CO_SO", 2024), ("DE_TAI", "CO_SO", 2024)]),
     E, "bk_tinh.initiatives", True),
    ("bk_tinh_initiatives_one_of_each", "BK_TINH",
     p(ratings=rated(2024, "HTXS HTXS"),
       initiatives=[("DE_TAI", "CO_SO", 2024), ("SANG_KIEN", "CO_SO", 2025)]),
     N, "bk_tinh.initiatives", False),
    ("bk_tinh_initiatives_outside_window", "BK_TINH",
     p(ratings=rated(2024, "HTXS HTXS"),
       initiatives=[("SANG_KIEN", "CO_SO", 2023), ("SANG_KIEN", "CO_SO", 2025)]),
     N, "bk_tinh.initiatives", False),
    # Bằng khen cấp tỉnh, collective — provincial rules
    ("bk_tinh_collective_htxs_twice", "BK_TINH", unit(rated(2024, "HTXS HTXS")), E,
     "bk_tinh.collective", True),
    ("bk_tinh_collective_ttldxs_title", "BK_TINH",
     unit(rated(2024, "HTT HTXS"), titles=[("TTLDXS", 2024)]), E, "bk_tinh.collective", True),
    ("bk_tinh_collective_htt", "BK_TINH", unit(rated(2024, "HTT HTXS")), N,
     "bk_tinh.collective", False),
    # Bằng khen của Thủ tướng — Luật Điều 73 khoản 1 điểm b
    ("bk_ttg_prior_at_y_minus_5", "BK_TTG",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TINH", 2020)]), E,
     "bk_ttg.prior_bk_tinh", True),
    ("bk_ttg_prior_at_y_minus_4", "BK_TTG",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TINH", 2021)]), N,
     "bk_ttg.prior_bk_tinh", False),
    ("bk_ttg_ratings_all_htt", "BK_TTG",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TINH", 2018)]), E, "bk_ttg.ratings", True),
    ("bk_ttg_ratings_one_ht", "BK_TTG",
     p(ratings=rated(2021, "HTT HT HTT HTT HTXS"), titles=CSTDCS_3, awards=[("BK_TINH", 2018)]),
     N, "bk_ttg.ratings", False),
    ("bk_ttg_ratings_y_minus_5_ignored", "BK_TTG",
     p(ratings=rated(2020, "KHT HTT HTT HTT HTT HTXS"), titles=CSTDCS_3,
       awards=[("BK_TINH", 2018)]), E, "bk_ttg.ratings", True),
    ("bk_ttg_cstdcs_three", "BK_TTG",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TINH", 2018)]), E, "bk_ttg.cstdcs", True),
    ("bk_ttg_cstdcs_two", "BK_TTG",
     p(ratings=FIVE_OK, titles=[("CSTDCS", 2020), ("CSTDCS", 2022)], awards=[("BK_TINH", 2018)]),
     N, "bk_ttg.cstdcs", False),
    ("bk_ttg_no_recent_previous_at_y_minus_5", "BK_TTG",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TINH", 2014), ("BK_TTG", 2020)]), E,
     "bk_ttg.no_recent", True),
    ("bk_ttg_no_recent_previous_at_y_minus_4", "BK_TTG",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TINH", 2014), ("BK_TTG", 2021)]), N,
     "bk_ttg.no_recent", False),
    # Huân chương Lao động hạng Ba — Luật Điều 44 khoản 1
    ("hcld3_prior_at_y_minus_5", "HCLD3",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TTG", 2020)]), E,
     "hcld3.prior_bk_ttg", True),
    ("hcld3_prior_at_y_minus_4", "HCLD3",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TTG", 2021)]), N,
     "hcld3.prior_bk_ttg", False),
    ("hcld3_ratings_ok", "HCLD3",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TTG", 2019)]), E, "hcld3.ratings", True),
    ("hcld3_ratings_missing_year", "HCLD3",
     p(ratings=rated(2021, "HTT HTT - HTT HTXS"), titles=CSTDCS_3, awards=[("BK_TTG", 2019)]),
     N, "hcld3.ratings", False),
    ("hcld3_htxs_one", "HCLD3",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TTG", 2019)]), E, "hcld3.htxs", True),
    ("hcld3_htxs_none", "HCLD3",
     p(ratings=rated(2021, "HTT HTT HTT HTT HTT"),
       titles=[("CSTDCS", 2021), ("CSTDCS", 2022), ("CSTDCS", 2023)], awards=[("BK_TTG", 2019)]),
     N, "hcld3.htxs", False),
    ("hcld3_cstdcs_three", "HCLD3",
     p(ratings=FIVE_OK, titles=CSTDCS_3, awards=[("BK_TTG", 2019)]), E, "hcld3.cstdcs", True),
    ("hcld3_cstdcs_two", "HCLD3",
     p(ratings=FIVE_OK, titles=[("CSTDCS", 2021)], awards=[("BK_TTG", 2019)]), N,
     "hcld3.cstdcs", False),
    # Huân chương Lao động hạng Nhì — Luật Điều 43
    ("hcld2_prior_at_y_minus_5", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2021)],
       awards=[("HCLD3", 2020)]), E, "hcld2.prior_hcld3", True),
    ("hcld2_prior_at_y_minus_4", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2021)],
       awards=[("HCLD3", 2021)]), N, "hcld2.prior_hcld3", False),
    ("hcld2_ratings_ok", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2022)],
       awards=[("HCLD3", 2015)]), E, "hcld2.ratings", True),
    ("hcld2_ratings_kht", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT KHT HTT HTXS"), titles=[("CSTD_TINH", 2022)],
       awards=[("HCLD3", 2015)]), N, "hcld2.ratings", False),
    ("hcld2_htxs_two", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2022)],
       awards=[("HCLD3", 2015)]), E, "hcld2.htxs", True),
    ("hcld2_htxs_one", "HCLD2",
     p(ratings=rated(2021, "HTT HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2022)],
       awards=[("HCLD3", 2015)]), N, "hcld2.htxs", False),
    ("hcld2_cstd_tinh_at_y_minus_4", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2021)],
       awards=[("HCLD3", 2015)]), E, "hcld2.cstd_tinh", True),
    ("hcld2_cstd_tinh_at_y_minus_5", "HCLD2",
     p(ratings=rated(2020, "HTT HTXS HTT HTT HTT HTXS"), titles=[("CSTD_TINH", 2020)],
       awards=[("HCLD3", 2015)]), N, "hcld2.cstd_tinh", False),
    ("hcld2_cstd_tinh_found_in_run", "HCLD2",
     p(ratings=rated(2021, "HTXS HTT HTXS HTXS HTXS"),
       titles=[("CSTDCS", 2023), ("CSTDCS", 2024)], awards=[("HCLD3", 2015)],
       initiatives=[("SANG_KIEN", "TINH", 2025)]), E, "hcld2.cstd_tinh", True),
    # Principle 1 — NĐ 152/2025 Điều 4 khoản 4
    ("pending_review_holds_ldtt", "LDTT", p(ratings=rated(2025, "HTXS"), pending=True), H,
     "general.pending_review", False),
    ("pending_review_absent", "LDTT", p(ratings=rated(2025, "HTXS")), E,
     "general.pending_review", True),
    ("pending_review_holds_collective", "TTLDTT",
     unit(rated(2025, "HTT"), Members(10, 10, 7, 0), pending=True), H,
     "general.pending_review", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("target", "history", "status", "rule", "met"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_clause_gives_status_and_cited_check(target, history, status, rule, met):
    verdict = ENGINE.verdict(history, target, 2025)
    assert verdict.status == status, [c.message for c in verdict.checks]
    check = verdict.check(rule)
    assert check.met is met, check.message
    assert check.citation == CITATIONS[rule]
    assert check.message.startswith("Cần") or check.message.startswith("Không được")


def test_clause_table_covers_every_rule_both_ways():
    outcomes: dict[str, set[bool]] = {}
    for case in CASES:
        outcomes.setdefault(case[4], set()).add(case[5])
    # HCLD1's rules answer "manual" with the default (empty) parameters: their table, with
    # parameters filled, is in test_law_in_force.py.
    rule_ids = {r.id for r in ENGINE.registry.all_rules() if not r.id.startswith("hcld1.")}
    assert rule_ids == set(CITATIONS)
    missing = {r for r in rule_ids if outcomes.get(r) != {True, False}}
    assert not missing
