import pytest
from django.core.management import call_command

from tests.imports.conftest import people_file, person_row, upload
from vinhdanh.imports import services
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.models import ImportJob
from vinhdanh.orgs.models import Membership, Person

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_large_file_is_checked_and_written_by_the_database_worker(tree, personas, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    settings.IMPORT_BACKGROUND_ROWS = 5
    job = services.import_upload(
        personas.unit_officer,
        kind="people",
        upload=upload(people_file([person_row(i) for i in range(12)])),
    )
    assert job.status == JobStatus.VALIDATING and job.processed_rows == 0 and job.total_rows == 12
    pending = DBTaskResult.objects.get(id=job.task_result_id)
    assert pending.status == "READY" and pending.task_path == "vinhdanh.imports.tasks.validate_job"

    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED and job.percent == 100 and job.summary["create"] == 12
    assert Person.objects.count() == 0

    job = services.import_confirm(personas.unit_officer, job)
    assert (
        job.status == JobStatus.APPLYING and job.processed_rows == 0 and Person.objects.count() == 0
    )
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "READY"

    run_worker()
    job.refresh_from_db()
    assert (
        job.status == JobStatus.DONE
        and job.processed_rows == job.total_rows == 12
        and job.percent == 100
    )
    assert (
        Person.objects.count() == 12 and Membership.objects.filter(end__isnull=True).count() == 12
    )
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


@pytest.mark.django_db
def test_small_file_runs_inline_without_queue(tree, personas, settings):
    settings.TASKS = DB_TASKS
    job = services.import_upload(
        personas.unit_officer, kind="people", upload=upload(people_file([person_row(1)]))
    )
    assert job.status == JobStatus.VALIDATED and job.task_result_id == ""


@pytest.mark.django_db
def test_progress_is_reported_per_batch_not_per_row(tree, personas, monkeypatch, run_import):
    from vinhdanh.imports.kinds import base

    reports = []
    real = services._progress

    def spy(job_pk, done):
        reports.append((ImportJob.objects.get(pk=job_pk).status, done))
        real(job_pk, done)

    monkeypatch.setattr(base, "PROGRESS_EVERY", 4)
    monkeypatch.setattr(services, "_progress", spy)
    job = run_import(
        personas.unit_officer, "people", people_file([person_row(i) for i in range(10)])
    )
    assert job.status == JobStatus.DONE
    assert reports == [
        ("validating", 4),
        ("validating", 8),
        ("applying", 4),
        ("applying", 8),
        ("applying", 10),
    ]
    assert job.processed_rows == 10 and job.percent == 100
