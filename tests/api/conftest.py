"""Shared API fixtures.

``api_client(user)`` gives a Django test client that sends ``Authorization: Bearer vd_...`` on
every request, with a fresh personal token created for ``user``; the raw token is on
``client.raw_token`` and the row on ``client.token``. ``anon_api_client`` sends no credentials.
"""

from __future__ import annotations

import pytest
from django.test import Client


def make_token(user, name: str = "Kiểm thử"):
    """Create an ApiToken for ``user``; returns (row, raw value)."""
    from vinhdanh.accounts.models import ApiToken, hash_token

    raw = ApiToken.new_raw()
    row = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], token_hash=hash_token(raw))
    return row, raw


@pytest.fixture
def api_token(db):
    """``api_token(user)`` -> raw bearer token string for ``user``."""

    def _make(user, name: str = "Kiểm thử") -> str:
        return make_token(user, name)[1]

    return _make


@pytest.fixture
def api_client(db):
    """``api_client(user)`` -> a test Client authenticated with a bearer token for ``user``."""

    def _make(user, **client_kwargs) -> Client:
        row, raw = make_token(user)
        client = Client(headers={"Authorization": f"Bearer {raw}"}, **client_kwargs)
        client.raw_token = raw
        client.token = row
        return client

    return _make


@pytest.fixture
def anon_api_client() -> Client:
    return Client()
