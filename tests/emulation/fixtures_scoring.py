"""Helpers for scoring tests: a small table for Khối 9 (built directly, then opened)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from vinhdanh.emulation.enums import CriterionKind, CrossScoringMethod, ScoringStatus
from vinhdanh.emulation.models import Criterion, Score, ScoringTable

D = Decimal


def make_table(
    bloc,
    *,
    method=CrossScoringMethod.AVERAGE_OTHERS,
    status=ScoringStatus.OPEN,
    tie_break=(),
    version=1,
):
    """I (group): 1.1 max 10, 1.2 max 10; II (group): 2.1 max 20; T (bonus group, cap 5): T1 max 3,
    T2 max 3; P (penalty, no cap): P1 max 4."""
    table = ScoringTable.objects.create(bloc=bloc, version=version, name="Bảng điểm 2024", method=method, status=status,
                                        tie_break=list(tie_break))  # fmt: skip

    def c(code, name, kind, mx, parent=None, pos=0):
        return Criterion.objects.create(
            table=table,
            code=code,
            name=name,
            kind=kind,
            max_points=D(mx),
            parent=parent,
            position=pos,
        )

    g1 = c("I", "Thực hiện nhiệm vụ", CriterionKind.GROUP, 20, pos=0)
    c11 = c("1.1", "Hoàn thành kế hoạch", CriterionKind.CRITERION, 10, g1, 0)
    c12 = c("1.2", "Cải cách hành chính", CriterionKind.CRITERION, 10, g1, 1)
    g2 = c("II", "Phong trào thi đua", CriterionKind.GROUP, 20, pos=1)
    c21 = c("2.1", "Mô hình mới", CriterionKind.CRITERION, 20, g2, 0)
    gb = c("T", "Điểm thưởng", CriterionKind.GROUP, 5, pos=2)
    b1 = c("T1", "Bằng khen Thủ tướng", CriterionKind.BONUS, 3, gb, 0)
    b2 = c("T2", "Sáng kiến cấp tỉnh", CriterionKind.BONUS, 3, gb, 1)
    p1 = c("P1", "Chậm báo cáo", CriterionKind.PENALTY, 4, pos=3)
    return SimpleNamespace(table=table, g1=g1, c11=c11, c12=c12, g2=g2, c21=c21, gb=gb, b1=b1, b2=b2, p1=p1,
                           leaves=[c11, c12, c21, b1, b2, p1])  # fmt: skip


def score_rows(t, member, scorer, values, *, panel=False):
    """values: list aligned with t.leaves (None = not scored)."""
    rows = [
        Score(
            table=t.table,
            criterion=c,
            member=member,
            scorer=None if panel else scorer,
            is_panel=panel,
            points=D(str(v)),
        )
        for c, v in zip(t.leaves, values, strict=True)
        if v is not None
    ]
    Score.objects.bulk_create(rows)


def lock_explained(actor, table, reason="Đơn vị vắng mặt, không chấm"):
    """Record ``reason`` for every sheet still missing, then lock (the lock refuses otherwise)."""
    from vinhdanh.emulation.selectors.scoring import missing_sheets
    from vinhdanh.emulation.services import scoring as svc

    svc.record_missing_reasons(actor, table, {m.key: reason for m in missing_sheets(table)})
    return svc.lock_table(actor, table)
