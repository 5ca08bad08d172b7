"""Long background jobs that survive a crashed worker: claim, lease, heartbeat, stale detection.

A job model (``ImportJob``, ``EligibilityRun``) carries four fields: ``lease`` (the token of the
process running it, "" when nobody does), ``heartbeat_at`` (refreshed by every committed batch and
by a small thread while it runs), ``attempts`` and ``cancel_requested``.

- ``claim`` takes a job for this process: ``select_for_update(skip_locked=True)`` on the row and a
  conditional UPDATE (only when the lease is free or its heartbeat is stale), so two workers never
  run the same job, on PostgreSQL and on SQLite alike.
- ``Heartbeat`` refreshes ``heartbeat_at`` every ``JOBS_HEARTBEAT_SECONDS`` from a thread.
- ``checkpoint`` is called inside each batch's transaction: it refreshes the heartbeat only if the
  lease is still ours (else ``LeaseLost`` rolls the batch back) and stops on a cancel request.
- ``recover_stale`` (the worker runs it at start and every ``JOBS_RECOVER_SECONDS``; see the
  ``db_worker`` command of this app) hands every job whose heartbeat is older than
  ``JOBS_STALE_SECONDS`` to its app's recoverer, which resumes it or marks it failed.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


class JobCancelled(Exception):
    """The user asked to cancel; raised between batches."""


class LeaseLost(Exception):
    """Another process took the job over (ours was considered dead); stop without writing."""


def stale_seconds() -> float:
    return float(getattr(settings, "JOBS_STALE_SECONDS", 60))


def stale_before():
    return timezone.now() - timedelta(seconds=stale_seconds())


def new_token() -> str:
    return uuid.uuid4().hex


def is_stale(job) -> bool:
    """Running but silent: no heartbeat for longer than JOBS_STALE_SECONDS."""
    return job.heartbeat_at is not None and job.heartbeat_at < stale_before()


def claim(model, pk: int, statuses) -> str | None:
    """Take job ``pk`` for this process if it is in ``statuses`` and nobody alive holds it.

    Returns the lease token, or None when the job is finished, cancelled or held by a live worker.
    """
    token = new_token()
    free = Q(lease="") | Q(heartbeat_at__lt=stale_before()) | Q(heartbeat_at__isnull=True)
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True)
            .filter(free, pk=pk, status__in=list(statuses), cancel_requested=False)
            .values_list("pk", flat=True)
            .first()
        )
        if row is None:
            return None
        taken = model.objects.filter(free, pk=pk, status__in=list(statuses)).update(
            lease=token, heartbeat_at=timezone.now(), attempts=F("attempts") + 1
        )
    return token if taken else None


def release(model, pk: int, token: str) -> None:
    model.objects.filter(pk=pk, lease=token).update(lease="")


def checkpoint(model, pk: int, token: str, **fields) -> None:
    """Inside a batch's transaction: save progress if the lease is still ours, then honour a
    cancel request (raising rolls the batch back, so a cancelled job writes nothing more)."""
    if token:
        n = model.objects.filter(pk=pk, lease=token).update(heartbeat_at=timezone.now(), **fields)
        if not n:
            raise LeaseLost(f"{model.__name__} #{pk}: lease lost")
    elif fields:
        model.objects.filter(pk=pk).update(**fields)
    if model.objects.filter(pk=pk, cancel_requested=True).exists():
        raise JobCancelled()


class Heartbeat:
    """Refresh ``heartbeat_at`` from a thread while a job runs (between batches too).

    Off in tests (``JOBS_HEARTBEAT_THREAD``): a test's own transaction is invisible to the
    thread's connection; batches still beat through ``checkpoint``.
    """

    def __init__(self, model, pk: int, token: str):
        self.model, self.pk, self.token = model, pk, token
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        interval = float(getattr(settings, "JOBS_HEARTBEAT_SECONDS", 10))
        try:
            while not self._stop.wait(interval):
                try:
                    self.model.objects.filter(pk=self.pk, lease=self.token).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception:  # a failed beat is retried; the batch beats too
                    logger.exception("Heartbeat of %s #%s failed", self.model.__name__, self.pk)
        finally:
            connection.close()

    def __enter__(self):
        if self.token and getattr(settings, "JOBS_HEARTBEAT_THREAD", True):
            self._thread = threading.Thread(
                target=self._run, name=f"heartbeat-{self.pk}", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


RECOVERERS: list[Callable[[], int]] = []


def recoverer(func: Callable[[], int]) -> Callable[[], int]:
    """Register an app's stale-job recoverer (returns how many jobs it handled)."""
    RECOVERERS.append(func)
    return func


def recover_stale() -> int:
    """Resume or fail every job whose worker died. Safe to run from several workers at once."""
    from vinhdanh.imports import services as _imports  # noqa: F401  (registers its recoverer)
    from vinhdanh.rules import services as _rules  # noqa: F401

    handled = 0
    for func in RECOVERERS:
        try:
            handled += func()
        except Exception:
            logger.exception("Stale job recovery %s failed", func.__name__)
    return handled


class WorkerDied(Exception):
    """Recorded on the task result of a worker that died while running it."""


def close_dead_task(task_path: str, pk: int, reason: str) -> int:
    """Mark the dead worker's django-tasks result (left RUNNING forever) as failed."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another task backend
        return 0
    return DBTaskResult.objects.filter(
        status="RUNNING", task_path=task_path, args_kwargs={"args": [pk], "kwargs": {}}
    ).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path=f"{__name__}.WorkerDied",
        traceback=reason,
    )


def stale_rows(model, statuses):
    """Running jobs whose heartbeat is too old, locked for this process (others skip them)."""
    return model.objects.select_for_update(skip_locked=True).filter(
        status__in=list(statuses), heartbeat_at__lt=stale_before(), cancel_requested=False
    )


def stale_cancelled(model, statuses):
    return model.objects.select_for_update(skip_locked=True).filter(
        Q(heartbeat_at__lt=stale_before()) | Q(lease=""),
        status__in=list(statuses),
        cancel_requested=True,
    )
