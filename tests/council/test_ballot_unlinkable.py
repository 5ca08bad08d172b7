"""Issue 11 §2: a ballot paper cannot be linked to its voter by anyone who reads the database,
during the vote or after it — 21 members vote in a known order, each vote in its own committed
transaction, and the adversary of tests/ballot_linkage.py reads xmin, ctid/rowid, keys and
every date column."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.ballot_linkage import (
    PG,
    chance_bound,
    column_types,
    footprints_between,
    new_xid,
    positional_matches,
    rows_in_storage_order,
    xmins,
)
from vinhdanh.core import ballotbox
from vinhdanh.core.models import AuditEntry
from vinhdanh.council import ballots
from vinhdanh.council.enums import CouncilError
from vinhdanh.council.models import BallotChoice, BallotVoter, NomineeBallot, SealedBallot

pytestmark = pytest.mark.django_db(transaction=True)

# 21 members, in voting order: 11 yes / 10 no on each nominee, two different patterns.
VOTES_A = [True, True, False, True, False, False, True, True, True, False, False,
           True, False, True, True, False, False, True, False, True, False]  # fmt: skip
VOTES_B = [False, True, True, False, True, False, False, True, False, True, True,
           False, True, True, False, False, True, True, False, True, False]  # fmt: skip


def _ballot(meeting, honour):
    return NomineeBallot.objects.get(meeting=meeting, nominee__honour_id=honour)


def test_21_voters_nothing_links_a_paper_to_its_voter(session):
    s = session(21)
    a, b = _ballot(s.meeting, "CSTD_TINH"), _ballot(s.meeting, "LDTT")
    assert VOTES_A.count(True) == VOTES_B.count(True) == 11
    bounds = [new_xid()] if PG else []
    for member, va, vb in zip(s.members, VOTES_A, VOTES_B, strict=True):
        for ballot, vote in ((a, va), (b, vb)):
            ballots.cast_vote(member.user, ballot, vote)  # one committed transaction per vote
            if PG:
                bounds.append(new_xid())

    # --- during the vote --------------------------------------------------------------------
    # No plaintext paper and no running tally exist: nothing to read, nothing to difference.
    assert not BallotChoice.objects.exists()
    assert NomineeBallot.objects.filter(yes_votes=0, no_votes=0, passed=None).count() == 2
    # The live "who has voted" count still works.
    assert BallotVoter.objects.filter(ballot=a).count() == 21
    sealed = list(SealedBallot.objects.values_list("sealed", flat=True))
    assert len(sealed) == 42 and len({bytes(x) for x in sealed}) == 42  # fresh nonce each
    assert len({len(bytes(x)) for x in sealed}) == 1  # a sealed yes is as long as a sealed no
    assert {f.column for f in SealedBallot._meta.concrete_fields} == {"id", "ballot_id", "sealed"}
    with (
        override_settings(SECRET_KEY="not-the-server-key", SECRET_KEY_FALLBACKS=[]),
        pytest.raises(ballotbox.BallotBoxError),  # the database alone opens nothing
    ):
        ballotbox.peek(SealedBallot, a)
    # Every vote leaves the same audit trace, whatever the choice.
    traces = AuditEntry.objects.filter(note__startswith="Bỏ phiếu kín")
    assert traces.count() == 42
    assert {(e.note, str(e.changes)) for e in traces} == {("Bỏ phiếu kín (điện tử)", "{}")}
    if PG:
        voter_xid_a = xmins("council_ballotvoter", "member_id", "ballot_id = %s", [a.pk])
        voter_xid_b = xmins("council_ballotvoter", "member_id", "ballot_id = %s", [b.pk])
        # What each vote's transaction (and its savepoints) wrote, table by table: the same
        # for a yes and a no — one who-voted row, one sealed paper, one audit entry; no paper,
        # no counter.
        shapes = {frozenset(c.items()) for c in footprints_between(bounds)}
        assert len(shapes) == 1, shapes
        shape = dict(next(iter(shapes)))
        assert shape["council_ballotvoter"] == 1 and shape["council_sealedballot"] == 1, shape
        assert "council_ballotchoice" not in shape and "council_nomineeballot" not in shape

    # --- the close ------------------------------------------------------------------------
    ballots.meeting_close(s.officer, s.meeting)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.yes_votes, a.no_votes, b.yes_votes, b.no_votes) == (11, 10, 11, 10)
    assert not SealedBallot.objects.exists()
    # Papers: random uuid keys, no voter, no date or time column in the actual table.
    types = column_types("council_ballotchoice")
    assert set(types) == {"id", "ballot_id", "approve"}
    assert not {t for t in types.values() if "Date" in t or "Time" in t}

    order_a = rows_in_storage_order("council_ballotchoice", "id, approve", "ballot_id = %s", [a.pk])
    order_b = rows_in_storage_order("council_ballotchoice", "id, approve", "ballot_id = %s", [b.pk])
    if PG:
        # All 42 papers were written by the close's one transaction: xmin names no voter.
        paper_xids = {r[0] for r in order_a + order_b}
        assert len(paper_xids) == 1
        assert not paper_xids & {*voter_xid_a.values(), *voter_xid_b.values()}
    # Storage order (ctid/rowid) and key order against the voting order: no better than chance.
    # Storage order (ctid/rowid) and key order are independent random orders: with two
    # ballots, four sets of matches that add up (bound: chance reaches it with p < 1e-6).
    mean, bound = chance_bound([VOTES_A, VOTES_B, VOTES_A, VOTES_B])
    assert 41 < mean < 43 and bound <= 66  # 84 = the old per-vote rows, fully linked
    by_place = positional_matches(VOTES_A, [bool(r[2]) for r in order_a]) + positional_matches(
        VOTES_B, [bool(r[2]) for r in order_b]
    )
    by_key = positional_matches(
        VOTES_A, [bool(r[2]) for r in sorted(order_a, key=lambda r: str(r[1]))]
    ) + positional_matches(VOTES_B, [bool(r[2]) for r in sorted(order_b, key=lambda r: str(r[1]))])
    assert by_place + by_key < bound, (by_place, by_key, float(mean), bound)


def test_tampered_box_refuses_the_count(session):
    """A paper slipped into the box behind the application's back (or copied) is refused."""
    s = session(3)
    a = _ballot(s.meeting, "CSTD_TINH")
    ballots.cast_vote(s.members[0].user, a, True)
    copy = SealedBallot.objects.get(ballot=a)
    SealedBallot.objects.create(ballot=a, sealed=copy.sealed)  # a replayed yes
    with pytest.raises(CouncilError, match="hòm phiếu đã bị can thiệp"):
        ballots.meeting_close(s.officer, s.meeting)
    a.refresh_from_db()
    assert a.is_open and a.yes_votes == 0 and not BallotChoice.objects.exists()
    SealedBallot.objects.filter(ballot=a).exclude(pk=copy.pk).delete()
    other = _ballot(s.meeting, "LDTT")
    ballots.cast_vote(s.members[1].user, other, False)
    SealedBallot.objects.filter(ballot=other).update(sealed=copy.sealed)  # moved from box a
    with pytest.raises(CouncilError, match="không mở được"):
        ballots.meeting_close(s.officer, s.meeting)
