"""Issue 11 §2 for the acclaim vote (the same core.ballotbox as the council): 21 member units
vote in a known order, each vote committed on its own; the database reader of
tests/ballot_linkage.py links no paper to its voter, during the vote or after."""

from __future__ import annotations

import pytest

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
from tests.factories import UnitFactory, UserFactory, grant
from vinhdanh.accounts.enums import Role
from vinhdanh.core import ballotbox
from vinhdanh.emulation.models import AcclaimChoice, AcclaimSealedPaper, AcclaimVoter, BlocMember
from vinhdanh.emulation.selectors.acclaim import acclaim_tally
from vinhdanh.emulation.services import acclaim as svc
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db(transaction=True)

# True: the paper marks Sở Y tế (X); False: Sở Giáo dục (Y). 11 / 10, in voting order; the
# first two voters are X and Y themselves, who may not vote for themselves.
VOTES = [False, True, True, False, True, False, False, True, True, True, False,
         False, True, False, True, True, False, False, True, False, True]  # fmt: skip


def test_pack_ids_same_length_whatever_the_number_of_marks():
    assert len(ballotbox.pack_ids([7], 3)) == len(ballotbox.pack_ids([9, 7, 8], 3)) == 24
    assert ballotbox.unpack_ids(ballotbox.pack_ids([9, 7], 3)) == [7, 9]


def test_21_units_nothing_links_a_paper_to_its_voter(khoi9):
    x, y = khoi9.syt, khoi9.sgd
    extra = [
        UnitFactory(code=f"HN.S{i:02d}", level=UnitLevel.DEPARTMENT, parent=khoi9.hanoi)
        for i in range(16)
    ]
    for i, unit in enumerate(extra, start=6):
        BlocMember.objects.create(bloc=khoi9.bloc, unit=unit, rotation_order=i)
    voters = [*khoi9.members, *extra]
    assert len(voters) == 21 and VOTES.count(True) == 11
    officers = []
    for unit in voters:
        user = UserFactory(username=f"cb_{unit.code}")
        grant(user, Role.OFFICER, unit)
        officers.append(user)
    ballot = svc.open_ballot(khoi9.head_officer, khoi9.bloc, seats=2)

    bounds = [new_xid()] if PG else []
    for unit, user, vote in zip(voters, officers, VOTES, strict=True):
        svc.cast_ballot(user, ballot, unit, [x if vote else y])  # committed on its own
        if PG:
            bounds.append(new_xid())

    # --- during the vote: sealed papers only, all alike; no mark, no counter -------------------
    assert not AcclaimChoice.objects.exists()
    sealed = [bytes(p) for p in AcclaimSealedPaper.objects.values_list("sealed", flat=True)]
    assert len(sealed) == 21 and len(set(sealed)) == 21 and len({len(p) for p in sealed}) == 1
    assert AcclaimVoter.objects.filter(ballot=ballot).count() == 21  # who voted, live
    if PG:
        shapes = {frozenset(c.items()) for c in footprints_between(bounds)}
        assert len(shapes) == 1, shapes  # a vote for X writes exactly what a vote for Y writes
        shape = dict(next(iter(shapes)))
        assert shape["emulation_acclaimvoter"] == 1 and shape["emulation_acclaimsealedpaper"] == 1
        assert "emulation_acclaimchoice" not in shape and "emulation_acclaimballot" not in shape
        voter_xids = set(
            xmins("emulation_acclaimvoter", "member_id", "ballot_id = %s", [ballot.pk]).values()
        )
    # Everyone has voted: the page may show the tally, opened in memory (nothing written).
    tally = acclaim_tally(khoi9.bloc)
    assert tally.visible and dict((u.pk, v) for u, v in tally.rows)[x.pk] == 11
    assert not AcclaimChoice.objects.exists()

    # --- the close ----------------------------------------------------------------------------
    svc.close_ballot(khoi9.head_officer, ballot)
    assert not AcclaimSealedPaper.objects.exists()
    assert set(column_types("emulation_acclaimchoice")) == {"id", "ballot_id", "candidate_id"}
    stored = rows_in_storage_order(
        "emulation_acclaimchoice", "id, candidate_id", "ballot_id = %s", [ballot.pk]
    )
    if PG:
        papers_xid = {r[0] for r in stored}
        assert len(papers_xid) == 1 and not papers_xid & voter_xids
    # Storage order and key order are two independent random orders: their matches add up
    # like two ballots' (bound: chance reaches it with probability < 1e-6).
    mean, bound = chance_bound([VOTES, VOTES])
    by_place = positional_matches(VOTES, [r[2] == x.pk for r in stored])
    by_key = positional_matches(
        VOTES, [r[2] == x.pk for r in sorted(stored, key=lambda r: str(r[1]))]
    )
    assert 20 < mean < 22 and bound <= 40  # 42 = the old per-vote rows, fully linked
    assert by_place < 21 and by_key < 21 and by_place + by_key < bound, (by_place, by_key, bound)
    assert acclaim_tally(khoi9.bloc).rows[0] == (x, 11)
