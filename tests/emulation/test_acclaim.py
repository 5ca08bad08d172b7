"""The acclaim vote: one secret ballot per member, tally visibility, close, proposals, the
Government-flag cap and the selectors other areas use."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from tests.emulation.fixtures_scoring import (
    lock_explained,
    make_table,
    score_rows,
)
from tests.factories import UnitFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.emulation.enums import BallotStatus, ProposalStatus, ScoringStatus
from vinhdanh.emulation.models import (
    AcclaimChoice,
    AcclaimSealedPaper,
    AcclaimVoter,
    Bloc,
    BlocMember,
    Proposal,
    RankingResult,
)
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.selectors.acclaim import acclaim_tally, open_proposals
from vinhdanh.emulation.services import acclaim as svc
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db


def officers(k):
    return {k.syt: k.head_officer, k.sgd: k.sgd_officer, k.skhcn: k.skhcn_officer, k.sldtbxh: k.sldtbxh_officer,
            k.svhtt: k.svhtt_officer}  # fmt: skip


def test_open_ballot_head_only_once(khoi9):
    with pytest.raises(EmulationError):
        svc.open_ballot(khoi9.sgd_officer, khoi9.bloc)
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc, seats=1)
    assert ballot.status == BallotStatus.OPEN
    assert AuditEntry.objects.filter(
        object_type="emulation.acclaimballot", action="create"
    ).exists()
    with pytest.raises(EmulationError, match="đã có"):
        svc.open_ballot(khoi9.head_officer, khoi9.bloc)


def test_one_ballot_per_member(khoi9):
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc)
    svc.cast_ballot(khoi9.sgd_officer, ballot, khoi9.sgd, [khoi9.syt])
    with pytest.raises(EmulationError, match="đã bỏ phiếu"):
        svc.cast_ballot(khoi9.sgd_officer, ballot, khoi9.sgd, [khoi9.skhcn])
    assert AcclaimVoter.objects.count() == 1 and AcclaimSealedPaper.objects.count() == 1
    assert not AcclaimChoice.objects.exists()  # plaintext marks only after the close


@pytest.mark.parametrize(
    "case, message",
    [
        ("self", "chính mình"),
        ("too_many", "tối đa 1"),
        ("none", "ít nhất"),
        ("outsider", "thành viên"),
        ("other_officer", "thao tác thay"),
    ],
)
def test_cast_ballot_refusals(khoi9, case, message):
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc, seats=1)
    user, member, chosen = khoi9.sgd_officer, khoi9.sgd, [khoi9.syt]
    if case == "self":
        chosen = [khoi9.sgd]
    elif case == "too_many":
        chosen = [khoi9.syt, khoi9.skhcn]
    elif case == "none":
        chosen = []
    elif case == "outsider":
        chosen = [khoi9.sxd]
    elif case == "other_officer":
        user = khoi9.other_bloc_officer
    with pytest.raises(EmulationError, match=message):
        svc.cast_ballot(user, ballot, member, chosen)
    assert not AcclaimVoter.objects.exists() and not AcclaimChoice.objects.exists()
    assert not AcclaimSealedPaper.objects.exists()


def test_ballot_secret_no_link_between_voter_and_choice(khoi9):
    field_names = {f.name for f in AcclaimChoice._meta.get_fields()}
    assert field_names == {"id", "ballot", "candidate"}  # no voter, no member, no timestamp
    assert not any(f.related_model is AcclaimChoice for f in AcclaimVoter._meta.get_fields())
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc, seats=2)
    svc.cast_ballot(khoi9.sgd_officer, ballot, khoi9.sgd, [khoi9.syt, khoi9.skhcn])
    svc.cast_ballot(khoi9.skhcn_officer, ballot, khoi9.skhcn, [khoi9.sldtbxh, khoi9.svhtt])
    sealed = list(AcclaimSealedPaper.objects.all())
    assert len(sealed) == 2 and not AcclaimChoice.objects.exists()
    assert all(uuid.UUID(str(c.id)).version == 4 for c in sealed)
    # nothing readable in the sealed blob: no unit id in clear, same length for every paper
    assert len({len(bytes(p.sealed)) for p in sealed}) == 1
    svc.close_ballot(khoi9.head_officer, ballot)
    choices = list(AcclaimChoice.objects.all())
    assert len(choices) == 4 and not AcclaimSealedPaper.objects.exists()
    assert all(uuid.UUID(str(c.id)).version == 4 for c in choices)
    # The audit tells who voted, never for whom.
    voter_audits = AuditEntry.objects.filter(object_type="emulation.acclaimvoter")
    assert voter_audits.count() == 2
    assert all(str(khoi9.syt.pk) not in str(e.changes) and e.changes == {} for e in voter_audits)


def test_choice_order_does_not_follow_voting_order(khoi9):
    """Over many ballots (members re-created in fresh ballots), the stored order of choices
    (by key) is not the voting order."""
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc, seats=4)
    voting_order = []
    for unit, user in officers(khoi9).items():
        others = [u for u in khoi9.members if u != unit]
        svc.cast_ballot(user, ballot, unit, others)
        voting_order += [u.pk for u in others]
    assert not AcclaimChoice.objects.exists()
    svc.close_ballot(khoi9.head_officer, ballot)
    stored = list(AcclaimChoice.objects.order_by("id").values_list("candidate_id", flat=True))
    assert sorted(stored) == sorted(voting_order)
    assert stored != voting_order  # 20 choices: the chance of keeping the order is 1 / (20! / 4!^5)


def test_tally_hidden_until_all_voted(khoi9):
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc)
    items = list(officers(khoi9).items())
    for unit, user in items[:-1]:
        svc.cast_ballot(user, ballot, unit, [khoi9.sgd if unit != khoi9.sgd else khoi9.syt])
        tally = acclaim_tally(khoi9.bloc)
        assert not tally.visible and tally.rows == []
    unit, user = items[-1]
    svc.cast_ballot(user, ballot, unit, [khoi9.sgd])
    tally = acclaim_tally(khoi9.bloc)
    assert tally.visible and (tally.voters, tally.total) == (5, 5)
    assert tally.rows[0] == (khoi9.sgd, 4)
    assert sum(v for _, v in tally.rows) == 5


def test_close_shows_tally_and_proposes_leader(khoi9):
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc)
    svc.cast_ballot(khoi9.sgd_officer, ballot, khoi9.sgd, [khoi9.skhcn])
    svc.cast_ballot(khoi9.skhcn_officer, ballot, khoi9.skhcn, [khoi9.sgd])
    svc.cast_ballot(khoi9.svhtt_officer, ballot, khoi9.svhtt, [khoi9.skhcn])
    assert not acclaim_tally(khoi9.bloc).visible
    with pytest.raises(EmulationError):
        svc.close_ballot(khoi9.sgd_officer, ballot)
    before = set(AcclaimChoice.objects.values_list("id", flat=True))
    proposals = svc.close_ballot(khoi9.head_officer, ballot)
    after = set(AcclaimChoice.objects.values_list("id", flat=True))
    assert len(after) == 3 and not before & after  # rewritten with new keys on close
    ballot.refresh_from_db()
    assert ballot.status == BallotStatus.CLOSED and ballot.closed_at
    assert acclaim_tally(khoi9.bloc).visible
    p = Proposal.objects.get()
    assert proposals == [p]
    assert (p.unit, p.honour_id, p.year, p.votes, p.status) == (
        khoi9.skhcn,
        "CO_TD_TINH",
        2024,
        2,
        ProposalStatus.PROPOSED,
    )
    with pytest.raises(EmulationError, match="kết thúc"):
        svc.cast_ballot(khoi9.sldtbxh_officer, ballot, khoi9.sldtbxh, [khoi9.sgd])
    with pytest.raises(EmulationError, match="kết thúc"):
        svc.close_ballot(khoi9.head_officer, ballot)


def test_equal_votes_broken_by_locked_ranking(khoi9):
    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [5, 5, 5, None, None, None])
    score_rows(t, khoi9.skhcn, khoi9.syt, [9, 9, 9, None, None, None])
    lock_explained(khoi9.head_officer, t.table)
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc)
    svc.cast_ballot(khoi9.head_officer, ballot, khoi9.syt, [khoi9.sgd])
    svc.cast_ballot(khoi9.svhtt_officer, ballot, khoi9.svhtt, [khoi9.skhcn])
    svc.close_ballot(khoi9.head_officer, ballot)
    p = Proposal.objects.get()
    assert p.unit == khoi9.skhcn and p.rank == 1 and p.votes == 1


def _leader(owner, name, abbr, final):
    """A closed bloc whose single leader has the given final total (table max 45)."""
    bloc = Bloc.objects.create(owner=owner, name=name, abbreviation=abbr, year=2024)
    unit = UnitFactory(
        code=f"HN.{abbr}",
        name=f"Đơn vị {abbr}",
        abbreviation=abbr,
        level=UnitLevel.DEPARTMENT,
        parent=owner,
    )
    BlocMember.objects.create(bloc=bloc, unit=unit)
    t = make_table(bloc, status=ScoringStatus.LOCKED)
    RankingResult.objects.create(
        table=t.table, member=unit, rank=1, self_total=final, cross_total=final, final_total=final
    )
    Proposal.objects.create(
        bloc=bloc, unit=unit, honour_id="CO_TD_TINH", year=2024, votes=3, rank=1
    )
    return unit


def test_government_flag_cap_and_choice(khoi9):
    units = [_leader(khoi9.hanoi, f"Khối {i}", f"K{i}", Decimal(30 + i)) for i in range(11)]
    rows, cap = svc.government_candidates(khoi9.hanoi, 2024)
    assert cap == 2  # floor(11 × 0.20)
    with pytest.raises(EmulationError):
        svc.propose_government_flag(khoi9.sgd_officer, khoi9.hanoi, 2024)
    created = svc.propose_government_flag(khoi9.city_officer, khoi9.hanoi, 2024)
    assert [p.unit for p in created] == [units[10], units[9]]  # best score shares
    assert all(p.honour_id == "CO_TD_CP" and p.status == ProposalStatus.PROPOSED for p in created)
    # Running again replaces, never adds.
    svc.propose_government_flag(khoi9.city_officer, khoi9.hanoi, 2024)
    assert Proposal.objects.filter(honour_id="CO_TD_CP").count() == 2
    assert AuditEntry.objects.filter(object_type="emulation.proposal", action="delete").count() == 2


def test_government_flag_at_least_one(khoi9):
    unit = _leader(khoi9.hanoi, "Khối A", "KA", Decimal(40))
    assert svc.flag_cap(1, [Decimal("0.20")]) == 1
    created = svc.propose_government_flag(khoi9.city_officer, khoi9.hanoi, 2024)
    assert [p.unit for p in created] == [unit]
    assert svc.flag_cap(0, []) == 0


def test_open_proposals_scoped(khoi9, personas):
    _leader(khoi9.hanoi, "Khối A", "KA", Decimal(40))
    assert open_proposals(khoi9.city_officer, 2024).count() == 1
    assert open_proposals(khoi9.city_officer, 2023).count() == 0
    assert open_proposals(personas.outsider, 2024).count() == 0


def test_ballot_meeting_must_be_year_end_of_the_bloc(khoi9):
    import datetime as dt

    from vinhdanh.emulation.enums import MeetingKind
    from vinhdanh.emulation.models import Meeting

    mid = Meeting.objects.create(
        bloc=khoi9.bloc, kind=MeetingKind.MID_YEAR, date=dt.date(2024, 7, 1), place="Hà Nội"
    )
    other = Meeting.objects.create(
        bloc=khoi9.other_bloc, kind=MeetingKind.YEAR_END, date=dt.date(2024, 12, 20), place="Hà Nội"
    )
    for meeting in (mid, other):
        with pytest.raises(EmulationError, match="tổng kết năm"):
            svc.open_ballot(khoi9.head_officer, khoi9.bloc, meeting=meeting)
    year_end = Meeting.objects.create(
        bloc=khoi9.bloc, kind=MeetingKind.YEAR_END, date=dt.date(2024, 12, 20), place="Hà Nội"
    )
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc, meeting=year_end)
    assert ballot.meeting == year_end
