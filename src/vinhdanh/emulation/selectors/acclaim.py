"""Reads of the acclaim vote (bình xét, suy tôn) and of the proposals it produces."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import path_q
from vinhdanh.core import ballotbox

from ..enums import BallotStatus, ProposalStatus
from ..models import (
    AcclaimBallot,
    AcclaimChoice,
    AcclaimSealedPaper,
    AcclaimVoter,
    Bloc,
    BlocMember,
    Proposal,
)
from .scoring import locked_ranking


@dataclass
class Tally:
    """``rows``: [(unit, votes)] best first (votes, then the locked ranking, then the name);
    ``visible`` is False while the ballot is open and some member has not voted yet (the rows
    are then empty)."""

    ballot: AcclaimBallot | None
    rows: list = field(default_factory=list)
    voters: int = 0
    total: int = 0
    visible: bool = False

    @property
    def closed(self) -> bool:
        return self.ballot is not None and self.ballot.status == BallotStatus.CLOSED


def get_ballot(bloc: Bloc) -> AcclaimBallot | None:
    return AcclaimBallot.objects.filter(bloc=bloc).select_related("meeting").first()


def acclaim_tally(bloc: Bloc, ballot: AcclaimBallot | None = None, *, force: bool = False) -> Tally:
    """The tally of the bloc's ballot for a page or the year-end minutes. ``force`` reads the
    counts even while hidden. Closed: counted from the plaintext papers written at the close;
    open: from the sealed papers opened in memory (core.ballotbox)."""
    ballot = ballot or get_ballot(bloc)
    members = list(BlocMember.objects.filter(bloc=bloc).select_related("unit"))
    if ballot is None:
        return Tally(None, total=len(members))
    voters = AcclaimVoter.objects.filter(ballot=ballot).count()
    tally = Tally(ballot, voters=voters, total=len(members))
    tally.visible = ballot.status == BallotStatus.CLOSED or voters >= len(members)
    if not (tally.visible or force):
        return tally
    counts = dict(
        AcclaimChoice.objects.filter(ballot=ballot)
        .values_list("candidate_id")
        .order_by()
        .annotate(n=Count("id"))
    )
    if ballot.status != BallotStatus.CLOSED:
        # Still open (every member has voted): the sealed papers are opened in memory only;
        # nothing is written, so no tally exists in the database before the close.
        for paper in ballotbox.peek(AcclaimSealedPaper, ballot):
            for unit_id in ballotbox.unpack_ids(paper):
                counts[unit_id] = counts.get(unit_id, 0) + 1
    ranking = locked_ranking(bloc)
    rows = [(m.unit, counts.get(m.unit_id, 0)) for m in members]
    rows.sort(
        key=lambda r: (
            -r[1],
            ranking[r[0].pk].rank if r[0].pk in ranking else 10_000,
            r[0].sort_key,
        )
    )
    tally.rows = rows
    return tally


def voted_members(ballot: AcclaimBallot) -> set[int]:
    return set(AcclaimVoter.objects.filter(ballot=ballot).values_list("member_id", flat=True))


def open_proposals(owner_scope_user, year: int | None = None):
    """Proposals still waiting for a nomination dossier, of blocs whose owner or unit lies in
    the user's scope (VIEW); for the nominations issue."""
    qs = Proposal.objects.filter(status=ProposalStatus.PROPOSED).filter(
        Q(path_q(owner_scope_user, Capability.VIEW, "bloc__owner__path"))
        | Q(path_q(owner_scope_user, Capability.VIEW, "unit__path"))
    )
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("bloc", "unit", "honour").order_by("honour_id", "bloc__name", "-votes")


def leaders_of(owner, year: int):
    """The CO_TD_TINH proposals (bloc leaders) of every bloc of that owner and year."""
    return (
        Proposal.objects.filter(bloc__owner=owner, year=year, honour_id="CO_TD_TINH")
        .exclude(status=ProposalStatus.WITHDRAWN)
        .select_related("bloc", "unit")
        .order_by("bloc__name", "rank")
    )
