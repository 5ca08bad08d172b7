"""core.ballotbox: sealing, opening, tampering and key rotation (no database)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from vinhdanh.core import ballotbox


def test_seal_round_trip_fresh_nonce_same_length():
    a, b = (
        ballotbox.seal("council.nomineeballot:1", b"\x01"),
        ballotbox.seal("council.nomineeballot:1", b"\x01"),
    )
    no = ballotbox.seal("council.nomineeballot:1", b"\x00")
    assert a != b and len(a) == len(b) == len(no)
    assert ballotbox.unseal("council.nomineeballot:1", a) == b"\x01"
    assert ballotbox.unseal("council.nomineeballot:1", no) == b"\x00"


def test_tampered_or_moved_paper_does_not_open():
    token = bytearray(ballotbox.seal("council.nomineeballot:1", b"\x01"))
    with pytest.raises(ballotbox.BallotBoxError):
        ballotbox.unseal("council.nomineeballot:2", bytes(token))  # moved to another box
    token[17] ^= 1  # flip the ciphertext bit: a yes would become a no
    with pytest.raises(ballotbox.BallotBoxError):
        ballotbox.unseal("council.nomineeballot:1", bytes(token))
    with pytest.raises(ballotbox.BallotBoxError):
        ballotbox.unseal("council.nomineeballot:1", b"\x01short")


def test_key_rotation_during_a_vote_keeps_papers_openable():
    with override_settings(SECRET_KEY="old-key-" * 6, SECRET_KEY_FALLBACKS=[]):
        token = ballotbox.seal("box", b"\x01")
    with override_settings(SECRET_KEY="new-key-" * 6, SECRET_KEY_FALLBACKS=["old-key-" * 6]):
        assert ballotbox.unseal("box", token) == b"\x01"
    with (
        override_settings(SECRET_KEY="new-key-" * 6, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(ballotbox.BallotBoxError),
    ):
        ballotbox.unseal("box", token)
