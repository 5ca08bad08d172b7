"""Every write of the rules app: jurisdiction parameters and background candidate runs."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import time
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, scope_paths
from vinhdanh.core import audit, jobs
from vinhdanh.core.models import AuditAction
from vinhdanh.orgs.models import Unit

from .candidates import CandidateFilter, candidate_rows, count_subjects
from .enums import ExportFormat, RunStatus
from .models import EligibilityRun, RuleParameter
from .selectors import param_specs

logger = logging.getLogger(__name__)


class RulesError(Exception):
    """A refused change, with a Vietnamese message a user can act on."""


def _json_value(value):
    return float(value) if isinstance(value, Decimal) else value


@transaction.atomic
def rule_parameter_set(
    actor,
    *,
    key: str,
    value,
    valid_from: dt.date,
    jurisdiction: Unit | None = None,
    note: str = "",
) -> RuleParameter:
    """Set a delegated parameter for a unit's subtree (or nationally) from a date.

    Needs the catalogue-editing capability on the unit (everywhere for a national value).
    The value is checked against the rule's bounds; the same unit, key and date is updated.
    """
    if jurisdiction is None:
        if "" not in scope_paths(actor, Capability.EDIT_CATALOGUE):
            raise RulesError("Chỉ quản trị toàn hệ thống mới được đặt tham số áp dụng toàn quốc.")
    elif not can_on_unit(actor, Capability.EDIT_CATALOGUE, jurisdiction):
        raise RulesError("Bạn không có quyền đặt tham số cho đơn vị này.")
    spec = param_specs().get(key)
    if spec is None:
        raise RulesError(f"Không có tham số '{key}'.")
    try:
        coerced = spec.coerce(value)
    except ValueError:
        upper = "không giới hạn" if spec.maximum is None else spec.maximum
        kind = "số nguyên" if spec.default is None or isinstance(spec.default, int) else "số"
        raise RulesError(
            f"Giá trị của '{key}' phải là {kind} từ {spec.minimum} đến {upper}."
        ) from None
    row = RuleParameter.objects.filter(
        jurisdiction=jurisdiction, key=key, valid_from=valid_from
    ).first()
    stored = _json_value(coerced)
    if row is None:
        row = RuleParameter.objects.create(
            jurisdiction=jurisdiction, key=key, value=stored, valid_from=valid_from,
            note=note, set_by=actor if actor.is_authenticated else None,
        )  # fmt: skip
        audit.record_create(actor, row)
        return row
    before = audit.snapshot(row)
    row.value, row.note = stored, note
    row.set_by = actor if actor.is_authenticated else None
    row.save()
    audit.record_update(actor, row, before)
    return row


@transaction.atomic
def eligibility_run_start(
    actor, *, unit: Unit, f: CandidateFilter, export_format: str = ExportFormat.XLSX
) -> EligibilityRun:
    """Queue a candidate run for a large subtree; the task writes the file."""
    if not can_on_unit(actor, Capability.VIEW, unit):
        raise RulesError("Bạn không có quyền xem đơn vị này.")
    if export_format not in ExportFormat.values:
        raise RulesError("Định dạng tệp không hợp lệ.")
    run = EligibilityRun.objects.create(
        unit=unit, year=f.year, filters=f.as_dict(), export_format=export_format,
        total=count_subjects(unit, f), created_by=actor,
    )  # fmt: skip
    fields = ("unit", "year", "filters", "export_format", "total")
    after = audit.snapshot(run, fields)  # not the file field: a FieldFile is not JSON
    audit.record(actor, AuditAction.CREATE, run, changes={k: [None, v] for k, v in after.items()},
                 note="Lập danh sách đến hạn chạy nền")  # fmt: skip
    from . import tasks

    transaction.on_commit(lambda: tasks.candidates_job.enqueue(run.pk))
    return run


def _filter_of(run: EligibilityRun) -> CandidateFilter:
    data = run.filters or {}
    sub = data.get("sub_unit")
    return CandidateFilter(
        year=run.year,
        target=data.get("target", ""),
        status=data.get("status", "eligible"),
        kind=data.get("kind", ""),
        sub_unit=Unit.objects.get(pk=sub) if sub else None,
        q=data.get("q", ""),
    )


RUN_ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def eligibility_run_execute(run_id: int) -> EligibilityRun:
    """Compute the run's list and store the file; progress is saved as subjects are judged.

    The run first claims itself (core/jobs.py: two workers never compute the same run) and beats
    while it works. It writes its file only at the end, so a run whose worker died is computed
    again from the start by the recovery (``recover_stale_runs``).
    """
    from .exports import write_candidates_docx, write_candidates_xlsx

    token = jobs.claim(EligibilityRun, run_id, RUN_ACTIVE)
    run = EligibilityRun.objects.select_related("unit").get(pk=run_id)
    if token is None:  # finished, cancelled, or run by a live worker
        return run
    EligibilityRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, processed=0)
    done = [0]
    beat = [time.monotonic()]

    def progress(n: int) -> None:
        done[0] += n
        if time.monotonic() - beat[0] >= 1:  # at most one write a second
            beat[0] = time.monotonic()
            jobs.checkpoint(EligibilityRun, run.pk, token, processed=done[0])

    try:
        with jobs.Heartbeat(EligibilityRun, run.pk, token):
            f = _filter_of(run)
            rows = candidate_rows(run.unit, f, progress=progress)
            jobs.checkpoint(EligibilityRun, run.pk, token, processed=done[0])
            suffix = f".{run.export_format}"
            with tempfile.TemporaryFile(suffix=suffix) as tmp:
                if run.export_format == ExportFormat.DOCX:
                    write_candidates_docx(tmp, rows, unit_name=run.unit.name, year=run.year,
                                          status=f.status, unit=run.unit)  # fmt: skip
                else:
                    write_candidates_xlsx(tmp, rows, year=run.year, unit_name=run.unit.name,
                                          status=f.status)  # fmt: skip
                tmp.seek(0)
                name = f"danh-sach-den-han-{run.unit.code}-{run.year}{suffix}"
                run.file.save(name, File(tmp), save=False)
        finished = EligibilityRun.objects.filter(pk=run.pk, lease=token).update(
            file=run.file.name, status=RunStatus.DONE, processed=max(done[0], run.total),
            result_count=len(rows), finished_at=timezone.now(), lease="",
            updated_at=timezone.now(),
        )  # fmt: skip
        if not finished:
            raise jobs.LeaseLost(f"EligibilityRun #{run.pk}: lease lost")
    except jobs.LeaseLost:
        if run.file:
            run.file.delete(save=False)
        run.refresh_from_db()
        return run
    except jobs.JobCancelled:
        _run_cancelled(run.pk, run.created_by, note="Đã dừng theo yêu cầu hủy")
        run.refresh_from_db()
        return run
    except Exception as exc:  # the user sees the failure on the run page
        EligibilityRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(), lease="",
        )  # fmt: skip
        raise
    run.refresh_from_db()
    return run


def _run_cancelled(pk: int, actor, *, note: str) -> None:
    with transaction.atomic():
        run = EligibilityRun.objects.select_for_update().get(pk=pk)
        before = run.status
        run.status, run.lease, run.cancel_requested = RunStatus.CANCELLED, "", False
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "lease", "cancel_requested", "finished_at",
                                "updated_at"])  # fmt: skip
        audit.record(actor, AuditAction.TRANSITION, run,
                     changes={"status": [before, RunStatus.CANCELLED]}, note=note)  # fmt: skip


def _run_visible(actor, run: EligibilityRun) -> bool:
    return run.created_by_id == actor.pk and can_on_unit(actor, Capability.VIEW, run.unit)


def eligibility_run_cancel(actor, run: EligibilityRun) -> EligibilityRun:
    """Stop a queued or running candidate run: at once if nobody runs it (or its worker died),
    else at the worker's next progress report."""
    with transaction.atomic():
        run = EligibilityRun.objects.select_for_update().select_related("unit").get(pk=run.pk)
        if not _run_visible(actor, run):
            raise RulesError("Bạn không có quyền hủy lần chạy này.")
        if not run.can_cancel:
            raise RulesError(f"Không thể hủy lần chạy ở trạng thái “{run.get_status_display()}”.")
        if run.lease and not jobs.is_stale(run):
            run.cancel_requested = True
            run.save(update_fields=["cancel_requested", "updated_at"])
            audit.record(actor, AuditAction.UPDATE, run, changes={"cancel_requested": [False, True]},
                         note="Yêu cầu hủy lần chạy")  # fmt: skip
        else:
            _run_cancelled(run.pk, actor, note="Hủy lần chạy")
    run.refresh_from_db()
    return run


def eligibility_run_retry(actor, run: EligibilityRun) -> EligibilityRun:
    """Queue a failed or cancelled run again (computed from the start)."""
    from . import tasks

    with transaction.atomic():
        run = EligibilityRun.objects.select_for_update().select_related("unit").get(pk=run.pk)
        if not _run_visible(actor, run):
            raise RulesError("Bạn không có quyền chạy lại lần chạy này.")
        if not run.can_retry:
            raise RulesError("Chỉ chạy lại được lần chạy bị lỗi hoặc đã hủy.")
        before = run.status
        run.status, run.processed, run.error, run.finished_at = RunStatus.QUEUED, 0, "", None
        run.attempts, run.lease, run.cancel_requested = 0, "", False
        run.save()
        audit.record(actor, AuditAction.TRANSITION, run,
                     changes={"status": [before, RunStatus.QUEUED]}, note="Chạy lại")  # fmt: skip
        transaction.on_commit(lambda: tasks.candidates_job.enqueue(run.pk))
    return run


@jobs.recoverer
def recover_stale_runs() -> int:
    """Runs whose worker died: queued again (computed from the start), or failed with the reason
    after MAX_ATTEMPTS starts; a run whose cancel was requested is cancelled."""
    from . import tasks

    handled = 0
    with transaction.atomic():
        for run in jobs.stale_cancelled(EligibilityRun, RUN_ACTIVE).exclude(lease=""):
            _run_cancelled(run.pk, run.created_by, note="Đã hủy (tiến trình xử lý đã dừng)")
            handled += 1
        for run in jobs.stale_rows(EligibilityRun, RUN_ACTIVE).exclude(lease=""):
            handled += 1
            silent = timezone.localtime(run.heartbeat_at).strftime("%H:%M:%S %d/%m/%Y")
            jobs.close_dead_task(
                tasks.candidates_job.module_path, run.pk, f"Worker died; last heartbeat {silent}"
            )
            if run.attempts >= jobs.MAX_ATTEMPTS:
                reason = (f"Tiến trình xử lý đã dừng đột ngột {run.attempts} lần (tín hiệu cuối "
                          f"lúc {silent}); hệ thống ngừng tự chạy lại.")  # fmt: skip
                EligibilityRun.objects.filter(pk=run.pk).update(
                    status=RunStatus.FAILED, error=reason, finished_at=timezone.now(), lease=""
                )
                audit.record(run.created_by, AuditAction.TRANSITION, run,
                             changes={"status": [run.status, RunStatus.FAILED]}, note=reason)  # fmt: skip
                continue
            EligibilityRun.objects.filter(pk=run.pk).update(
                lease="", status=RunStatus.QUEUED, processed=0
            )
            audit.record(run.created_by, AuditAction.UPDATE, run,
                         changes={"status": [run.status, RunStatus.QUEUED]},
                         note=f"Tiến trình xử lý dừng đột ngột (tín hiệu cuối lúc {silent}); "
                         f"tự chạy lại (lần {run.attempts + 1}).")  # fmt: skip
            pk = run.pk
            transaction.on_commit(lambda pk=pk: tasks.candidates_job.enqueue(pk))
    return handled
