"""Locking a scoring table with missing sheets: refused until the bloc head records a reason for
each missing self-score / cross / panel sheet; reasons stored, audited, shown on the ranking."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.emulation.fixtures_scoring import make_table, score_rows
from vinhdanh.core.models import AuditEntry
from vinhdanh.emulation.enums import CrossScoringMethod, ScoringStatus
from vinhdanh.emulation.models import MissingSheetReason, RankingResult
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.selectors.scoring import missing_sheets
from vinhdanh.emulation.services import scoring as svc

pytestmark = pytest.mark.django_db

FULL = [5, 5, 5, None, None, None]


def _fill_all(k, t, *, skip=()):
    """Every member scores itself and every other member, except the (scorer, member) in skip."""
    for member in k.members:
        for scorer in k.members:
            if (scorer, member) not in skip:
                score_rows(t, member, scorer, FULL)


def test_lock_refused_naming_missing_self_and_cross_sheets(khoi9):
    t = make_table(khoi9.bloc)
    _fill_all(k := khoi9, t, skip={(k.sgd, k.sgd), (k.skhcn, k.svhtt)})
    with pytest.raises(EmulationError) as exc:
        svc.lock_table(khoi9.head_officer, t.table)
    text = str(exc.value)
    assert "còn thiếu 2 phiếu chấm" in text
    assert f"phiếu tự chấm của {k.sgd.name}" in text
    assert f"phiếu chấm chéo {k.skhcn.name} → {k.svhtt.name}" in text
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN and not RankingResult.objects.exists()


def test_lock_with_every_sheet_needs_no_reason(khoi9):
    t = make_table(khoi9.bloc)
    _fill_all(khoi9, t)
    assert missing_sheets(t.table) == []
    svc.lock_table(khoi9.head_officer, t.table)
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.LOCKED and RankingResult.objects.count() == 5


def test_lock_allowed_after_reasons_which_are_stored_and_audited(khoi9):
    k = khoi9
    t = make_table(k.bloc)
    _fill_all(k, t, skip={(k.sgd, k.sgd), (k.skhcn, k.svhtt)})
    keys = {m.key: m for m in missing_sheets(t.table)}
    assert set(keys) == {f"{k.sgd.pk}-{k.sgd.pk}", f"{k.svhtt.pk}-{k.skhcn.pk}"}
    # One reason is not enough.
    svc.record_missing_reasons(
        k.head_officer, t.table, {f"{k.sgd.pk}-{k.sgd.pk}": "Sở GD&ĐT không nộp phiếu tự chấm"}
    )
    with pytest.raises(EmulationError, match=f"chấm chéo {k.skhcn.name}"):
        svc.lock_table(k.head_officer, t.table)
    svc.record_missing_reasons(
        k.head_officer, t.table, {f"{k.svhtt.pk}-{k.skhcn.pk}": "Sở KH&CN vắng họp chấm"}
    )
    svc.lock_table(k.head_officer, t.table)
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.LOCKED
    stored = {
        (r.member_id, r.scorer_id): r.reason
        for r in MissingSheetReason.objects.filter(table=t.table)
    }
    assert stored == {
        (k.sgd.pk, k.sgd.pk): "Sở GD&ĐT không nộp phiếu tự chấm",
        (k.svhtt.pk, k.skhcn.pk): "Sở KH&CN vắng họp chấm",
    }
    entries = AuditEntry.objects.filter(object_type="emulation.missingsheetreason")
    assert {tuple(e.changes["reason"]) for e in entries} == {
        (None, "Sở GD&ĐT không nộp phiếu tự chấm"),
        (None, "Sở KH&CN vắng họp chấm"),
    }
    lock = AuditEntry.objects.filter(
        object_type="emulation.scoringtable", changes__status=["open", "locked"]
    ).get()
    assert "Sở KH&CN vắng họp chấm" in lock.note
    # Changing a reason keeps before/after.
    svc.reopen_table(k.head_officer, t.table, reason="Xem lại")
    svc.record_missing_reasons(
        k.head_officer, t.table, {f"{k.sgd.pk}-{k.sgd.pk}": "Nộp muộn, không tính"}
    )
    changed = entries.filter(action="update").get()
    assert changed.changes["reason"] == ["Sở GD&ĐT không nộp phiếu tự chấm", "Nộp muộn, không tính"]


def test_reasons_only_by_head_and_only_for_missing_sheets(khoi9):
    k = khoi9
    t = make_table(k.bloc)
    _fill_all(k, t, skip={(k.sgd, k.sgd)})
    with pytest.raises(EmulationError):
        svc.record_missing_reasons(k.sgd_officer, t.table, {f"{k.sgd.pk}-{k.sgd.pk}": "x"})
    with pytest.raises(EmulationError, match="không còn thiếu"):
        svc.record_missing_reasons(k.head_officer, t.table, {f"{k.syt.pk}-{k.syt.pk}": "x"})
    assert not MissingSheetReason.objects.exists()


def test_panel_method_requires_panel_and_self_sheets(khoi9):
    k = khoi9
    t = make_table(k.bloc, method=CrossScoringMethod.PANEL)
    for m in k.members:
        score_rows(t, m, m, FULL)
        if m != k.sgd:
            score_rows(t, m, None, FULL, panel=True)
    missing = missing_sheets(t.table)
    assert [(m.member, m.panel) for m in missing] == [(k.sgd, True)]
    with pytest.raises(EmulationError, match=f"tổ chấm → {k.sgd.name}"):
        svc.lock_table(k.head_officer, t.table)
    svc.record_missing_reasons(k.head_officer, t.table, {missing[0].key: "Tổ chấm chưa họp"})
    svc.lock_table(k.head_officer, t.table)
    assert MissingSheetReason.objects.get().is_panel


def test_lock_page_records_reasons_and_ranking_shows_them(login, khoi9):
    k = khoi9
    t = make_table(k.bloc)
    _fill_all(k, t, skip={(k.sgd, k.sgd), (k.skhcn, k.svhtt)})
    client = login(k.head_officer)
    url = reverse("emulation:scoring_lock", args=[k.bloc.pk, t.table.pk])
    page = client.get(url).content.decode()
    assert (
        f"Phiếu tự chấm của {k.sgd.name}" in page and f'name="r_{k.svhtt.pk}-{k.skhcn.pk}"' in page
    )
    # Without reasons: refused, message names the sheets.
    response = client.post(url, {})
    assert response.status_code == 200 and "còn thiếu 2 phiếu chấm" in response.content.decode()
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN
    results = reverse("emulation:scoring_results", args=[k.bloc.pk, t.table.pk])
    assert "Chưa ghi lý do" in client.get(results).content.decode()
    response = client.post(
        url,
        {f"r_{k.sgd.pk}-{k.sgd.pk}": "Không nộp phiếu", f"r_{k.svhtt.pk}-{k.skhcn.pk}": "Vắng họp"},
    )
    assert response.status_code == 302
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.LOCKED and MissingSheetReason.objects.count() == 2
    page = client.get(results).content.decode()
    assert "Không nộp phiếu" in page and "Vắng họp" in page
    assert f"Phiếu chấm chéo {k.skhcn.name} → {k.svhtt.name}" in page


def test_lock_page_refuses_member_officer_and_outsiders(client, login, khoi9, personas):
    k = khoi9
    t = make_table(k.bloc)
    url = reverse("emulation:scoring_lock", args=[k.bloc.pk, t.table.pk])
    assert client.get(url).status_code == 302  # anonymous → login
    assert login(personas.outsider).post(url, {}).status_code == 404
    assert login(k.other_bloc_officer).get(url).status_code == 404
    key = f"{k.sgd.pk}-{k.sgd.pk}"
    assert login(k.sgd_officer).post(url, {f"r_{key}": "x"}).status_code == 403
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN and not MissingSheetReason.objects.exists()
