"""Council rules kept in one place, and the app's exception.

Quorum shares ([summary] provincial rules, RULES.md "Councils"): a council meets when at least
2/3 of its members are present; a commendation session (voting on nominees) needs at least 80%.
Thresholds are shares of ALL members whose term covers the meeting date (NĐ 98/2023 Điều 30).
"""

from __future__ import annotations

from fractions import Fraction

# [summary] provincial rules: at least 2/3 of members present for the council to meet.
MEETING_QUORUM = Fraction(2, 3)
# [summary] provincial rules: at least 80% of members present for a commendation (voting) session.
VOTING_QUORUM = Fraction(4, 5)
# Cited when a nominee's session lacked it (a provincial parameter; Bắc Ninh's text as example).
VOTING_QUORUM_CITATION = (
    "Quy chế hoạt động của Hội đồng, ví dụ QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 8 khoản 4 điểm b"
)
# Honours with no threshold in the catalogue: simple majority (> 1/2) of all members.
SIMPLE_MAJORITY = Fraction(1, 2)


class CouncilError(Exception):
    """A council action refused, with a Vietnamese message saying what to do."""


def quorum_met(present: int, total: int, share: Fraction) -> bool:
    """present / total >= share, computed on integers."""
    return total > 0 and present * share.denominator >= share.numerator * total
