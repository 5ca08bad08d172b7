"""The real crash for a candidate run: its worker process killed with SIGKILL while it runs.

PostgreSQL only (skipped on SQLite): the run must end done (computed again by a second worker,
one file) and never stay "running".
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings as django_settings

from tests.worker_process import kill, start_worker, stop, wait_for
from vinhdanh.orgs.models import Membership, Person
from vinhdanh.orgs.validators import make_cccd
from vinhdanh.rules import services
from vinhdanh.rules.candidates import CandidateFilter
from vinhdanh.rules.enums import RunStatus
from vinhdanh.rules.models import EligibilityRun

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
PEOPLE = 6_000
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _many_people(unit) -> None:
    people = []
    for i in range(PEOPLE):
        birth = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        p = Person(full_name=f"Nguyễn Văn Thử {i}", gender="male", date_of_birth=birth,
                   cccd=make_cccd(1, "male", birth.year, 700000 + i), unit=unit,
                   position="Chuyên viên", hired_on=dt.date(2010, 1, 1))  # fmt: skip
        p.refresh_derived()
        people.append(p)
    Person.objects.bulk_create(people, batch_size=2_000)
    Membership.objects.bulk_create(
        [Membership(person=p, unit=unit, start=dt.date(2010, 1, 1)) for p in people],
        batch_size=2_000,
    )


@pytest.mark.worker_process
@pytest.mark.skipif(not ON_POSTGRES, reason="Real worker process test: needs PostgreSQL.")
@pytest.mark.django_db(transaction=True)
def test_candidate_run_survives_kill_9_of_the_worker(tree, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DB_TASKS
    _many_people(tree.syt)
    run = services.eligibility_run_start(
        personas.unit_officer, unit=tree.syt, f=CandidateFilter(year=2025, status="")
    )
    assert run.total >= PEOPLE

    log = tmp_path / "worker.log"
    first = start_worker(log)
    second = None
    try:
        wait_for(
            lambda: EligibilityRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING)
            .exclude(lease="")
            .exists(),
            timeout=60, what="the run to start", log=log, step=0.01,
        )  # fmt: skip
        time.sleep(0.5)  # well inside the computation
        kill(first)
        run.refresh_from_db()
        assert run.status == RunStatus.RUNNING and run.lease and not run.file, (
            "the kill must land while the run computes"
        )

        second = start_worker(log)
        wait_for(
            lambda: not EligibilityRun.objects.get(pk=run.pk).is_running,
            timeout=120, what="the run to finish", log=log, step=0.2,
        )  # fmt: skip
    finally:
        kill(first)
        if second is not None:
            stop(second)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.file and run.attempts == 2 and run.lease == ""
    assert run.processed == run.total and run.result_count > 0
    from django_tasks_db.models import DBTaskResult

    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL"]
