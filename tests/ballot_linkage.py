"""What someone who can read the database learns about secret ballots (issue 11 §2).

The adversary reads every table with the system columns: on PostgreSQL ``xmin`` (the id of
the transaction that wrote the row version) and ``ctid`` (its physical place); on SQLite the
``rowid``. The helpers below are that adversary; the tests compare what it links with what a
blind guess links (exact distribution, no sampling).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from math import comb

from django.db import connection

PG = connection.vendor == "postgresql"


def rows_in_storage_order(table: str, columns: str, where: str, params) -> list[tuple]:
    """(xmin or None, *columns) in physical order (ctid on PostgreSQL, rowid on SQLite)."""
    sql = (
        f'SELECT xmin::text::bigint, {columns} FROM "{table}" WHERE {where} ORDER BY ctid'
        if PG
        else f'SELECT NULL, {columns} FROM "{table}" WHERE {where} ORDER BY rowid'
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def xmins(table: str, key: str, where: str, params) -> dict:
    """{key column: xmin} (PostgreSQL) — e.g. member id → the transaction that recorded it."""
    with connection.cursor() as cur:
        cur.execute(f'SELECT {key}, xmin::text::bigint FROM "{table}" WHERE {where}', params)
        return dict(cur.fetchall())


def footprints() -> dict[int, Counter]:
    """{transaction id: Counter(table → live rows it wrote)} over every table (PostgreSQL)."""
    out: dict[int, Counter] = {}
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            cur.execute(f'SELECT xmin::text::bigint, count(*) FROM "{table}" GROUP BY 1')
            for xid, n in cur.fetchall():
                out.setdefault(xid, Counter())[table] = n
    return out


def new_xid() -> int:
    """A fresh transaction id (PostgreSQL, autocommit): a boundary between two votes."""
    with connection.cursor() as cur:
        cur.execute("SELECT txid_current()")
        return cur.fetchone()[0]


def footprints_between(bounds: list[int]) -> list[Counter]:
    """What was written between consecutive boundaries, table by table: a vote's transaction
    and its subtransactions (a savepoint gets its own xid) all fall between its two bounds."""
    prints = footprints()
    out = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        total: Counter = Counter()
        for xid in range(lo + 1, hi):
            total += prints.get(xid, Counter())
        out.append(total)
    return out


def column_types(table: str) -> dict[str, str]:
    with connection.cursor() as cur:
        desc = connection.introspection.get_table_description(cur, table)
    return {c.name: connection.introspection.get_field_type(c.type_code, c) for c in desc}


def positional_matches(votes: list, stored: list) -> int:
    """The link "i-th voter ↔ i-th stored paper": how many voters it gets right."""
    assert len(votes) == len(stored)
    return sum(1 for v, s in zip(votes, stored, strict=True) if v == s)


def _one_ballot(n: int, k: int) -> dict[int, Fraction]:
    """Matches of that link when the n papers (k of one kind) are in a uniformly random order:
    with y papers of the first kind on the first kind's places, matches = y + (n-k) - (k-y)."""
    total = comb(n, k)
    return {
        2 * y + n - 2 * k: Fraction(comb(k, y) * comb(n - k, k - y), total)
        for y in range(max(0, 2 * k - n), k + 1)
    }


def chance(ballots: list[list]) -> tuple[Fraction, dict[int, Fraction]]:
    """(expected matches, exact distribution) of the summed matches over two-valued ballots
    whose papers are stored in random order."""
    dist = {0: Fraction(1)}
    for votes in ballots:
        values = sorted(set(votes))
        assert len(values) <= 2
        one = _one_ballot(len(votes), votes.count(values[0]))
        nxt: dict[int, Fraction] = {}
        for a, pa in dist.items():
            for b, pb in one.items():
                nxt[a + b] = nxt.get(a + b, Fraction(0)) + pa * pb
        dist = nxt
    mean = sum(m * p for m, p in dist.items())
    return mean, dist


def chance_bound(ballots: list[list], p: Fraction = Fraction(1, 10**6)) -> tuple[Fraction, int]:
    """(expected matches, the smallest m such that chance reaches m or more with probability
    below ``p``): an order that links ``m`` or more is not chance."""
    mean, dist = chance(ballots)
    tail = Fraction(0)
    for m in sorted(dist, reverse=True):
        if tail + dist[m] >= p:
            return mean, m + 1
        tail += dist[m]
    return mean, 0
