"""Fixtures for account management tests: a superuser and an administrator of Hà Tĩnh."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, grant


@pytest.fixture
def superuser(db):
    return UserFactory(
        username="sieuquantri", full_name="Siêu quản trị", is_superuser=True, is_staff=True
    )


@pytest.fixture
def hatinh_admin(tree):
    user = UserFactory(username="quantri_ht", full_name="Quản trị Hà Tĩnh")
    grant(user, "admin", tree.hatinh)
    return user
