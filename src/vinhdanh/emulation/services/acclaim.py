"""Writes of the acclaim vote and of the proposals for the emulation flags.

Secrecy (core.ballotbox): who voted is an ``AcclaimVoter`` row (member and the user who cast
it); what was voted is, while the ballot is open, one sealed paper (``AcclaimSealedPaper``: the
chosen units padded to ``seats``, encrypted, the same length whatever the choice). Nothing a
database reader sees (xmin, ctid, keys) tells a choice. On close the box is opened and every
mark becomes an ``AcclaimChoice`` row with a random key, all in one transaction in random
order. A member may not vote for itself (the usual practice).

Leaders: on close, the ``bloc.leading_seats`` units with the most votes (at least one vote);
equal votes are decided by the locked ranking (better rank first), then by name. They become
proposals for the provincial flag (CO_TD_TINH).

Government flag (``propose_government_flag``): among the leaders of all blocs of one owner and
year, at most ``cap = max(1, floor(n × share))`` candidates for CO_TD_CP, where n is the number
of leaders and share the smallest ``flag_cap_share`` of those blocs (default 20 %). They are
chosen by the best score share: final total of the locked ranking ÷ the table's best possible
total (criteria maxima plus capped bonus), so that blocs with different tables compare fairly;
then more vote share (votes ÷ members), then the better rank, then the name.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from vinhdanh.core import audit, ballotbox
from vinhdanh.core.models import AuditAction

from ..enums import BallotStatus, MeetingKind, ProposalStatus, ScoringStatus
from ..models import (
    AcclaimBallot,
    AcclaimChoice,
    AcclaimSealedPaper,
    AcclaimVoter,
    Bloc,
    BlocMember,
    Criterion,
    Meeting,
    Proposal,
    RankingResult,
    ScoringTable,
)
from ..permissions import EmulationError, require_acting_for, require_bloc_head, require_owner
from ..selectors.acclaim import acclaim_tally
from ..selectors.scoring import criteria_tree, locked_ranking, max_total

PROVINCE_FLAG = "CO_TD_TINH"
GOVERNMENT_FLAG = "CO_TD_CP"


@transaction.atomic
def open_ballot(
    actor, bloc: Bloc, *, seats: int | None = None, meeting: Meeting | None = None
) -> AcclaimBallot:
    require_bloc_head(actor, bloc)
    if AcclaimBallot.objects.filter(bloc=bloc).exists():
        raise EmulationError("Khối đã có cuộc bỏ phiếu suy tôn năm nay.")
    if meeting is not None and (meeting.bloc_id != bloc.pk or meeting.kind != MeetingKind.YEAR_END):
        raise EmulationError("Chỉ gắn với hội nghị tổng kết năm của chính khối.")
    members = BlocMember.objects.filter(bloc=bloc).count()
    seats = seats or bloc.leading_seats or 1
    if members < 2:
        raise EmulationError("Khối cần ít nhất 2 thành viên để bỏ phiếu suy tôn.")
    if not 1 <= seats < members:
        raise EmulationError(f"Số đơn vị được chọn mỗi phiếu phải từ 1 đến {members - 1}.")
    ballot = AcclaimBallot.objects.create(bloc=bloc, meeting=meeting, seats=seats)
    audit.record_create(actor, ballot, unit_id=bloc.owner_id)
    return ballot


@transaction.atomic
def cast_ballot(actor, ballot: AcclaimBallot, member, candidates: list) -> None:
    """One ballot per member: up to ``seats`` candidates among the other members."""
    bloc = ballot.bloc
    ballot = AcclaimBallot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != BallotStatus.OPEN:
        raise EmulationError("Cuộc bỏ phiếu đã kết thúc.")
    require_acting_for(actor, bloc, member)
    member_ids = set(BlocMember.objects.filter(bloc=bloc).values_list("unit_id", flat=True))
    chosen = {c.pk for c in candidates}
    if not chosen:
        raise EmulationError("Phiếu phải chọn ít nhất một đơn vị.")
    if len(chosen) > ballot.seats:
        raise EmulationError(f"Mỗi phiếu chọn tối đa {ballot.seats} đơn vị.")
    if member.pk in chosen:
        raise EmulationError("Đơn vị không được bỏ phiếu cho chính mình.")
    if not chosen <= member_ids:
        raise EmulationError("Chỉ chọn được các đơn vị thành viên của khối.")
    if AcclaimVoter.objects.filter(ballot=ballot, member=member).exists():
        raise EmulationError(f"{member.name} đã bỏ phiếu; mỗi thành viên chỉ bỏ một phiếu.")
    try:
        with transaction.atomic():
            voter = AcclaimVoter.objects.create(ballot=ballot, member=member, voted_by=actor)
    except IntegrityError as exc:
        raise EmulationError(
            f"{member.name} đã bỏ phiếu; mỗi thành viên chỉ bỏ một phiếu."
        ) from exc
    # One sealed paper, the same length for any choice: its xmin ties it to this voter only.
    ballotbox.drop(AcclaimSealedPaper, ballot, ballotbox.pack_ids(chosen, ballot.seats))
    # The audit tells who voted, never for whom.
    audit.record(
        actor, AuditAction.CREATE, voter, note="Đã bỏ phiếu suy tôn (phiếu kín)", unit_id=member.pk
    )


@transaction.atomic
def close_ballot(actor, ballot: AcclaimBallot) -> list[Proposal]:
    """Close the vote; the leading unit(s) become proposals for CO_TD_TINH."""
    bloc = ballot.bloc
    require_bloc_head(actor, bloc)
    ballot = AcclaimBallot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != BallotStatus.OPEN:
        raise EmulationError("Cuộc bỏ phiếu đã kết thúc.")
    before = audit.snapshot(ballot, ["status", "closed_at"])
    ballot.status = BallotStatus.CLOSED
    ballot.closed_at = timezone.now()
    ballot.save()
    audit.record_update(actor, ballot, before, unit_id=bloc.owner_id)
    _open_box(ballot)
    tally = acclaim_tally(bloc, ballot, force=True)
    ranking = locked_ranking(bloc)
    leaders = [(unit, votes) for unit, votes in tally.rows if votes > 0][: bloc.leading_seats or 1]
    proposals = []
    for unit, votes in leaders:
        rank = ranking[unit.pk].rank if unit.pk in ranking else None
        p, created = Proposal.objects.update_or_create(
            bloc=bloc, unit=unit, honour_id=PROVINCE_FLAG,
            defaults={"year": bloc.year, "votes": votes, "rank": rank, "status": ProposalStatus.PROPOSED,
                      "note": f"Suy tôn {votes}/{tally.total} phiếu"},
        )  # fmt: skip
        audit.record_create(
            actor, p, unit_id=bloc.owner_id, note="Đề nghị Cờ thi đua cấp tỉnh sau suy tôn"
        )
        proposals.append(p)
    return proposals


def _open_box(ballot: AcclaimBallot) -> None:
    """Open the sealed box and write every mark as an ``AcclaimChoice`` with a new random key,
    all in this transaction and in random order (marks stored in clear before the sealed box
    existed are mixed in and rewritten too)."""
    legacy = AcclaimChoice.objects.filter(ballot=ballot)
    old = list(legacy.values_list("candidate_id", flat=True))
    if old:  # legacy marks are per candidate, not per paper: no count to check against
        papers = ballotbox.peek(AcclaimSealedPaper, ballot)
        AcclaimSealedPaper.objects.filter(ballot=ballot).delete()
    else:
        voters = AcclaimVoter.objects.filter(ballot=ballot).count()
        try:
            papers = ballotbox.empty_box(AcclaimSealedPaper, ballot, voters=voters)
        except ballotbox.BallotBoxError as exc:
            raise EmulationError(str(exc)) from exc
    marks = [c for p in papers for c in ballotbox.unpack_ids(p)] + old
    ballotbox.shuffle(marks)
    legacy.delete()
    AcclaimChoice.objects.bulk_create(
        [AcclaimChoice(id=uuid.uuid4(), ballot=ballot, candidate_id=c) for c in marks]
    )


def flag_cap(leaders: int, shares: list[Decimal]) -> int:
    if not leaders:
        return 0
    share = min(shares) if shares else Decimal("0.20")
    return max(1, math.floor(leaders * share))


def government_candidates(owner, year: int) -> tuple[list[dict], int]:
    """Every bloc leader of the owner and year with its score share, best first; and the cap."""
    leaders = list(
        Proposal.objects.filter(bloc__owner=owner, year=year, honour_id=PROVINCE_FLAG)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .select_related("bloc", "unit")
    )
    bloc_ids = {p.bloc_id for p in leaders}
    tables = {}
    for t in ScoringTable.objects.filter(
        bloc_id__in=bloc_ids, status=ScoringStatus.LOCKED
    ).order_by("version"):
        tables[t.bloc_id] = t  # highest locked version wins
    results = {
        (r.table_id, r.member_id): r
        for r in RankingResult.objects.filter(table__in=tables.values())
    }
    crits = defaultdict(list)
    for c in Criterion.objects.filter(table__in=tables.values()).order_by("position", "id"):
        crits[c.table_id].append(c)
    best = {t.pk: max_total(criteria_tree(t, crits[t.pk])) for t in tables.values()}
    sizes = dict(
        BlocMember.objects.filter(bloc_id__in=bloc_ids)
        .values_list("bloc_id")
        .order_by()
        .annotate(n=Count("id"))
    )
    rows = []
    for p in leaders:
        table = tables.get(p.bloc_id)
        result = results.get((table.pk, p.unit_id)) if table else None
        share = (
            (result.final_total / best[table.pk]) if result and best.get(table.pk) else Decimal("0")
        )
        votes_share = (
            Decimal(p.votes) / sizes.get(p.bloc_id, 1) if sizes.get(p.bloc_id) else Decimal("0")
        )
        rows.append({"proposal": p, "final": result.final_total if result else None, "best": best.get(table.pk) if table else None,
                     "share": share, "votes_share": votes_share})  # fmt: skip
    rows.sort(
        key=lambda r: (
            -r["share"],
            -r["votes_share"],
            r["proposal"].rank or 10_000,
            r["proposal"].unit.sort_key,
        )
    )
    cap = flag_cap(len(leaders), [p.bloc.flag_cap_share for p in leaders])
    for i, r in enumerate(rows):
        r["selected"] = i < cap
    return rows, cap


@transaction.atomic
def propose_government_flag(actor, owner, year: int) -> list[Proposal]:
    """Candidates for CO_TD_CP within the cap (see the module docstring). Re-running replaces
    the earlier PROPOSED candidates; a candidate already taken into a dossier stays and counts."""
    blocs = list(Bloc.objects.filter(owner=owner, year=year))
    if not blocs:
        raise EmulationError(f"Không có khối thi đua nào năm {year}.")
    require_owner(actor, blocs[0])
    rows, cap = government_candidates(owner, year)
    if not rows:
        raise EmulationError("Chưa có đơn vị dẫn đầu khối nào được suy tôn năm này.")
    existing = Proposal.objects.filter(bloc__in=blocs, honour_id=GOVERNMENT_FLAG, year=year)
    kept = list(existing.exclude(status=ProposalStatus.PROPOSED))
    for old in existing.filter(status=ProposalStatus.PROPOSED):
        audit.record_delete(actor, old, unit_id=owner.pk, note="Thay bằng lần đề xuất mới")
        old.delete()
    kept_units = {(p.bloc_id, p.unit_id) for p in kept if p.status != ProposalStatus.WITHDRAWN}
    room = cap - len(kept_units)
    created = []
    for r in rows:
        if room <= 0:
            break
        p = r["proposal"]
        if (p.bloc_id, p.unit_id) in kept_units:
            continue
        new = Proposal.objects.create(bloc=p.bloc, unit=p.unit, honour_id=GOVERNMENT_FLAG, year=year, votes=p.votes,
                                      rank=p.rank, note=f"Tỷ lệ điểm {r['share'] * 100:.2f}%; trong hạn mức {cap}")  # fmt: skip
        audit.record_create(actor, new, unit_id=owner.pk, note="Đề nghị Cờ thi đua của Chính phủ")
        created.append(new)
        room -= 1
    return created
