"""Import jobs survive a crashed worker: claim and lease, checkpoint per batch, stale detection
and resume, cancel and retry (services and the job page).

A crash is simulated in-process by a BaseException raised before a batch writes (like SIGKILL,
nothing of the import's own error handling runs); the real-process test is test_crash_pg.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.imports.conftest import people_file, person_row
from vinhdanh.core import jobs
from vinhdanh.core.models import AuditEntry
from vinhdanh.imports import services
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.kinds import base, people
from vinhdanh.imports.models import ImportJob
from vinhdanh.orgs.models import Membership, Person


class Crash(BaseException):
    """Stands for the worker being killed: not an Exception, so no handler catches it."""


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(base, "PROGRESS_EVERY", 4)


def _crash_on_batch(monkeypatch, n: int, before=None):
    """Let n-1 batches write, then 'kill' the worker before batch n (``before`` runs first)."""
    real = people._write
    calls = [0]

    def write(built, ctx, today):
        calls[0] += 1
        if before is not None:
            before(calls[0])
        if calls[0] == n:
            raise Crash()
        real(built, ctx, today)

    monkeypatch.setattr(people, "_write", write)
    return calls


def _checked(run_import, user, n=10):
    job = run_import(user, "people", people_file([person_row(i) for i in range(n)]), confirm=False)
    assert job.status == JobStatus.VALIDATED
    return job


def _age(job, seconds=600):
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


@pytest.mark.django_db
def test_claim_gives_one_lease_and_a_stale_one_can_be_taken_over(tree, personas, run_import):
    job = _checked(run_import, personas.unit_officer, 2)
    assert jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING]) is None  # not confirmed yet
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.APPLYING)

    first = jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING])
    assert first and jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING]) is None
    job.refresh_from_db()
    assert job.lease == first and job.attempts == 1 and not job.is_stale

    _age(job)
    job.refresh_from_db()
    assert job.is_stale
    second = jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING])
    assert second and second != first
    job.refresh_from_db()
    assert job.lease == second and job.attempts == 2
    # The dead worker's next batch finds its lease gone: it raises, so the batch rolls back.
    with pytest.raises(jobs.LeaseLost):
        jobs.checkpoint(ImportJob, job.pk, first, processed_rows=1)
    job.refresh_from_db()
    assert job.processed_rows != 1


@pytest.mark.django_db
def test_crashed_import_is_detected_and_resumed_from_its_checkpoint(
    tree, personas, run_import, small_batches, monkeypatch, django_capture_on_commit_callbacks
):
    job = _checked(run_import, personas.unit_officer)
    _crash_on_batch(monkeypatch, 3)
    with pytest.raises(Crash):
        services.import_confirm(personas.unit_officer, job)
    job.refresh_from_db()
    # Two batches of 4 committed with their checkpoint; the job is left running with a lease.
    assert Person.objects.count() == 8
    assert job.status == JobStatus.APPLYING and job.lease
    assert job.checkpoint["rows"] == 8 and job.checkpoint["counts"]["create"] == 8
    assert job.processed_rows == 8

    assert services.recover_stale_imports() == 0  # its heartbeat is fresh: not stale yet
    monkeypatch.undo()
    monkeypatch.setattr(base, "PROGRESS_EVERY", 4)
    _age(job)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recover_stale_imports() == 1

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.lease == "" and job.attempts == 2
    assert Person.objects.count() == 10
    assert Membership.objects.filter(end__isnull=True).count() == 10
    assert job.summary["create"] == 10 and job.summary["unchanged"] == 0
    # Each person was created (and audited) exactly once.
    creates = AuditEntry.objects.filter(object_type="orgs.person", action="create")
    assert creates.count() == 10 and creates.values("object_id").distinct().count() == 10
    note = AuditEntry.objects.filter(object_type="imports.importjob", action="update").get().note
    assert "dừng đột ngột" in note and "lần 2" in note


@pytest.mark.django_db
def test_a_job_that_keeps_crashing_is_failed_with_the_reason(
    tree, personas, run_import, small_batches, monkeypatch
):
    job = _checked(run_import, personas.unit_officer)
    _crash_on_batch(monkeypatch, 2)
    with pytest.raises(Crash):
        services.import_confirm(personas.unit_officer, job)
    ImportJob.objects.filter(pk=job.pk).update(attempts=jobs.MAX_ATTEMPTS)
    _age(job)
    assert services.recover_stale_imports() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.lease == "" and job.finished_at
    message = job.errors[0]["message"]
    assert "dừng đột ngột 3 lần" in message and "Đã ghi 4 dòng (đến dòng 5 trong tệp)" in message
    assert Person.objects.count() == 4
    # The page lists what was written and offers the retry.
    assert job.written["rows"] == 4 and job.can_retry


@pytest.mark.django_db
def test_cancel_stops_a_running_import_between_batches_and_retry_finishes_it(
    tree, personas, run_import, small_batches, monkeypatch, login
):
    job = _checked(run_import, personas.unit_officer)

    def cancel_before_second(n):
        if n == 2:
            running = ImportJob.objects.get(pk=job.pk)
            assert services.import_cancel(personas.unit_officer, running).cancel_requested

    _crash_on_batch(monkeypatch, 99, before=cancel_before_second)
    job = services.import_confirm(personas.unit_officer, job)
    assert job.status == JobStatus.CANCELLED and not job.cancel_requested and job.lease == ""
    # The second batch was rolled back with its checkpoint: only the first one is kept, listed.
    assert Person.objects.count() == 4 and job.written["rows"] == 4
    entry = (
        AuditEntry.objects.filter(object_type="imports.importjob", action="transition")
        .order_by("id")
        .last()
    )
    assert entry.changes == {"status": ["applying", "cancelled"]}
    assert "Đã ghi 4 dòng (đến dòng 5 trong tệp)" in entry.note
    page = login(personas.unit_officer).get(f"/nhap-excel/lan-nhap/{job.pk}/").content.decode()
    assert "đã ghi 4 dòng (đến dòng 5 trong tệp), gồm tạo mới 4, cập nhật 0" in page

    monkeypatch.undo()
    job = services.import_retry(personas.unit_officer, job)
    assert job.status == JobStatus.DONE
    assert Person.objects.count() == 10 and job.summary["create"] == 10
    retry = AuditEntry.objects.filter(note__startswith="Chạy lại").get()
    assert retry.changes == {"status": ["cancelled", "applying"]} and "6 dòng" in retry.note


@pytest.mark.django_db
def test_cancel_of_a_checked_job_and_retry_checks_it_again(tree, personas, run_import):
    job = _checked(run_import, personas.unit_officer, 3)
    job = services.import_cancel(personas.unit_officer, job)
    assert job.status == JobStatus.CANCELLED and Person.objects.count() == 0
    with pytest.raises(services.ImportsError, match="Không thể hủy"):
        services.import_cancel(personas.unit_officer, job)
    job = services.import_retry(personas.unit_officer, job)
    assert job.status == JobStatus.VALIDATED and job.summary["create"] == 3
    with pytest.raises(services.ImportsError, match="Chỉ chạy lại"):
        services.import_retry(personas.unit_officer, job)


@pytest.mark.django_db
def test_cancel_of_a_job_whose_worker_died_is_immediate(
    tree, personas, run_import, small_batches, monkeypatch
):
    job = _checked(run_import, personas.unit_officer)
    _crash_on_batch(monkeypatch, 2)
    with pytest.raises(Crash):
        services.import_confirm(personas.unit_officer, job)
    _age(job)
    job = services.import_cancel(personas.unit_officer, ImportJob.objects.get(pk=job.pk))
    assert job.status == JobStatus.CANCELLED and job.written["rows"] == 4


@pytest.mark.django_db
def test_a_running_job_cannot_be_run_twice(tree, personas, run_import):
    job = _checked(run_import, personas.unit_officer, 2)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.APPLYING)
    assert jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING])  # another worker holds it
    services.import_apply(job.pk)  # a duplicate task: does nothing
    job.refresh_from_db()
    assert job.status == JobStatus.APPLYING and Person.objects.count() == 0


@pytest.mark.django_db
def test_job_page_cancel_and_retry(tree, personas, run_import, login, client):
    job = _checked(run_import, personas.unit_officer, 2)
    login(personas.unit_officer)
    page = client.get(f"/nhap-excel/lan-nhap/{job.pk}/").content.decode()
    assert "Hủy lần nhập" in page
    response = client.post(f"/nhap-excel/lan-nhap/{job.pk}/huy/", follow=True)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert "Đã hủy lần nhập." in response.content.decode()
    assert "Thử lại" in response.content.decode()
    response = client.post(f"/nhap-excel/lan-nhap/{job.pk}/chay-lai/", follow=True)
    job.refresh_from_db()
    assert (
        job.status == JobStatus.VALIDATED and "Đã chạy lại lần nhập." in response.content.decode()
    )


@pytest.mark.django_db
def test_job_page_actions_refuse_anonymous_and_outsider(tree, personas, run_import, login, client):
    job = _checked(run_import, personas.unit_officer, 2)
    for action in ("huy", "chay-lai"):
        url = f"/nhap-excel/lan-nhap/{job.pk}/{action}/"
        response = client.post(url)
        assert response.status_code == 302 and "/dang-nhap" in response["Location"]
    login(personas.outsider)
    for action in ("huy", "chay-lai"):
        assert client.post(f"/nhap-excel/lan-nhap/{job.pk}/{action}/").status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED
    with pytest.raises(services.ImportsError):
        services.import_cancel(personas.outsider, job)
    assert not AuditEntry.objects.filter(actor=personas.outsider).exists()


@pytest.mark.django_db
def test_stale_job_page_says_the_worker_stopped(tree, personas, run_import, login, client):
    job = _checked(run_import, personas.unit_officer, 2)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.APPLYING, lease="x" * 32)
    _age(job)
    login(personas.unit_officer)
    page = client.get(f"/nhap-excel/lan-nhap/{job.pk}/").content.decode()
    assert "Không nhận được tín hiệu từ tiến trình xử lý" in page and "Hủy lần nhập" in page


def test_resume_skips_committed_rows_across_register_sheets_in_writing_order():
    from vinhdanh.imports import pipeline
    from vinhdanh.imports.kinds.register import BOOKS

    first, second = BOOKS[0].sheet.name, BOOKS[1].sheet.name
    staged = {second: [[2, "x"], [3, "y"]], first: [[2, "a"], [3, "b"], [4, "c"]]}
    assert pipeline.staged_count(pipeline.remaining("register", staged, 0)) == 5
    rest = pipeline.remaining("register", staged, 4)
    assert rest[first] == [] and rest[second] == [[3, "y"]]
    assert pipeline.row_at("register", staged, 3) == (second, 2)
    assert pipeline.row_at("register", staged, 2) == (first, 4)
    people = {"rows": [[2, "1"], [3, "2"]]}
    assert pipeline.remaining("people", people, 1) == {"rows": [[3, "2"]]}
    assert pipeline.row_at("people", people, 1) == ("", 3)


@pytest.mark.django_db
def test_crashed_register_import_resumes_across_sheets(
    tree, personas, people, run_import, small_batches, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from tests.imports.test_register import register_file
    from vinhdanh.imports.kinds import register
    from vinhdanh.registry.models import HonourRecord, RatingRecord

    an, binh = people.an, people.binh
    ratings = [[p.cccd, year, "HTT"] for p in (an, binh) for year in range(2016, 2021)]  # 10 rows
    honours = [[an.cccd, "LDTT", year, None, None, None, None] for year in range(2016, 2019)]
    job = run_import(
        personas.unit_officer, "register", register_file(ratings=ratings, honours=honours),
        confirm=False,
    )  # fmt: skip
    assert job.status == JobStatus.VALIDATED, job.errors
    real = register._write_chunk
    calls = [0]

    def write(*args):
        calls[0] += 1
        if calls[0] == 3:  # batches: ratings 4 + 4 committed, then the worker dies
            raise Crash()
        real(*args)

    monkeypatch.setattr(register, "_write_chunk", write)
    with pytest.raises(Crash):
        services.import_confirm(personas.unit_officer, job)
    job.refresh_from_db()
    assert RatingRecord.objects.count() == 8 and job.checkpoint["rows"] == 8
    assert job.checkpoint["last"] == ["Xếp loại", 9]

    monkeypatch.setattr(register, "_write_chunk", real)
    _age(job)
    with django_capture_on_commit_callbacks(execute=True):
        services.recover_stale_imports()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.errors
    assert RatingRecord.objects.count() == 10 and HonourRecord.objects.count() == 3
    assert job.summary["create"] == 13
    assert job.summary["sheets"]["Xếp loại"]["create"] == 10
