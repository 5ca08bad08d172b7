import datetime as dt
from types import SimpleNamespace

import pytest

from tests.factories import UserFactory, grant
from vinhdanh.council.models import Council, CouncilMember, MemberRole


@pytest.fixture
def council(tree, personas):
    return Council.objects.create(unit=tree.hanoi, name="Hội đồng TĐKT Thành phố Hà Nội")


@pytest.fixture
def make_members(council):
    """``make_members(n)``: n members with voting accounts (role council on Hà Nội)."""

    made = []

    def make(n, *, start=dt.date(2025, 1, 1), first_role=MemberRole.CHAIR):
        out = []
        for _ in range(n):
            i = len(made)
            made.append(i)
            user = UserFactory(username=f"hd{council.pk}_{i}", full_name=f"Ủy viên {i}")
            grant(user, "council", council.unit)
            out.append(
                CouncilMember.objects.create(
                    council=council,
                    user=user,
                    full_name=f"Ủy viên số {i}",
                    role=first_role if i == 0 else MemberRole.MEMBER,
                    term_start=start,
                )
            )
        return out

    return make


@pytest.fixture
def ns():
    return SimpleNamespace


@pytest.fixture
def dossier(tree, people):
    """A dossier of Sở Y tế at the city council: An for CSTĐ tỉnh (0.9), Bình for LĐTT (none)."""
    from vinhdanh.nominations.enums import DossierStatus
    from vinhdanh.nominations.models import Dossier, Nominee

    d = Dossier.objects.create(
        kind="merit",
        title="Đề nghị khen thưởng năm 2025 của Sở Y tế",
        year=2025,
        sending_unit=tree.syt,
        receiving_unit=tree.hanoi,
        status=DossierStatus.AT_COUNCIL,
    )
    Nominee.objects.create(
        dossier=d, position=1, kind="person", person=people.an, honour_id="CSTD_TINH"
    )
    Nominee.objects.create(
        dossier=d, position=2, kind="person", person=people.binh, honour_id="LDTT"
    )
    return d


@pytest.fixture
def session(council, make_members, dossier, personas):
    """``session(n, absent=0)``: a meeting on 10/03/2026 with n members, agenda set, opened, ballots open."""
    from vinhdanh.council import ballots

    def make(n, absent=0, open_ballots=True):
        members = make_members(n)
        officer = personas.province_officer
        meeting = ballots.meeting_create(
            officer, council, date=dt.date(2026, 3, 10), place="Hội trường"
        )
        ballots.agenda_add(officer, meeting, dossier)
        ballots.attendance_set(officer, meeting, {m.pk for m in members[absent:]})
        if open_ballots:
            ballots.meeting_open(officer, meeting)
            ballots.ballots_open(officer, meeting)
        return SimpleNamespace(meeting=meeting, members=members, officer=officer)

    return make
