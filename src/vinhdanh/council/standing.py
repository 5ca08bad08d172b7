"""Where a nominee stands after the council's ballot — the ONE guard the workflow calls.

A vote binds when the honour has a vote threshold (catalogue ``VoteThreshold``) in force on the
session date: yes votes must reach that share of ALL council members (absent members and
members without an account included), at a session that had its quorum. Below it the nominee
cannot be accepted, approved, forwarded or put on a decision (NĐ 152/2025 Điều 33 khoản 5;
before 01/7/2025 NĐ 98/2023 Điều 30 khoản 7; the citation is the threshold row's own).
Honours without a threshold follow the ballot's simple majority of all members; accepting
against it (or without a ballot) needs a written reason, kept on the nominee and printed in the
minutes.

``vote_standings`` is set-based (four queries whatever the number of nominees);
``vote_standing`` and ``nominee_may_be_decided`` are the one-nominee forms other apps call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count
from django.utils import timezone

from .enums import VOTING_QUORUM, VOTING_QUORUM_CITATION, quorum_met

REFUSED = "không thể công nhận"


def pct_text(num: int, den: int) -> str:
    """62,50% — two decimals, Vietnamese comma."""
    if den <= 0:
        return "0,00%"
    return f"{Decimal(num * 100) / Decimal(den):.2f}".replace(".", ",") + "%"


def share_text(share) -> str:
    """A threshold share as 80% (or 66,67% when not a whole percent)."""
    value = Decimal(str(share)) * 100
    if value == value.to_integral_value():
        return f"{int(value)}%"
    return f"{value:.2f}".replace(".", ",") + "%"


def reaches(yes: int, members: int, threshold) -> bool:
    """yes / members >= threshold, or > 1/2 when there is none; on integers."""
    if members <= 0:
        return False
    if threshold is None:
        return yes * 2 > members
    return yes * 100 >= int(Decimal(threshold) * 100) * members


@dataclass(frozen=True)
class VoteStanding:
    nominee_id: int
    name: str
    honour_code: str
    honour_name: str
    voted: bool  # a closed ballot exists
    ballot_open: bool
    session_date: dt.date | None
    meeting_id: int | None
    yes: int
    no: int
    paper_yes: int
    paper_no: int
    paper_invalid: int
    members: int
    present: int
    threshold: Decimal | None
    citation: str
    quorum_ok: bool
    passed: bool
    reason: str  # Vietnamese, empty when passed

    @property
    def binding(self) -> bool:
        return self.threshold is not None

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.yes, self.members) if self.members else None

    @property
    def share_text(self) -> str:
        return pct_text(self.yes, self.members)

    @property
    def threshold_text(self) -> str:
        return share_text(self.threshold) if self.threshold is not None else "quá nửa"

    @property
    def summary(self) -> str:
        """'5/8 (62,50%) — ngưỡng ≥ 80% tổng số thành viên' for pages and the minutes."""
        if not self.voted:
            return "Chưa có kết quả biểu quyết"
        need = (
            f"ngưỡng ≥ {self.threshold_text} tổng số thành viên"
            if self.binding
            else "cần quá nửa tổng số thành viên"
        )
        return f"{self.yes}/{self.members} đồng ý ({self.share_text}) — {need}"


def _thresholds(codes: set[str]) -> dict[str, list[tuple[dt.date, Decimal, str]]]:
    from vinhdanh.catalogue.models import VoteThreshold

    rows: dict[str, list] = {}
    for code, valid_from, share, citation in (
        VoteThreshold.objects.filter(honour_id__in=codes)
        .order_by("honour_id", "-valid_from")
        .values_list("honour_id", "valid_from", "share", "citation")
    ):
        rows.setdefault(code, []).append((valid_from, share, citation))
    return rows


def _in_force(rows, day: dt.date) -> tuple[Decimal | None, str]:
    for valid_from, share, citation in rows or ():
        if valid_from <= day:
            return share, citation
    return None, ""


def _effective_honour(nominee):
    from vinhdanh.nominations.enums import NomineeOutcome

    if nominee.outcome == NomineeOutcome.DOWNGRADED and nominee.downgraded_to_id:
        return nominee.downgraded_to
    return nominee.honour


def vote_standings(nominees, *, honours: dict | None = None) -> dict[int, VoteStanding]:
    """{nominee id: VoteStanding} for the nominees (person/unit/honour loaded by the caller).

    ``honours`` maps a nominee id to the honour to judge (default: the downgraded honour when
    the outcome is "downgraded", else the proposed one).
    """
    from .models import Attendance, NomineeBallot

    nominees = list(nominees)
    if not nominees:
        return {}
    honours = honours or {}
    judged = {n.pk: honours.get(n.pk) or _effective_honour(n) for n in nominees}
    latest: dict[int, NomineeBallot] = {}
    open_ids: set[int] = set()
    for b in (
        NomineeBallot.objects.filter(nominee__in=[n.pk for n in nominees])
        .select_related("meeting", "paper")
        .order_by("nominee_id", "closed_at", "pk")
    ):
        if b.is_open:
            open_ids.add(b.nominee_id)
        else:
            latest[b.nominee_id] = b
    present = dict(
        Attendance.objects.filter(meeting__in={b.meeting_id for b in latest.values()}, present=True)
        .values("meeting")
        .annotate(n=Count("pk"))
        .values_list("meeting", "n")
    )
    rows = _thresholds({h.pk for h in judged.values()})
    today = timezone.localdate()
    result = {}
    for n in nominees:
        honour = judged[n.pk]
        ballot = latest.get(n.pk)
        day = ballot.meeting.date if ballot else today
        threshold, citation = _in_force(rows.get(honour.pk), day)
        paper = getattr(ballot, "paper", None) if ballot else None
        members = ballot.total_members if ballot else 0
        here = present.get(ballot.meeting_id, 0) if ballot else 0
        yes = ballot.yes_votes if ballot else 0
        quorum_ok = bool(ballot) and quorum_met(here, members, VOTING_QUORUM)
        passed = bool(ballot) and quorum_ok and reaches(yes, members, threshold)
        name = n.display_name
        need = f"{share_text(threshold)} tổng số thành viên ({citation})" if threshold else ""
        if passed:
            reason = ""
        elif ballot is None:
            state = "đang biểu quyết, chưa kết thúc" if n.pk in open_ids else "chưa biểu quyết"
            reason = (
                f"{name}: Hội đồng {state}; {honour.name} cần ít nhất {need} đồng ý — {REFUSED}."
                if threshold
                else f"{name}: Hội đồng {state} — chưa có kết quả biểu quyết."
            )
        elif not quorum_ok:
            reason = (
                f"{name}: phiên họp ngày {day:%d/%m/%Y} chỉ có {here}/{members} thành viên có "
                f"mặt, dưới {share_text(Decimal(VOTING_QUORUM.numerator) / VOTING_QUORUM.denominator)}"
                f" tổng số thành viên cần cho phiên xét khen thưởng ({VOTING_QUORUM_CITATION})"
                + (f" — {REFUSED}." if threshold else ".")
            )
        elif threshold is not None:
            reason = (
                f"{name}: {yes}/{members} thành viên Hội đồng đồng ý ({pct_text(yes, members)}), "
                f"dưới ngưỡng {need} — {REFUSED}."
            )
        else:
            reason = (
                f"{name}: {yes}/{members} thành viên Hội đồng đồng ý ({pct_text(yes, members)}), "
                "không quá nửa tổng số thành viên — Hội đồng không thông qua."
            )
        result[n.pk] = VoteStanding(
            nominee_id=n.pk,
            name=name,
            honour_code=honour.pk,
            honour_name=honour.name,
            voted=ballot is not None,
            ballot_open=n.pk in open_ids,
            session_date=ballot.meeting.date if ballot else None,
            meeting_id=ballot.meeting_id if ballot else None,
            yes=yes,
            no=ballot.no_votes if ballot else 0,
            paper_yes=paper.yes_count if paper else 0,
            paper_no=paper.no_count if paper else 0,
            paper_invalid=paper.invalid_count if paper else 0,
            members=members,
            present=here,
            threshold=threshold,
            citation=citation,
            quorum_ok=quorum_ok,
            passed=passed,
            reason=reason,
        )
    return result


def vote_standing(nominee, *, honour=None) -> VoteStanding:
    """The standing of one nominee (judged on ``honour`` when given)."""
    return vote_standings([nominee], honours={nominee.pk: honour} if honour else None)[nominee.pk]


def acceptance_problem(standing: VoteStanding, override_reason: str = "") -> str | None:
    """Why the nominee cannot be accepted on this standing, or None.

    Binding threshold not reached (or no quorum, or no ballot): always refused. No threshold
    and against the ballot: refused unless a written reason is given.
    """
    if standing.passed:
        return None
    if standing.binding:
        return standing.reason
    if override_reason.strip():
        return None
    return f"{standing.reason} Chấp thuận khác kết quả biểu quyết của Hội đồng cần ghi rõ lý do."


def nominees_may_be_decided(nominees) -> dict[int, str | None]:
    """{nominee id: Vietnamese refusal or None} — set-based form of ``nominee_may_be_decided``."""
    from vinhdanh.nominations.enums import NomineeOutcome

    nominees = list(nominees)
    standings = vote_standings(nominees)
    out: dict[int, str | None] = {}
    for n in nominees:
        if n.outcome in (NomineeOutcome.REJECTED, NomineeOutcome.RETURNED):
            out[n.pk] = (
                f"{n.display_name}: cấp xét đã ghi «{n.get_outcome_display()}» — không thể đưa "
                "vào quyết định."
            )
            continue
        out[n.pk] = acceptance_problem(standings[n.pk], n.ballot_override_reason)
    return out


def nominee_may_be_decided(nominee) -> str | None:
    """Refusal (Vietnamese, with the citation) when the nominee may not be put on a decision."""
    return nominees_may_be_decided([nominee])[nominee.pk]
