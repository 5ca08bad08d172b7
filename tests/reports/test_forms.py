"""Each form for the known province, cell by cell against hand-computed figures: every cell
named here has that value and every other cell is zero."""

from __future__ import annotations

import datetime as dt

import pytest

from vinhdanh.reports import engine
from vinhdanh.reports.selectors import report_for

pytestmark = pytest.mark.django_db


def nonzero(report) -> dict[tuple[str, str], int]:
    return {k: v for k, v in report.cells.items() if v}


def test_0601_counts_movements_launched_in_the_period_by_scope_duration_method(stats_data, tree):
    report = report_for(tree.hanoi, "0601", 2025)
    # m1: HN (province) regular, 01/01–31/12/2025 = exactly one year, launched 15/12/2024;
    # m2: Sở Y tế thematic, 6 months; m3: hospital, set to bloc scope at province level,
    # 2.5 years, closed, no launch date (its start counts). Draft, earlier, Hà Tĩnh: out.
    assert nonzero(report) == {
        ("01", "1"): 3, ("01", "3"): 2, ("01", "4"): 1,
        ("03", "1"): 1, ("03", "3"): 1,
        ("04", "1"): 1, ("04", "3"): 1,
        ("05", "1"): 1, ("05", "4"): 1,
        ("06", "1"): 1, ("06", "4"): 1,
        ("07", "1"): 1, ("07", "3"): 1,
        ("08", "1"): 1, ("08", "3"): 1,
        ("11", "1"): 2, ("11", "3"): 1, ("11", "4"): 1,
        ("12", "1"): 1, ("12", "3"): 1,
    }  # fmt: skip
    assert all(r.ok for r in engine.run_checks(report))


def test_0602_state_awards_by_submitter_subject_position_and_kind(stats_data, tree):
    report = report_for(tree.hanoi, "0602", 2025)
    keys = [c.key for c in report.columns]
    # column 2 made from the orders awarded (HCLD3), 5 and 9 keep an empty pair
    assert keys == [
        "1", "2.HCLD3.collective", "2.HCLD3.individual", "3", "4",
        "5.-.collective", "5.-.individual", "6", "7.tt", "7.cn", "8",
        "9.-.collective", "9.-.individual",
    ]  # fmt: skip
    hc = "2.HCLD3.individual"
    assert nonzero(report) == {
        ("01", "1"): 4, ("01", hc): 1, ("01", "6"): 1, ("01", "7.tt"): 1, ("01", "7.cn"): 1,
        ("03", "1"): 4, ("03", hc): 1, ("03", "6"): 1, ("03", "7.tt"): 1, ("03", "7.cn"): 1,
        ("06", "1"): 2, ("06", "6"): 1, ("06", "7.tt"): 1,
        ("07", "1"): 1, ("07", "7.tt"): 1,
        ("09", "1"): 2, ("09", hc): 1, ("09", "7.cn"): 1,
        ("11", "1"): 1, ("11", hc): 1,  # An, a department leader when decided
        ("14", "1"): 1, ("14", "7.cn"): 1,  # Bình, direct worker (not frozen: today's flag)
        ("15", "1"): 2, ("15", hc): 1, ("15", "6"): 1,
        ("16", "1"): 1, ("16", "7.cn"): 1,
        ("17", "1"): 1, ("17", "7.tt"): 1,
    }  # fmt: skip
    assert all(r.ok for r in engine.run_checks(report))


def test_0603_ministry_province_awards_and_the_check_that_names_the_unclassified(stats_data, tree):
    report = report_for(tree.hanoi, "0603", 2025)
    assert nonzero(report) == {
        ("01", "1"): 4, ("01", "2"): 1, ("01", "3"): 1, ("01", "4"): 1, ("01", "5"): 1,
        ("02", "1"): 1, ("02", "4"): 1,
        ("05", "1"): 3, ("05", "2"): 1, ("05", "3"): 1, ("05", "5"): 1,
        ("07", "1"): 1, ("07", "2"): 1,
        ("10", "1"): 1, ("10", "5"): 1,
        ("11", "1"): 2, ("11", "2"): 1, ("11", "4"): 1,
        ("15", "1"): 1, ("15", "5"): 1,
        ("16", "1"): 1, ("16", "3"): 1,
    }  # fmt: skip
    failed = [r for r in engine.run_checks(report) if not r.ok]
    assert [r.check.total for r in failed] == ["05"]
    assert failed[0].mismatches[0] == "Cột 1: dòng 05 = 3, tổng = 2"
    # the record at fault: Chi has neither leader nor direct-worker position
    assert [f.label for f in failed[0].faults] == ["Lê Minh Chi"]


def test_0604_counts_tdkt_bodies_active_on_30_november(stats_data, tree):
    report = report_for(tree.hanoi, "0604", 2025)
    assert nonzero(report) == {("01", "1"): 2, ("04", "1"): 1, ("05", "1"): 1}
    assert all(r.ok for r in engine.run_checks(report))


def test_0605_counts_officers_by_age_training_seniority_on_30_november(stats_data, tree):
    report = report_for(tree.hanoi, "0605", 2025)
    assert nonzero(report) == {
        ("01", "1"): 3, ("01", "2"): 2,
        ("02", "1"): 1, ("02", "2"): 1,  # 29 on 30/11/2025
        ("03", "1"): 1,  # 40 exactly on the reference date
        ("07", "1"): 1, ("07", "2"): 1,  # 61
        ("11", "1"): 1, ("11", "2"): 1,
        ("12", "1"): 1,
        ("13", "1"): 1, ("13", "2"): 1,
        ("14", "1"): 1, ("14", "2"): 1,  # exactly 5 years
        ("15", "1"): 1,  # exactly 10 years goes to "10 năm trở lên"
    }  # fmt: skip
    failed = [r for r in engine.run_checks(report) if not r.ok]
    assert len(failed) == 1 and "08–12" in failed[0].check.label
    assert [f.label for f in failed[0].faults] == ["Lê Thị Ba"]


def test_a_department_sees_its_subtree_only(stats_data, tree):
    assert report_for(tree.syt, "0603", 2025).cell("01", "1") == 2  # An and Bình, not Chi/SGD
    assert report_for(tree.syt, "0602", 2025).cell("01", "1") == 4
    assert report_for(tree.syt, "0601", 2025).cell("01", "1") == 2  # m2, m3
    assert report_for(tree.hatinh, "0602", 2025).cell("01", "1") == 1  # Dũng's BK_TTG


def test_province_figure_is_the_sum_of_its_units(stats_data, tree):
    for code in ("0601", "0602", "0603", "0604", "0605"):
        whole = report_for(tree.hanoi, code, 2025)
        children = [tree.syt, tree.sgd]
        own = {  # records of the province's own unit (not in a child's subtree)
            "0601": 1, "0602": 0, "0603": 0, "0604": 2, "0605": 2,
        }[code]  # fmt: skip
        assert whole.cell("01", "1") == own + sum(
            report_for(u, code, 2025).cell("01", "1") for u in children
        ), code


def test_register_keeps_position_at_the_decision_date(stats_data, tree, people):
    people.an.is_leader = False
    people.an.is_direct_worker = True
    people.an.save()
    report = report_for(tree.hanoi, "0602", 2025)
    assert report.cell("11", "1") == 1  # still counted as a department leader
    assert report.cell("14", "1") == 1


def test_period_boundaries_and_buckets():
    from vinhdanh.reports.engine import Period, age_bucket, duration_bucket, seniority_bucket

    p = Period(2025)
    assert (p.start, p.end) == (dt.date(2024, 12, 1), dt.date(2025, 11, 30))
    D = dt.date
    assert duration_bucket(D(2025, 1, 1), D(2025, 12, 30)) == "LT1"
    assert duration_bucket(D(2025, 1, 1), D(2025, 12, 31)) == "EQ1"
    assert duration_bucket(D(2025, 1, 1), D(2026, 1, 1)) == "1TO3"
    assert duration_bucket(D(2025, 1, 1), D(2027, 12, 31)) == "3TO5"
    assert duration_bucket(D(2025, 1, 1), D(2029, 12, 31)) == "GE5"
    assert age_bucket(D(1995, 11, 30), D(2025, 11, 30)) == "LE30"
    assert age_bucket(D(1994, 11, 30), D(2025, 11, 30)) == "31_40"
    assert seniority_bucket(D(2020, 12, 1), D(2025, 11, 30)) == "LT5"


def test_unknown_form_and_year_are_refused_with_a_message(tree):
    from vinhdanh.reports.selectors import ReportError

    with pytest.raises(ReportError, match="Không có biểu 0609"):
        report_for(tree.hanoi, "0609", 2025)
    with pytest.raises(ReportError, match="Chưa có mẫu biểu 0601 cho năm 2020"):
        report_for(tree.hanoi, "0601", 2020)
    with pytest.raises(ReportError, match="Năm báo cáo 1990 không hợp lệ"):
        report_for(tree.hanoi, "0601", 1990)


@pytest.mark.parametrize("code", ["0601", "0602", "0603", "0604", "0605"])
def test_each_form_is_two_queries_whatever_the_volume(code, tree, django_assert_num_queries):
    from tests.factories import PersonFactory
    from vinhdanh.registry.models import HonourRecord

    hanoi = type(tree.hanoi).objects.get(pk=tree.hanoi.pk)
    with django_assert_num_queries(2):  # the unit's ancestors, the GROUP BY
        report_for(hanoi, code, 2025)
    people = PersonFactory.create_batch(30, unit=tree.syt)
    HonourRecord.objects.bulk_create(
        HonourRecord(
            person=p, honour_id=c, achievement_year=2025, decision_date=dt.date(2025, 5, 5)
        )
        for p in people
        for c in ("HCLD3", "BK_TTG", "BK_TINH", "KNC")
    )
    with django_assert_num_queries(2):
        report_for(hanoi, code, 2025)
