"""The real crash: a worker process killed with SIGKILL in the middle of a 20,000-row import.

PostgreSQL only (skipped on SQLite): the test commits for real and runs ``manage.py db_worker``
as separate processes against the test database. The register must end with exactly 20,000 new
people (the job resumed from its checkpoint) and the job in a final state.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from tests.imports.conftest import people_file, person_row, upload
from tests.worker_process import kill, start_worker, stop, wait_for
from vinhdanh.core.models import AuditEntry
from vinhdanh.imports import services
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.models import ImportJob
from vinhdanh.orgs.models import Membership, Person

ROWS = 20_000
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.mark.worker_process
@pytest.mark.skipif(not ON_POSTGRES, reason="Real worker process test: needs PostgreSQL.")
@pytest.mark.django_db(transaction=True)
def test_import_survives_kill_9_of_the_worker(tree, personas, settings, tmp_path):
    from django_tasks_db.models import DBTaskResult

    before = Person.objects.count()
    settings.IMPORT_BACKGROUND_ROWS = 1_000_000  # check inline in this process
    content = people_file([person_row(i) for i in range(ROWS)])
    job = services.import_upload(personas.unit_officer, kind="people", upload=upload(content))
    assert job.status == JobStatus.VALIDATED and job.summary["create"] == ROWS

    settings.TASKS = DB_TASKS
    settings.IMPORT_BACKGROUND_ROWS = 500
    job = services.import_confirm(personas.unit_officer, job)
    assert job.status == JobStatus.APPLYING and DBTaskResult.objects.count() == 1

    log = tmp_path / "worker.log"
    first = start_worker(log)
    second = None
    try:
        written = wait_for(
            lambda: (ImportJob.objects.get(pk=job.pk).checkpoint or {}).get("rows"),
            timeout=60, what="the first committed batch", log=log, step=0.01,
        )  # fmt: skip
        kill(first)
        job.refresh_from_db()
        partial = Person.objects.count() - before
        assert 0 < written < ROWS, "the kill must land in the middle of the import"
        # What the dead worker left: committed batches only, and the job still "running".
        assert partial == job.checkpoint["rows"] and partial % 2_000 == 0
        assert job.status == JobStatus.APPLYING and job.lease

        second = start_worker(log)
        wait_for(
            lambda: ImportJob.objects.get(pk=job.pk).status not in {"applying", "validating"},
            timeout=120, what="the resumed job to finish", log=log, step=0.2,
        )  # fmt: skip
    finally:
        kill(first)
        if second is not None:
            stop(second)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.errors
    assert Person.objects.count() == before + ROWS
    assert Membership.objects.filter(end__isnull=True).count() == before + ROWS
    assert job.summary["create"] == ROWS and job.attempts == 2 and job.lease == ""
    # The dead worker's task result is closed; the resuming one succeeded.
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL"]
    creates = AuditEntry.objects.filter(object_type="orgs.person", action="create")
    assert creates.count() == ROWS
    assert AuditEntry.objects.filter(
        object_type="imports.importjob", note__contains="dừng đột ngột"
    ).exists()


@pytest.mark.skipif(not ON_POSTGRES, reason="Row locks between sessions: needs PostgreSQL.")
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_get_one_lease(tree, personas, run_import):
    import threading

    from django.db import connection as conn

    from vinhdanh.core import jobs

    job = run_import(personas.unit_officer, "people", people_file([person_row(1)]), confirm=False)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.APPLYING)
    barrier = threading.Barrier(8)
    tokens = []

    def worker():
        try:
            barrier.wait()
            tokens.append(jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING]))
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [t for t in tokens if t]
    assert len(tokens) == 8 and len(won) == 1
    job.refresh_from_db()
    assert job.lease == won[0] and job.attempts == 1
