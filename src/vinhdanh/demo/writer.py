"""Fast inserts for generated rows: COPY on PostgreSQL, bulk_create elsewhere.

Rows arrive as plain tuples (no model instances) so that a million ratings cost little
memory and time; the sink adds the timestamps and the ``source = demo`` column.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.utils import timezone

from vinhdanh.orgs.models import Membership, Person
from vinhdanh.registry.models import (
    DisciplineRecord,
    EntrySource,
    HonourRecord,
    InitiativeRecord,
    RatingRecord,
)

# Columns of each row tuple after the common (created_at, updated_at, note, source) prefix.
RATING_FIELDS = ("person_id", "unit_id", "year", "rating_id")
HONOUR_FIELDS = (
    "person_id", "unit_id", "honour_id", "achievement_year",
    "decision_number", "decision_date", "issuer", "signer",
)  # fmt: skip
INITIATIVE_FIELDS = (
    "person_id",
    "unit_id",
    "kind_id",
    "scope_id",
    "year",
    "title",
    "document",
    "document_date",
)
DISCIPLINE_FIELDS = ("person_id", "unit_id", "form_id", "start", "end", "decision")
MEMBERSHIP_FIELDS = ("person_id", "unit_id", "position", "start", "end")
PERSON_FIELDS = (
    "created_at", "updated_at", "full_name", "gender", "date_of_birth", "cccd", "position",
    "is_leader", "is_direct_worker", "hired_on", "unit_id", "pending_review",
    "pending_review_note", "name_folded", "sort_key",
)  # fmt: skip

RECORD_MODELS = {
    "ratings": (RatingRecord, RATING_FIELDS),
    "honours": (HonourRecord, HONOUR_FIELDS),
    "initiatives": (InitiativeRecord, INITIATIVE_FIELDS),
    "discipline": (DisciplineRecord, DISCIPLINE_FIELDS),
}


class Sink:
    """Collects rows per table and writes them in batches."""

    def __init__(self, *, batch_size: int = 5000, use_copy: bool | None = None):
        self.batch_size = batch_size
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy
        self.now = timezone.now()
        self.counts: Counter[str] = Counter()
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._derived: dict[str, tuple[str, str, str]] = {}
        self._queue: queue.Queue | None = None
        self._workers: list[threading.Thread] = []
        self._errors: list[BaseException] = []

    # --- parallel COPY (PostgreSQL, outside any transaction) -------------------------------
    def start_parallel(self, workers: int = 2, session_sql: tuple[str, ...] = ()) -> None:
        """Hand COPY batches to ``workers`` threads, each with its own connection.

        The database then indexes one batch while Python generates the next, on as many
        server processes as there are workers. Each batch commits on its own, so this is only
        for loads that need no enclosing transaction and no foreign-key checks between
        batches (``generate_dataset`` as a PostgreSQL superuser).
        """
        self._queue = queue.Queue(maxsize=2 * workers)
        for _ in range(workers):
            thread = threading.Thread(target=self._work, args=(session_sql,), daemon=True)
            thread.start()
            self._workers.append(thread)

    def finish(self) -> None:
        """Wait for the queued batches; re-raise the first error of a worker."""
        if self._queue is None:
            return
        for _ in self._workers:
            self._queue.put(None)
        for thread in self._workers:
            thread.join()
        self._queue, self._workers = None, []
        if self._errors:
            raise self._errors[0]

    def _work(self, session_sql: tuple[str, ...]) -> None:
        from django.db import connection as own  # a new connection: connections are per thread

        try:
            with own.cursor() as cur:
                for sql in session_sql:
                    cur.execute(sql)
            while (item := self._queue.get()) is not None:
                if self._errors:
                    continue  # keep draining so the producer never blocks
                try:
                    with transaction.atomic():
                        self._copy_rows(*item)
                except BaseException as exc:  # noqa: BLE001 - reported by finish()
                    self._errors.append(exc)
        finally:
            own.close()

    # --- people -------------------------------------------------------------------------
    def add_people(self, people: list[Person]) -> None:
        """Insert people and set their primary keys."""
        for p in people:
            # Names repeat a lot: compute the derived columns once per distinct name.
            derived = self._derived.get(p.full_name)
            if derived is None:
                raw = p.full_name
                p.refresh_derived()
                derived = self._derived[raw] = (p.full_name, p.name_folded, p.sort_key)
            p.full_name, p.name_folded, p.sort_key = derived
            p.created_at = p.updated_at = self.now
        if self.use_copy:
            ids = self._reserve_ids(Person, len(people))
            for p, pk in zip(people, ids, strict=True):
                p.pk = pk
            rows = ((p.pk, *(getattr(p, f) for f in PERSON_FIELDS)) for p in people)
            self._copy(Person, ("id", *PERSON_FIELDS), rows)
        else:
            Person.objects.bulk_create(people, batch_size=self.batch_size)
        self.counts["people"] += len(people)

    def add_memberships(self, rows: list[tuple]) -> None:
        if self.use_copy:
            self._copy(Membership, MEMBERSHIP_FIELDS, rows)
        else:
            Membership.objects.bulk_create(
                (Membership(**dict(zip(MEMBERSHIP_FIELDS, r, strict=True))) for r in rows),
                batch_size=self.batch_size,
            )
        self.counts["memberships"] += len(rows)

    def add_records(self, kind: str, rows: list[tuple]) -> None:
        """``kind`` is one of ratings, honours, initiatives, discipline."""
        if not rows:
            return
        model, fields = RECORD_MODELS[kind]
        if self.use_copy:
            prefix = (self.now, self.now, "", EntrySource.DEMO.value)
            self._copy(
                model,
                ("created_at", "updated_at", "note", "source", *fields),
                (prefix + r for r in rows),
            )
        else:
            objs = (
                model(source=EntrySource.DEMO, **dict(zip(fields, r, strict=True))) for r in rows
            )
            model.objects.bulk_create(objs, batch_size=self.batch_size)
        self.counts[kind] += len(rows)

    # --- PostgreSQL ---------------------------------------------------------------------
    def _reserve_ids(self, model, n: int) -> list[int]:
        table = model._meta.db_table
        with connection.cursor() as cur:
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, n],
            )
            return [r[0] for r in cur.fetchall()]

    def _copy(self, model, fields, rows) -> None:
        if self._queue is not None:
            if self._errors:
                raise self._errors[0]
            self._queue.put((model, fields, list(rows)))
            return
        started = time.monotonic()
        self._copy_rows(model, fields, rows)
        self.seconds[model._meta.db_table] += time.monotonic() - started

    def _copy_rows(self, model, fields, rows) -> None:
        meta = model._meta
        columns = ", ".join(
            connection.ops.quote_name(
                meta.get_field(f.removesuffix("_id") if f != "id" else f).column
            )
            for f in fields
        )
        sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"  # noqa: S608
        with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
