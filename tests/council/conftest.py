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
