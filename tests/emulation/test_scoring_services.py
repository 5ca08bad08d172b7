"""Scoring services and the ranking: bounds, totals, methods, caps, ties, deadline, lock,
reopen, versions and every SCORING_TRANSITIONS transition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.emulation.fixtures_scoring import (
    D,
    lock_explained,
    make_table,
    score_rows,
)
from tests.factories import PersonFactory
from tests.files import PDF
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry
from vinhdanh.emulation.enums import (
    SCORING_TRANSITIONS,
    CriterionKind,
    CrossScoringMethod,
    ScoringStatus,
    TieBreak,
)
from vinhdanh.emulation.models import (
    Bloc,
    BlocMember,
    Criterion,
    RankingResult,
    Score,
    ScoreEvidence,
    ScoringTable,
)
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.selectors.scoring import (
    compute_ranking,
    criteria_tree,
    max_total,
    sheet_totals,
)
from vinhdanh.emulation.services import scoring as svc

pytestmark = pytest.mark.django_db


def audits(obj, action=None):
    qs = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return qs.filter(action=action) if action else qs


# --- sheets: bounds and totals ---------------------------------------------------------------


def test_save_sheet_above_maximum_refused_with_message(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError, match="Điểm tiêu chí 1.2 không được vượt quá 10"):
        svc.save_sheet(
            khoi9.sgd_officer,
            t.table,
            khoi9.sgd,
            scorer=khoi9.sgd,
            points={t.c11.pk: D(5), t.c12.pk: D("10.5")},
        )
    assert not Score.objects.exists()


def test_save_sheet_negative_refused_with_message(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError, match="Điểm tiêu chí 1.1 không được nhỏ hơn 0"):
        svc.save_sheet(
            khoi9.sgd_officer, t.table, khoi9.sgd, scorer=khoi9.sgd, points={t.c11.pk: D(-1)}
        )
    assert not Score.objects.exists()


def test_save_sheet_group_cannot_be_scored(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError, match="nhóm không có điểm riêng"):
        svc.save_sheet(
            khoi9.sgd_officer, t.table, khoi9.sgd, scorer=khoi9.sgd, points={t.g1.pk: D(5)}
        )


def test_save_sheet_writes_updates_removes_and_audits(khoi9):
    t = make_table(khoi9.bloc)
    svc.save_sheet(khoi9.sgd_officer, t.table, khoi9.sgd, scorer=khoi9.sgd, points={t.c11.pk: D(8), t.c12.pk: D(7)},
                   notes={t.c11.pk: "Đủ minh chứng"})  # fmt: skip
    assert dict(Score.objects.values_list("criterion_id", "points")) == {
        t.c11.pk: D(8),
        t.c12.pk: D(7),
    }
    svc.save_sheet(
        khoi9.sgd_officer,
        t.table,
        khoi9.sgd,
        scorer=khoi9.sgd,
        points={t.c11.pk: D(9), t.c12.pk: None},
    )
    assert dict(Score.objects.values_list("criterion_id", "points")) == {t.c11.pk: D(9)}
    entry = audits(t.table).order_by("-id").first()
    assert entry.changes == {"1.1": ["8.00", "9"], "1.2": ["7.00", None]}
    assert "Sở Giáo dục" in entry.note


def test_sheet_totals_computed_groups_sum_children_and_caps(khoi9):
    t = make_table(khoi9.bloc)
    nodes = criteria_tree(t.table)
    totals = sheet_totals(
        nodes,
        {
            t.c11.pk: D(8),
            t.c12.pk: D(7),
            t.c21.pk: D(15),
            t.b1.pk: D(3),
            t.b2.pk: D(3),
            t.p1.pk: D(2),
        },
    )
    assert totals.groups[t.g1.pk] == D(15)
    assert totals.groups[t.g2.pk] == D(15)
    assert totals.base == D(30)
    assert totals.bonus == D(5)  # 3 + 3 capped by the bonus group's 5
    assert totals.penalty == D(2)
    assert totals.total == D(33)
    assert max_total(nodes) == D(45)  # 40 criteria + 5 bonus cap


def test_officer_cannot_score_for_another_member(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError):
        svc.save_sheet(
            khoi9.sgd_officer, t.table, khoi9.skhcn, scorer=khoi9.skhcn, points={t.c11.pk: D(5)}
        )


def test_other_bloc_officer_cannot_score(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError):
        svc.save_sheet(
            khoi9.other_bloc_officer, t.table, khoi9.sgd, scorer=khoi9.sxd, points={t.c11.pk: D(5)}
        )
    assert not Score.objects.exists()


# --- ranking ---------------------------------------------------------------------------------


def test_ranking_excludes_own_score_from_average(khoi9):
    t = make_table(khoi9.bloc)
    sgd, skhcn, syt = khoi9.sgd, khoi9.skhcn, khoi9.syt
    score_rows(t, sgd, sgd, [10, 10, 20, 3, 3, None])  # self: 40 + 5 = 45
    score_rows(t, sgd, skhcn, [8, 8, 14, None, None, None])  # 30
    score_rows(t, sgd, syt, [6, 6, 8, 1, None, 2])  # 20 + 1 - 2 = 19
    rows = {r.unit.pk: r for r in compute_ranking(t.table)}
    r = rows[sgd.pk]
    assert r.self_total == D("45.00")
    assert r.cross_total == D("25.00")  # (30 + 20) / 2
    assert r.bonus == D("0.50") and r.penalty == D("1.00")
    assert r.final == D("24.50")
    assert r.scorers == 2


def test_ranking_bonus_cap_applies_per_scorer(khoi9):
    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [10, 10, 20, 3, 3, None])
    r = next(r for r in compute_ranking(t.table) if r.unit == khoi9.sgd)
    assert r.bonus == D(5) and r.final == D(45)


def test_ranking_panel_method_uses_panel_sheet_only(khoi9):
    t = make_table(khoi9.bloc, method=CrossScoringMethod.PANEL)
    score_rows(t, khoi9.sgd, khoi9.sgd, [10, 10, 20, None, None, None])
    score_rows(t, khoi9.sgd, khoi9.syt, [1, 1, 1, None, None, None])  # ignored under PANEL
    score_rows(t, khoi9.sgd, None, [7, 7, 10, 2, None, 1], panel=True)
    r = next(r for r in compute_ranking(t.table) if r.unit == khoi9.sgd)
    assert (r.self_total, r.cross_total, r.final, r.scorers) == (D(40), D(24), D(25), 1)


def test_panel_entered_by_head_only(khoi9):
    t = make_table(khoi9.bloc, method=CrossScoringMethod.PANEL)
    with pytest.raises(EmulationError):
        svc.save_sheet(khoi9.sgd_officer, t.table, khoi9.skhcn, panel=True, points={t.c11.pk: D(5)})
    with pytest.raises(EmulationError, match="chỉ tự chấm"):
        svc.save_sheet(
            khoi9.sgd_officer, t.table, khoi9.skhcn, scorer=khoi9.sgd, points={t.c11.pk: D(5)}
        )
    svc.save_sheet(khoi9.head_officer, t.table, khoi9.skhcn, panel=True, points={t.c11.pk: D(5)})
    s = Score.objects.get()
    assert s.is_panel and s.scorer_id is None and s.member_id == khoi9.skhcn.pk


def _tied(khoi9, tie_break):
    """SGD and SKHCN both end at 30; SGD has more bonus, SKHCN fewer penalties and a higher self score."""
    t = make_table(khoi9.bloc, tie_break=tie_break)
    score_rows(t, khoi9.sgd, khoi9.syt, [10, 10, 10, 2, None, 2])  # 30 + 2 - 2 = 30
    score_rows(t, khoi9.skhcn, khoi9.syt, [10, 10, 10, None, None, None])  # 30
    score_rows(t, khoi9.skhcn, khoi9.skhcn, [10, 10, 20, None, None, None])
    return t


def test_tie_broken_in_configured_order(khoi9):
    t = _tied(khoi9, [TieBreak.MORE_BONUS, TieBreak.FEWER_PENALTIES])
    top = compute_ranking(t.table)[:2]
    assert [r.unit for r in top] == [khoi9.sgd, khoi9.skhcn]
    assert [r.rank for r in top] == [1, 2]
    assert "Nhiều điểm thưởng hơn" in top[0].tie_note
    t.table.tie_break = [TieBreak.FEWER_PENALTIES, TieBreak.MORE_BONUS]
    assert [r.unit for r in compute_ranking(t.table)[:2]] == [khoi9.skhcn, khoi9.sgd]


def test_tie_female_share_rule_applies_last(khoi9):
    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [10, 10, 10, None, None, None])
    score_rows(t, khoi9.skhcn, khoi9.syt, [10, 10, 10, None, None, None])
    # SKHCN (after SGD by Vietnamese name order) has 3 of 4 women: 75 % ≥ 70 %
    for gender in ("female", "female", "female", "male"):
        PersonFactory(unit=khoi9.skhcn, gender=gender)
    PersonFactory(unit=khoi9.sgd, gender="female")
    PersonFactory(unit=khoi9.sgd, gender="male")
    top = compute_ranking(t.table)[:2]
    assert [r.unit for r in top] == [khoi9.skhcn, khoi9.sgd]
    assert top[0].female_share == Decimal("0.750")
    assert "Tỷ lệ nữ" in top[0].tie_note
    # A recorded share on the member wins over the people count.
    BlocMember.objects.filter(bloc=khoi9.bloc, unit=khoi9.sgd).update(female_share=Decimal("0.800"))
    BlocMember.objects.filter(bloc=khoi9.bloc, unit=khoi9.skhcn).update(
        female_share=Decimal("0.100")
    )
    assert [r.unit for r in compute_ranking(t.table)[:2]] == [khoi9.sgd, khoi9.skhcn]


def test_full_tie_shares_rank(khoi9):
    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [5, 5, 5, None, None, None])
    score_rows(t, khoi9.skhcn, khoi9.syt, [5, 5, 5, None, None, None])
    top = compute_ranking(t.table)[:2]
    assert [r.rank for r in top] == [1, 1]
    assert "Bằng điểm và mọi tiêu chí phụ" in top[0].tie_note


# --- deadline, lock, reopen ------------------------------------------------------------------


def test_deadline_passed_refuses_writes_for_everyone(khoi9):
    t = make_table(khoi9.bloc)
    t.table.deadline = timezone.now() - dt.timedelta(minutes=1)
    t.table.save()
    for user, unit in (
        (khoi9.sgd_officer, khoi9.sgd),
        (khoi9.head_officer, khoi9.syt),
        (khoi9.city_officer, khoi9.sgd),
    ):
        with pytest.raises(EmulationError, match="quá hạn"):
            svc.save_sheet(user, t.table, unit, scorer=unit, points={t.c11.pk: D(5)})
    assert not Score.objects.exists()


def test_lock_refuses_writes_and_stores_ranking(khoi9):
    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [9, 9, 9, None, None, None])
    lock_explained(khoi9.head_officer, t.table)
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.LOCKED and t.table.locked_at
    results = list(RankingResult.objects.filter(table=t.table).order_by("rank"))
    assert (
        len(results) == 5
        and results[0].member_id == khoi9.sgd.pk
        and results[0].final_total == D(27)
    )
    with pytest.raises(EmulationError, match="Đã khóa"):
        svc.save_sheet(
            khoi9.sgd_officer, t.table, khoi9.sgd, scorer=khoi9.sgd, points={t.c11.pk: D(5)}
        )
    # Lock again after a reopen: results replaced, not added.
    svc.reopen_table(khoi9.head_officer, t.table, reason="Bổ sung minh chứng")
    lock_explained(khoi9.head_officer, t.table)
    assert RankingResult.objects.filter(table=t.table).count() == 5


def test_lock_by_member_officer_refused(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError):
        svc.lock_table(khoi9.sgd_officer, t.table)
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN


def test_reopen_needs_reason_and_is_audited(khoi9):
    t = make_table(khoi9.bloc, status=ScoringStatus.LOCKED)
    with pytest.raises(EmulationError, match="lý do"):
        svc.reopen_table(khoi9.head_officer, t.table, reason="  ")
    with pytest.raises(EmulationError):
        svc.reopen_table(khoi9.sgd_officer, t.table, reason="Xin mở lại")
    svc.reopen_table(khoi9.head_officer, t.table, reason="Sở GD&ĐT bổ sung hồ sơ")
    t.table.refresh_from_db()
    assert (
        t.table.status == ScoringStatus.OPEN and t.table.reopen_reason == "Sở GD&ĐT bổ sung hồ sơ"
    )
    entry = audits(t.table).order_by("-id").first()
    assert entry.changes["status"] == ["locked", "open"]
    assert "Sở GD&ĐT bổ sung hồ sơ" in entry.note


def test_reopen_after_deadline_needs_new_deadline(khoi9):
    t = make_table(khoi9.bloc, status=ScoringStatus.LOCKED)
    t.table.deadline = timezone.now() - dt.timedelta(days=1)
    t.table.save()
    with pytest.raises(EmulationError, match="hạn chấm mới"):
        svc.reopen_table(khoi9.head_officer, t.table, reason="Bổ sung")
    svc.reopen_table(
        khoi9.head_officer,
        t.table,
        reason="Bổ sung",
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN


# --- versions, copies and the draft tree -----------------------------------------------------


def test_edit_open_table_makes_v2_and_open_supersedes_v1(khoi9):
    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [9, 9, 9, None, None, None])
    v2 = svc.new_version(khoi9.head_officer, t.table)
    assert (v2.version, v2.status, v2.copied_from_id) == (2, ScoringStatus.DRAFT, t.table.pk)
    assert Criterion.objects.filter(table=v2).count() == 9
    assert not Score.objects.filter(table=v2).exists()
    child = Criterion.objects.get(table=v2, code="1.1")
    assert child.parent.code == "I" and child.parent.table_id == v2.pk
    with pytest.raises(EmulationError, match="đang soạn"):
        svc.new_version(khoi9.head_officer, t.table)
    svc.add_criterion(khoi9.head_officer, v2, code="2.2", name="Tiêu chí mới", kind=CriterionKind.CRITERION,
                      max_points=D(5), parent=Criterion.objects.get(table=v2, code="II"))  # fmt: skip
    svc.open_table(khoi9.head_officer, v2)
    t.table.refresh_from_db()
    v2.refresh_from_db()
    assert t.table.status == ScoringStatus.SUPERSEDED and v2.status == ScoringStatus.OPEN
    assert Score.objects.filter(table=t.table).count() == 3  # v1's scores kept
    assert audits(t.table, "update").filter(changes__status=["open", "superseded"]).exists()


def test_open_refused_while_previous_locked(khoi9):
    t = make_table(khoi9.bloc, status=ScoringStatus.LOCKED)
    v2 = svc.new_version(khoi9.head_officer, t.table)
    with pytest.raises(EmulationError, match="đang khóa"):
        svc.open_table(khoi9.head_officer, v2)


def test_table_in_use_not_edited_in_place(khoi9):
    t = make_table(khoi9.bloc)
    with pytest.raises(EmulationError, match="Sửa bảng điểm"):
        svc.add_criterion(
            khoi9.head_officer,
            t.table,
            code="9",
            name="X",
            kind=CriterionKind.CRITERION,
            max_points=D(1),
        )
    with pytest.raises(EmulationError, match="Sửa bảng điểm"):
        svc.update_criterion(khoi9.head_officer, t.c11, max_points=D(20))
    with pytest.raises(EmulationError, match="Sửa bảng điểm"):
        svc.delete_criterion(khoi9.head_officer, t.c11)
    t.c11.refresh_from_db()
    assert t.c11.max_points == D(10)


def test_draft_criteria_add_edit_move_delete_audited(khoi9):
    table = svc.create_table(
        khoi9.head_officer, khoi9.bloc, name="Bảng điểm 2024", tie_break=["more_bonus"]
    )
    g = svc.add_criterion(
        khoi9.head_officer,
        table,
        code="I",
        name="Nhóm I",
        kind=CriterionKind.GROUP,
        max_points=D(20),
    )
    a = svc.add_criterion(
        khoi9.head_officer,
        table,
        code="1.1",
        name="A",
        kind=CriterionKind.CRITERION,
        max_points=D(10),
        parent=g,
    )
    b = svc.add_criterion(
        khoi9.head_officer,
        table,
        code="1.2",
        name="B",
        kind=CriterionKind.CRITERION,
        max_points=D(10),
        parent=g,
    )
    assert (a.position, b.position) == (0, 1)
    svc.move_criterion(khoi9.head_officer, b, -1)
    assert [c.code for c in Criterion.objects.filter(parent=g).order_by("position")] == [
        "1.2",
        "1.1",
    ]
    svc.update_criterion(khoi9.head_officer, a, name="A sửa", max_points=D(8))
    a.refresh_from_db()
    assert (a.name, a.max_points) == ("A sửa", D(8))
    with pytest.raises(EmulationError, match="chính nó"):
        svc.update_criterion(khoi9.head_officer, g, parent=g)
    g_id = g.pk
    svc.delete_criterion(khoi9.head_officer, g)
    assert not Criterion.objects.filter(table=table).exists()
    assert audits(a, "update").exists()
    assert AuditEntry.objects.filter(
        object_type="emulation.criterion", object_id=str(g_id), action="delete"
    ).exists()
    with pytest.raises(EmulationError, match="đã có bảng điểm"):
        svc.create_table(khoi9.head_officer, khoi9.bloc, name="Bảng thứ hai")


def test_open_empty_table_refused(khoi9):
    table = svc.create_table(khoi9.head_officer, khoi9.bloc, name="Bảng trống")
    with pytest.raises(EmulationError, match="chưa có tiêu chí"):
        svc.open_table(khoi9.head_officer, table)


def test_copy_to_next_year(khoi9):
    t = make_table(khoi9.bloc, status=ScoringStatus.LOCKED)
    with pytest.raises(EmulationError, match="khối năm sau"):
        svc.copy_to_next_year(khoi9.head_officer, t.table)
    nxt = Bloc.objects.create(owner=khoi9.hanoi, name="Khối thi đua số 9", abbreviation="KTĐ9", year=2025, head=khoi9.svhtt,
                              previous=khoi9.bloc)  # fmt: skip
    copy = svc.copy_to_next_year(khoi9.city_officer, t.table)
    assert (copy.bloc_id, copy.version, copy.status, copy.copied_from_id) == (
        nxt.pk,
        1,
        ScoringStatus.DRAFT,
        t.table.pk,
    )
    assert Criterion.objects.filter(table=copy).count() == 9


def test_update_settings_open_only_name_and_deadline(khoi9):
    t = make_table(khoi9.bloc)
    deadline = timezone.now() + dt.timedelta(days=5)
    svc.update_table(khoi9.head_officer, t.table, name="Bảng mới", deadline=deadline)
    with pytest.raises(EmulationError, match="phiên bản mới"):
        svc.update_table(khoi9.head_officer, t.table, method=CrossScoringMethod.PANEL)
    t.table.refresh_from_db()
    assert t.table.name == "Bảng mới" and t.table.method == CrossScoringMethod.AVERAGE_OTHERS


def test_evidence_stored_for_own_member(khoi9, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    t = make_table(khoi9.bloc)
    ev = svc.add_evidence(
        khoi9.sgd_officer,
        t.table,
        khoi9.sgd,
        t.c11,
        bytes_upload(PDF, "minh-chung.pdf"),
    )
    assert ScoreEvidence.objects.get().file.sha256 == ev.file.sha256
    with pytest.raises(EmulationError):
        svc.add_evidence(khoi9.skhcn_officer, t.table, khoi9.sgd, t.c11, bytes_upload(PDF, "x.pdf"))


# --- every transition ------------------------------------------------------------------------

ACTIONS = {
    ScoringStatus.OPEN: lambda k, table: (
        svc.open_table(k.head_officer, table)
        if table.status == ScoringStatus.DRAFT
        else svc.reopen_table(k.head_officer, table, reason="Mở lại để bổ sung")
    ),  # fmt: skip
    ScoringStatus.LOCKED: lambda k, table: (
        lock_explained(k.head_officer, table)
        if table.status == ScoringStatus.OPEN
        else svc.lock_table(k.head_officer, table)
    ),
    ScoringStatus.SUPERSEDED: None,  # by opening a newer version, below
}


@pytest.mark.parametrize("start", list(ScoringStatus.values))
@pytest.mark.parametrize("to", [ScoringStatus.OPEN, ScoringStatus.LOCKED])
def test_scoring_transition_allowed_or_refused(khoi9, start, to):
    t = make_table(khoi9.bloc, status=start)
    allowed = to in SCORING_TRANSITIONS[start]
    if allowed:
        ACTIONS[to](khoi9, t.table)
        t.table.refresh_from_db()
        assert t.table.status == to
        assert audits(t.table, "update").filter(changes__status=[start, to]).exists()
    else:
        with pytest.raises(EmulationError):
            ACTIONS[to](khoi9, t.table)
        t.table.refresh_from_db()
        assert t.table.status == start
        assert not audits(t.table, "update").exists()


@pytest.mark.parametrize("start", list(ScoringStatus.values))
def test_superseded_transition_only_from_open(khoi9, start):
    t = make_table(khoi9.bloc, status=start)
    draft = ScoringTable.objects.create(bloc=khoi9.bloc, version=2, name="v2", copied_from=t.table)
    Criterion.objects.create(
        table=draft, code="1", name="A", kind=CriterionKind.CRITERION, max_points=D(1)
    )
    if start == ScoringStatus.LOCKED:
        with pytest.raises(EmulationError):
            svc.open_table(khoi9.head_officer, draft)
    else:
        svc.open_table(khoi9.head_officer, draft)
    t.table.refresh_from_db()
    expected = (
        ScoringStatus.SUPERSEDED
        if ScoringStatus.SUPERSEDED in SCORING_TRANSITIONS[start]
        else start
    )
    assert t.table.status == expected
    assert audits(t.table, "update").filter(
        changes__status=[start, ScoringStatus.SUPERSEDED]
    ).exists() == (expected != start)


def _xlsx(rows):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(svc.IMPORT_COLUMNS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_import_criteria_from_xlsx(khoi9):
    table = svc.create_table(khoi9.head_officer, khoi9.bloc, name="Bảng điểm 2024")
    n = svc.import_criteria(khoi9.head_officer, table, _xlsx([
        ["1.1", "Hoàn thành kế hoạch", "Tiêu chí", 20, "I", "Đủ: 20"],  # child before its group
        ["I", "Thực hiện nhiệm vụ", "Nhóm tiêu chí", 40, None, None],
        ["T1", "Cờ thi đua Chính phủ", "Điểm thưởng", "2,5", None, None],
    ]))  # fmt: skip
    assert n == 3
    c = Criterion.objects.get(table=table, code="1.1")
    assert (c.parent.code, c.max_points, c.guidance, c.kind) == (
        "I",
        D(20),
        "Đủ: 20",
        CriterionKind.CRITERION,
    )
    assert Criterion.objects.get(table=table, code="T1").max_points == D("2.5")


def test_import_criteria_wrong_row_writes_nothing(khoi9):
    table = svc.create_table(khoi9.head_officer, khoi9.bloc, name="Bảng điểm 2024")
    with pytest.raises(EmulationError, match="Dòng 3: loại “khác” không hợp lệ"):
        svc.import_criteria(
            khoi9.head_officer,
            table,
            _xlsx([["1", "A", "Tiêu chí", 5, None, None], ["2", "B", "khác", 5, None, None]]),
        )
    with pytest.raises(EmulationError, match="nhóm cha “X”"):
        svc.import_criteria(
            khoi9.head_officer, table, _xlsx([["1", "A", "Tiêu chí", 5, "X", None]])
        )
    assert not Criterion.objects.filter(table=table).exists()
