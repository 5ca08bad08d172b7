"""Candidate runs survive a crashed worker: claim, stale detection and re-run, cancel, retry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vinhdanh.core import jobs
from vinhdanh.core.models import AuditEntry
from vinhdanh.rules import services
from vinhdanh.rules.candidates import CandidateFilter
from vinhdanh.rules.enums import RunStatus
from vinhdanh.rules.models import EligibilityRun

ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _queued(personas, tree, django_capture_on_commit_callbacks) -> EligibilityRun:
    with django_capture_on_commit_callbacks(execute=False):  # queued, nobody runs it yet
        run = services.eligibility_run_start(
            personas.unit_officer, unit=tree.syt, f=CandidateFilter(year=2025)
        )
    return run


def _died_while_running(run: EligibilityRun) -> str:
    """A worker claimed the run, marked it running, then was killed (no heartbeat since)."""
    token = jobs.claim(EligibilityRun, run.pk, ACTIVE)
    EligibilityRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    return token


def test_a_claimed_run_is_not_run_twice(personas, tree, due, django_capture_on_commit_callbacks):
    run = _queued(personas, tree, django_capture_on_commit_callbacks)
    assert jobs.claim(EligibilityRun, run.pk, ACTIVE)
    services.eligibility_run_execute(run.pk)  # a second worker: does nothing
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and not run.file and run.attempts == 1


def test_run_whose_worker_died_is_run_again(
    personas, tree, due, django_capture_on_commit_callbacks
):
    run = _queued(personas, tree, django_capture_on_commit_callbacks)
    dead = _died_while_running(run)
    run.refresh_from_db()
    assert run.is_stale and run.lease == dead
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recover_stale_runs() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.file and run.lease == "" and run.attempts == 2
    assert run.result_count >= 1
    entry = AuditEntry.objects.get(object_type="rules.eligibilityrun", action="update")
    assert entry.changes == {"status": ["running", "queued"]} and "dừng đột ngột" in entry.note


def test_run_that_keeps_dying_is_failed_with_the_reason(
    personas, tree, due, django_capture_on_commit_callbacks
):
    run = _queued(personas, tree, django_capture_on_commit_callbacks)
    _died_while_running(run)
    EligibilityRun.objects.filter(pk=run.pk).update(attempts=jobs.MAX_ATTEMPTS)
    assert services.recover_stale_runs() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "dừng đột ngột 3 lần" in run.error
    assert run.can_retry and not run.file
    assert AuditEntry.objects.filter(
        object_type="rules.eligibilityrun", changes__status=["running", "failed"]
    ).exists()


def test_cancel_a_queued_run_then_retry(personas, tree, due, django_capture_on_commit_callbacks):
    run = _queued(personas, tree, django_capture_on_commit_callbacks)
    run = services.eligibility_run_cancel(personas.unit_officer, run)
    assert run.status == RunStatus.CANCELLED
    services.eligibility_run_execute(run.pk)  # the queued task comes later: does nothing
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED and not run.file
    with pytest.raises(services.RulesError, match="Không thể hủy"):
        services.eligibility_run_cancel(personas.unit_officer, run)
    with django_capture_on_commit_callbacks(execute=True):
        services.eligibility_run_retry(personas.unit_officer, run)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.file
    changes = list(
        AuditEntry.objects.filter(object_type="rules.eligibilityrun", action="transition")
        .order_by("id")
        .values_list("changes", flat=True)
    )
    assert changes == [{"status": ["queued", "cancelled"]}, {"status": ["cancelled", "queued"]}]


def test_cancel_a_running_run_stops_it_without_a_file(
    personas, tree, due, monkeypatch, django_capture_on_commit_callbacks
):
    run = _queued(personas, tree, django_capture_on_commit_callbacks)
    real = services.candidate_rows

    def cancelled_meanwhile(unit, f, **kwargs):
        running = EligibilityRun.objects.get(pk=run.pk)
        assert services.eligibility_run_cancel(personas.unit_officer, running).cancel_requested
        return real(unit, f, **kwargs)

    monkeypatch.setattr(services, "candidate_rows", cancelled_meanwhile)
    run = services.eligibility_run_execute(run.pk)
    assert run.status == RunStatus.CANCELLED and not run.file and run.lease == ""
    assert not run.cancel_requested


def test_run_page_cancel_retry_and_refusals(
    client, login, personas, tree, due, django_capture_on_commit_callbacks
):
    run = _queued(personas, tree, django_capture_on_commit_callbacks)
    cancel = reverse("rules:run_cancel", args=[run.pk])
    retry = reverse("rules:run_retry", args=[run.pk])
    for url in (cancel, retry):
        response = client.post(url)
        assert response.status_code == 302 and "dang-nhap" in response["Location"]
    outsider = login(personas.outsider)
    assert outsider.post(cancel).status_code == 404 and outsider.post(retry).status_code == 404
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert not AuditEntry.objects.filter(actor=personas.outsider).exists()

    c = login(personas.unit_officer)
    assert "Hủy lần chạy" in c.get(reverse("rules:run_detail", args=[run.pk])).content.decode()
    html = c.post(cancel, follow=True).content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED and "Đã hủy lần chạy." in html and "Thử lại" in html
    with django_capture_on_commit_callbacks(execute=True):
        html = c.post(retry, follow=True).content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and "Đã chạy lại lần lập danh sách." in html
