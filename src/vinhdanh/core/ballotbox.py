"""A ballot box whose papers cannot be linked to their voters by anyone who reads the database.

Threat model: someone with read access to the database (SQL, a dump, a backup, a replica),
during the vote or after it, who does NOT hold the application's ``SECRET_KEY``. On
PostgreSQL every row written by a voter's transaction carries that transaction's id (``xmin``)
and lands at the next physical place (``ctid``); on SQLite the ``rowid`` follows insertion. So
whatever is written while a member votes is linkable to the "who has voted" row written in the
same transaction — and a reader polling the database between two votes sees any plaintext
change (a new paper, a counter moving). No storage order can hide that; only the content can.

The mechanism:

- While the ballot is open, a vote writes ONE sealed paper (``SealedPaper`` subclass: random
  uuid, the ballot, an opaque ``sealed`` blob) in the voter's transaction. The blob is
  encrypt-then-MAC of a fixed-length payload (HMAC-SHA256 in counter mode as the keystream, a
  fresh random 16-byte nonce per paper, HMAC-SHA256 tag over the box label, nonce and
  ciphertext), keyed by keys derived from ``SECRET_KEY``. Every paper of a box has the same
  length and a yes looks like a no: the row written with the voter's ``xmin`` says that this
  voter voted (which the who-voted list says anyway), never how.
- No tally exists in the database while the ballot is open (nothing to read by difference).
- At the close, in ONE transaction, ``empty_box`` opens every sealed paper (refusing a forged
  one, or a count that differs from the who-voted list), returns the payloads in a fresh random
  order (``random.SystemRandom``) and deletes the sealed rows; the caller writes the plaintext
  papers in that order. All plaintext papers then share the close transaction's ``xmin`` (no
  voter's), sit in a random ``ctid``/rowid order, have random uuid keys and no timestamp.

What remains (documented in docs/architecture.md): a reader who also has ``SECRET_KEY`` (or
the server) during the vote can open sealed papers; the deleted sealed rows stay as dead tuples
until VACUUM and in WAL/backups — still sealed. ``SECRET_KEY_FALLBACKS`` are tried when
opening, so the key can be rotated during a vote.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import random
import struct
import uuid

from django.conf import settings
from django.db import models

VERSION = b"\x01"
NONCE = 16
TAG = 32
_rng = random.SystemRandom()


class BallotBoxError(Exception):
    """A sealed paper that does not open (forged, moved between boxes, or key lost)."""


class SealedPaper(models.Model):
    """One sealed ballot paper. Concrete models add ``ballot = ForeignKey(..., related_name=
    "sealed")`` and nothing else: no voter, no timestamp, no counter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sealed = models.BinaryField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return "Phiếu kín (đã niêm phong)"


def _derive(secret: str, purpose: bytes) -> bytes:
    return hmac.new(secret.encode(), b"vinhdanh.ballotbox.v1." + purpose, hashlib.sha256).digest()


def _keys() -> list[tuple[bytes, bytes]]:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [(_derive(s, b"enc"), _derive(s, b"mac")) for s in secrets]


def _stream(key: bytes, nonce: bytes, n: int) -> bytes:
    blocks = (n + 31) // 32
    out = b"".join(
        hmac.new(key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest() for i in range(blocks)
    )
    return out[:n]


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def _tag(key: bytes, box: str, nonce: bytes, body: bytes) -> bytes:
    return hmac.new(key, VERSION + box.encode() + b"\0" + nonce + body, hashlib.sha256).digest()


def seal(box: str, payload: bytes) -> bytes:
    """Encrypt and authenticate ``payload`` for the box labelled ``box``."""
    enc, mac = _keys()[0]
    nonce = os.urandom(NONCE)
    body = _xor(payload, _stream(enc, nonce, len(payload)))
    return VERSION + nonce + body + _tag(mac, box, nonce, body)


def unseal(box: str, token: bytes) -> bytes:
    token = bytes(token)
    if len(token) < 1 + NONCE + TAG or token[:1] != VERSION:
        raise BallotBoxError("Phiếu kín không hợp lệ.")
    nonce, body, tag = token[1 : 1 + NONCE], token[1 + NONCE : -TAG], token[-TAG:]
    for enc, mac in _keys():
        if hmac.compare_digest(tag, _tag(mac, box, nonce, body)):
            return _xor(body, _stream(enc, nonce, len(body)))
    raise BallotBoxError(
        "Phiếu kín không mở được (bị sửa, chuyển từ hòm phiếu khác, hoặc sai khóa)."
    )


def shuffle(items: list) -> None:
    """Shuffle in place with the system's random source (not the seedable default one)."""
    _rng.shuffle(items)


def box_label(ballot) -> str:
    """The box of one ballot: its model and key (bound into every tag)."""
    return f"{ballot._meta.label_lower}:{ballot.pk}"


def pack_ids(ids, slots: int) -> bytes:
    """Up to ``slots`` positive ids as a fixed-length payload (empty slots are 0), so that a
    paper with one mark has the same length as a paper with ``slots`` marks."""
    ids = sorted(int(i) for i in ids)
    if len(ids) > slots or any(i <= 0 for i in ids):
        raise ValueError("ids")
    return struct.pack(f">{slots}Q", *ids, *([0] * (slots - len(ids))))


def unpack_ids(payload: bytes) -> list[int]:
    return [i for i in struct.unpack(f">{len(payload) // 8}Q", payload) if i]


def drop(model: type[SealedPaper], ballot, payload: bytes) -> None:
    """Put one sealed paper into the ballot's box (in the caller's transaction)."""
    model.objects.create(ballot=ballot, sealed=seal(box_label(ballot), payload))


def peek(model: type[SealedPaper], ballot) -> list[bytes]:
    """The payloads of the box in random order, opened in memory only (nothing is written)."""
    box = box_label(ballot)
    papers = [
        unseal(box, t) for t in model.objects.filter(ballot=ballot).values_list("sealed", flat=True)
    ]
    _rng.shuffle(papers)
    return papers


def empty_box(model: type[SealedPaper], ballot, *, voters: int, extra: list | None = None) -> list:
    """Open every sealed paper of the ballot, delete the sealed rows and return the payloads
    (plus ``extra`` ones, e.g. papers stored in clear before this mechanism) in random order.

    The caller holds the ballot's row lock and writes the plaintext papers in the returned
    order in the same transaction. Refused when the number of papers is not the number of
    voters (a paper added or removed behind the application's back).
    """
    papers = peek(model, ballot) + list(extra or [])
    if len(papers) != voters:
        raise BallotBoxError(
            f"Số phiếu trong hòm ({len(papers)}) khác số thành viên đã bỏ phiếu ({voters}): "
            "hòm phiếu đã bị can thiệp, không thể kiểm phiếu."
        )
    _rng.shuffle(papers)
    model.objects.filter(ballot=ballot).delete()
    return papers
