"""General principles that apply to every target (RULES.md, "General principles")."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..codes import ND98, ND152, TO_CONFIRM
from ..registry import ANY, CONVENTION, TEXT, Message, Registry, Rule
from .common import LAW_FROM, ND152_FROM, Params

if TYPE_CHECKING:
    from ..engine import Subject


def pending_review(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Principle 1, NĐ 152/2025 Điều 4 khoản 4: no commendation while a case is unresolved."""
    if s.h.pending_review:
        return False, (
            "Không được khen thưởng khi đang có vụ việc chưa giải quyết (xem xét kỷ luật, "
            "thanh tra, điều tra hoặc khiếu nại); hồ sơ: đang có vụ việc, tạm dừng xét đến "
            "khi có kết luận."
        )
    return True, (
        "Không được khen thưởng khi đang có vụ việc chưa giải quyết (xem xét kỷ luật, "
        "thanh tra, điều tra hoặc khiếu nại); hồ sơ: không có vụ việc đang chờ giải quyết."
    )


def register(registry: Registry) -> None:
    current = Rule(
        id="general.pending_review",
        target=ANY,
        kind=ANY,
        citation=f"{ND152}, Điều 4 khoản 4",
        confidence=TEXT,
        valid_from=ND152_FROM,
        description=(
            "Đang xem xét kỷ luật, thanh tra, điều tra hoặc giải quyết khiếu nại thì chưa "
            "khen thưởng (kết quả: tạm dừng)."
        ),
        check=pending_review,
    )
    # Before 01/7/2025 the same principle under NĐ 98/2023; its article was not re-read.
    registry.register(
        replace(
            current,
            citation=f"{ND98} {TO_CONFIRM}",
            confidence=CONVENTION,
            valid_from=LAW_FROM,
        )
    )
    registry.register(current)
