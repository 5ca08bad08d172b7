"""Every change to an import job: upload, validate, confirm, apply. Each is audited.

Files with more than settings.IMPORT_BACKGROUND_ROWS data rows are checked and written by the
task worker (``tasks.py``); smaller files run inline in the request.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import scope_paths
from vinhdanh.core import audit, jobs
from vinhdanh.core.models import AuditAction

from . import pipeline
from .enums import CANCELLABLE, RUNNING, TRANSITIONS, ImportKind, JobStatus
from .kinds.base import ApplyConflict, Context, Counts, FileProblem, Scope
from .models import ImportJob
from .selectors import job_visible

logger = logging.getLogger(__name__)


class ImportsError(Exception):
    """An import action that is not allowed now; the message tells the user why."""


def _transition(job: ImportJob, to: str, actor=None, *, note: str = "", **fields) -> None:
    """Move ``job`` to ``to`` if the table allows it, save, and record the transition."""
    before = job.status
    if to not in TRANSITIONS[before]:
        raise ImportsError(
            f"Không thể chuyển lần nhập từ “{JobStatus(before).label}” sang “{JobStatus(to).label}”."
        )
    job.status = to
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()
    audit.record(
        actor or job.created_by,
        AuditAction.TRANSITION,
        job,
        changes={"status": [before, to]},
        note=note,
    )


def _created(job: ImportJob) -> dict:
    fields = ("kind", "original_name", "size", "sha256", "scope_paths")
    return {"file": [None, job.file.name], **{f: [None, getattr(job, f)] for f in fields}}


def _file_problem(message: str) -> list[dict]:
    return [{"sheet": "", "row": None, "column": "", "message": message}]


def _progress(job_pk: int, done: int) -> None:
    ImportJob.objects.filter(pk=job_pk).update(processed_rows=done, updated_at=timezone.now())


def import_upload(user, *, kind: str, upload) -> ImportJob:
    """Store the uploaded file and start its check (inline or in the background)."""
    roots = scope_paths(user, Capability.IMPORT)
    if not roots:
        raise ImportsError("Bạn không có quyền nhập dữ liệu từ Excel.")
    if kind not in ImportKind.values:
        raise ImportsError("Loại dữ liệu nhập không hợp lệ.")
    name = (getattr(upload, "name", "") or "tep.xlsx").rsplit("/", 1)[-1][:255]
    job = ImportJob(
        kind=kind, original_name=name, size=upload.size or 0, created_by=user, scope_paths=roots
    )
    problem = None
    if job.size > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        problem = f"Tệp “{name}” quá lớn ({job.size // (1024 * 1024)} MB); giới hạn là {limit} MB. Hãy chia thành nhiều tệp."
    else:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        job.sha256 = digest.hexdigest()
        try:
            pipeline.sniff(upload, name)
        except FileProblem as exc:
            problem = str(exc)
    with transaction.atomic():
        if problem is None:
            upload.seek(0)
            job.file.save(f"{job.sha256[:16]}.xlsx", File(upload), save=False)
        job.save()
        audit.record(user, AuditAction.CREATE, job, changes=_created(job))
        if problem is not None:
            _transition(job, JobStatus.INVALID, user, errors=_file_problem(problem), error_count=1)
            return job
        with job.file.open("rb") as fp:
            estimate = pipeline.estimate_rows(fp)
        _transition(job, JobStatus.VALIDATING, user, total_rows=estimate or 0, processed_rows=0)
    _schedule(
        job, "validate", background=estimate is None or estimate > settings.IMPORT_BACKGROUND_ROWS
    )
    job.refresh_from_db()
    return job


def _schedule(job: ImportJob, phase: str, *, background: bool) -> None:
    from . import tasks

    if not background:
        (import_validate if phase == "validate" else import_apply)(job.pk)
        return
    task = tasks.validate_job if phase == "validate" else tasks.apply_job
    result = task.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])


def import_validate(job_id: int) -> ImportJob:
    """Check every row of the file; nothing is written to units, people or the register."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != JobStatus.VALIDATING:
        raise ImportsError("Lần nhập này không ở trạng thái chờ kiểm tra.")
    token = jobs.claim(ImportJob, job.pk, [JobStatus.VALIDATING])
    if token is None:  # another worker runs it, or it was cancelled meanwhile
        job.refresh_from_db()
        return job
    job.lease = token

    def report(done: int) -> None:
        _progress(job.pk, done)
        jobs.checkpoint(ImportJob, job.pk, token)  # heartbeat; stops on a cancel request

    ctx = Context(scope=Scope(job.scope_paths), report=report)
    try:
        with jobs.Heartbeat(ImportJob, job.pk, token), job.file.open("rb") as fp:
            staged = pipeline.validate(job.kind, fp, job.original_name, ctx)
    except jobs.LeaseLost:
        job.refresh_from_db()
        return job
    except jobs.JobCancelled:
        _finish_cancel(job)
        return job
    except FileProblem as exc:
        _transition(
            job,
            JobStatus.INVALID,
            errors=_file_problem(str(exc)),
            error_count=1,
            validated_at=timezone.now(),
            lease="",
        )
        return job
    except Exception:
        logger.exception("Import job %s: validation crashed", job.pk)
        _transition(
            job,
            JobStatus.FAILED,
            errors=_file_problem(
                "Lỗi không mong đợi khi đọc tệp. Hãy kiểm tra tệp hoặc báo quản trị hệ thống."
            ),
            error_count=1,
            lease="",
        )
        return job
    summary = {
        **ctx.counts.as_dict(),
        "sheets": {name: c.as_dict() for name, c in ctx.sheets.items()},
        **ctx.extra,
    }
    fields = {
        "total_rows": ctx.done,
        "processed_rows": ctx.done,
        "errors": ctx.problems.items,
        "error_count": ctx.problems.count,
        "summary": summary,
        "validated_at": timezone.now(),
        "lease": "",
    }
    if ctx.problems.count:
        _transition(job, JobStatus.INVALID, note=f"{ctx.problems.count} lỗi", **fields)
    else:
        fields["staged_name"] = pipeline.save_staged(job.pk, staged)
        _transition(job, JobStatus.VALIDATED, **fields)
    return job


def identity_change_count(job: ImportJob) -> int:
    """People whose identity (name, birth date, sex, CCCD) the checked file would change."""
    return int(((job.summary or {}).get("identity") or {}).get("count") or 0)


def identity_refusal(n: int) -> str:
    return (
        f"Tệp sẽ thay đổi thông tin nhân thân (họ tên, ngày sinh, giới tính, số CCCD) của {n} người "
        "đã có trong hệ thống. Hãy xem từng thay đổi ở bản xem trước; nếu đúng, đánh dấu "
        f"“Tôi xác nhận thay đổi thông tin nhân thân của {n} người” rồi xác nhận lại. "
        "Nếu không đúng, hãy sửa tệp và tải lên lại."
    )


def import_confirm(user, job: ImportJob, *, identity_confirmed: bool = False) -> ImportJob:
    """The user's go-ahead: allowed only for a checked file without any problem; a file that
    changes people's identity also needs ``identity_confirmed`` (the preview lists each change)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job_visible(user, job):
            raise ImportsError("Bạn không có quyền xác nhận lần nhập này.")
        if job.status != JobStatus.VALIDATED:
            raise ImportsError("Chỉ xác nhận được lần nhập đã kiểm tra xong.")
        if job.error_count:
            raise ImportsError("Tệp còn lỗi: hãy sửa tệp và tải lên lại trước khi xác nhận.")
        identity = identity_change_count(job)
        if identity and not identity_confirmed:
            raise ImportsError(identity_refusal(identity))
        staged = (job.summary.get("create", 0) or 0) + (job.summary.get("update", 0) or 0)
        summary = job.summary
        if identity:
            summary = {**job.summary, "identity_confirmed": True}
        _transition(
            job,
            JobStatus.APPLYING,
            user,
            note=f"Xác nhận thay đổi thông tin nhân thân của {identity} người" if identity else "",
            confirmed_by=user,
            confirmed_at=timezone.now(),
            processed_rows=job.total_rows - staged,
            summary=summary,
        )
    _schedule(job, "apply", background=staged > settings.IMPORT_BACKGROUND_ROWS)
    job.refresh_from_db()
    return job


def _final_summary(checked: dict, ctx: Context) -> dict:
    """Written counts; rows found unchanged (or blank) at check time are added back."""

    def merge(written: dict, before: dict) -> dict:
        return {
            "create": written.get("create", 0),
            "update": written.get("update", 0),
            "unchanged": written.get("unchanged", 0) + before.get("unchanged", 0),
            "skipped": before.get("skipped", 0),
        }

    sheets = {
        name: merge(ctx.sheets[name].as_dict() if name in ctx.sheets else {}, before)
        for name, before in (checked.get("sheets") or {}).items()
    }
    return {**merge(ctx.counts.as_dict(), checked), "sheets": sheets, "checked": checked}


def _written_note(job: ImportJob) -> str:
    """What committed batches of a stopped job wrote, in words (empty if nothing)."""
    cp = job.written
    if not cp:
        return ""
    counts = cp.get("counts") or {}

    def n(value) -> str:
        return f"{int(value or 0):,}".replace(",", ".")

    sheet, last = cp.get("last") or ("", None)
    where = ""
    if last:
        where = f" (đến dòng {last}" + (f" của trang “{sheet}”" if sheet else "") + " trong tệp)"
    return (
        f"Đã ghi {n(cp['rows'])} dòng{where} trước khi dừng (tạo mới {n(counts.get('create'))}, "
        f"cập nhật {n(counts.get('update'))}); các thay đổi này được giữ và có trong nhật ký "
        f"với ghi chú “Nhập Excel lần #{job.pk}”. Bấm “Thử lại” để ghi tiếp phần còn lại."
    )


def import_apply(job_id: int) -> ImportJob:
    """Write the checked rows in batches; each batch commits with its audit rows, progress and
    checkpoint. A job whose worker died resumes after its last committed batch (the remaining
    rows are re-checked against the database, so rows written twice are found unchanged)."""
    job = ImportJob.objects.select_related("created_by", "confirmed_by").get(pk=job_id)
    if job.status != JobStatus.APPLYING:
        if job.status in {JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED}:
            return job  # a duplicate task of a recovered job: nothing to do
        raise ImportsError("Lần nhập này chưa được xác nhận.")
    token = jobs.claim(ImportJob, job.pk, [JobStatus.APPLYING])
    if token is None:
        job.refresh_from_db()
        return job
    job.refresh_from_db()
    actor = job.confirmed_by or job.created_by
    staged = pipeline.load_staged(job.staged_name)
    cp = job.checkpoint or {}
    skip = int(cp.get("rows") or 0)
    rest = pipeline.remaining(job.kind, staged, skip)
    ctx = Context(
        scope=Scope(job.scope_paths),
        report=lambda done: _progress(job.pk, done),
        actor=actor,
        note=f"Nhập Excel lần #{job.pk}: {job.original_name}",
        identity_confirmed=bool((job.summary or {}).get("identity_confirmed")),
    )
    if cp.get("counts"):
        ctx.counts = Counts(**cp["counts"])
        ctx.sheets = {name: Counts(**c) for name, c in (cp.get("sheets") or {}).items()}
    ctx.done = max(job.total_rows - pipeline.staged_count(rest), 0)
    written = [skip]

    def commit(n: int) -> None:
        written[0] += n
        jobs.checkpoint(
            ImportJob,
            job.pk,
            token,
            processed_rows=min(ctx.done + n, job.total_rows),
            updated_at=timezone.now(),
            checkpoint={
                "rows": written[0],
                "last": pipeline.row_at(job.kind, staged, written[0] - 1),
                "counts": ctx.counts.as_dict(),
                "sheets": {name: c.as_dict() for name, c in ctx.sheets.items()},
            },
        )

    ctx.commit = commit
    try:
        with jobs.Heartbeat(ImportJob, job.pk, token):
            pipeline.apply(job.kind, rest, ctx)
    except jobs.LeaseLost:
        job.refresh_from_db()
        return job
    except jobs.JobCancelled:
        _finish_cancel(job)
        return job
    except ApplyConflict as exc:
        job.refresh_from_db()
        kept = _written_note(job) or "không có gì được ghi."
        _transition(
            job,
            JobStatus.FAILED,
            actor,
            errors=_file_problem(
                f"{exc} Dữ liệu đã thay đổi sau khi kiểm tra; {kept} Hãy tải tệp lên lại."
            ),
            error_count=1,
            finished_at=timezone.now(),
            lease="",
        )
        return job
    except Exception:
        logger.exception("Import job %s: apply crashed", job.pk)
        job.refresh_from_db()
        _transition(
            job,
            JobStatus.FAILED,
            actor,
            errors=_file_problem(
                "Lỗi không mong đợi khi ghi dữ liệu. "
                + (_written_note(job) or "Không có gì được ghi; bấm “Thử lại” để ghi lại.")
            ),
            error_count=1,
            finished_at=timezone.now(),
            lease="",
        )
        return job
    job.refresh_from_db()
    summary = _final_summary(job.summary or {}, ctx)
    _transition(
        job,
        JobStatus.DONE,
        actor,
        summary=summary,
        processed_rows=job.total_rows,
        finished_at=timezone.now(),
        lease="",
        note=f"Tạo mới {summary['create']}, cập nhật {summary['update']}, không đổi {summary['unchanged']}",
    )
    pipeline.drop_staged(job.staged_name)
    return job


def _finish_cancel(job: ImportJob, actor=None) -> None:
    """The worker stopped between two batches on the user's request."""
    job.refresh_from_db()
    note = _written_note(job) or "Không có dòng nào được ghi."
    _transition(
        job,
        JobStatus.CANCELLED,
        actor or job.created_by,
        note=note,
        finished_at=timezone.now(),
        lease="",
        cancel_requested=False,
    )


def import_cancel(user, job: ImportJob) -> ImportJob:
    """The user's cancel. A job nobody runs (checked, queued, or whose worker died) is cancelled
    at once; a running one stops after its current batch (already committed batches are kept and
    listed on the job page)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job_visible(user, job):
            raise ImportsError("Bạn không có quyền hủy lần nhập này.")
        if job.status not in CANCELLABLE:
            raise ImportsError(
                f"Không thể hủy lần nhập ở trạng thái “{JobStatus(job.status).label}”."
            )
        if job.cancel_requested:
            raise ImportsError("Đã yêu cầu hủy; lần nhập sẽ dừng sau lô đang ghi.")
        if job.status in RUNNING and job.lease and not jobs.is_stale(job):
            job.cancel_requested = True
            job.save(update_fields=["cancel_requested", "updated_at"])
            audit.record(
                user,
                AuditAction.UPDATE,
                job,
                changes={"cancel_requested": [False, True]},
                note="Yêu cầu hủy: dừng sau lô đang ghi",
            )
        else:
            _transition(
                job,
                JobStatus.CANCELLED,
                user,
                note=_written_note(job) or "Không có dòng nào được ghi.",
                finished_at=timezone.now(),
                lease="",
            )
    return job


def import_retry(user, job: ImportJob) -> ImportJob:
    """Start a failed or cancelled job again: a confirmed job resumes writing after its last
    committed batch (its checked rows are re-checked), any other one is checked again."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not job_visible(user, job):
            raise ImportsError("Bạn không có quyền chạy lại lần nhập này.")
        if not job.can_retry:
            raise ImportsError("Chỉ chạy lại được lần nhập thất bại hoặc đã hủy.")
        fresh = {
            "attempts": 0,
            "cancel_requested": False,
            "lease": "",
            "errors": [],
            "error_count": 0,
            "finished_at": None,
        }
        resume = bool(job.confirmed_at and job.staged_name)
        if resume:
            try:
                staged = pipeline.load_staged(job.staged_name)
            except OSError:
                resume = False
        if resume:
            rest = pipeline.remaining(
                job.kind, staged, int((job.checkpoint or {}).get("rows") or 0)
            )
            left = pipeline.staged_count(rest)
            _transition(
                job,
                JobStatus.APPLYING,
                user,
                note=f"Chạy lại: ghi tiếp {left} dòng còn lại",
                processed_rows=max(job.total_rows - left, 0),
                **fresh,
            )
            phase, background = "apply", left > settings.IMPORT_BACKGROUND_ROWS
        else:
            _transition(
                job,
                JobStatus.VALIDATING,
                user,
                note="Chạy lại: kiểm tra lại tệp",
                processed_rows=0,
                checkpoint={},
                **fresh,
            )
            phase, background = "validate", job.total_rows > settings.IMPORT_BACKGROUND_ROWS
    _schedule(job, phase, background=background)
    job.refresh_from_db()
    return job


@jobs.recoverer
def recover_stale_imports() -> int:
    """Jobs whose worker died (no heartbeat for JOBS_STALE_SECONDS): queued again to resume from
    their checkpoint, or failed with the reason after MAX_ATTEMPTS starts; a job whose cancel was
    requested is cancelled."""
    from . import tasks

    handled = 0
    with transaction.atomic():
        for job in jobs.stale_cancelled(ImportJob, RUNNING).exclude(lease=""):
            _finish_cancel(job)
            handled += 1
        for job in jobs.stale_rows(ImportJob, RUNNING).exclude(lease=""):
            handled += 1
            silent = timezone.localtime(job.heartbeat_at).strftime("%H:%M:%S %d/%m/%Y")
            task = tasks.validate_job if job.status == JobStatus.VALIDATING else tasks.apply_job
            jobs.close_dead_task(task.module_path, job.pk, f"Worker died; last heartbeat {silent}")
            if job.attempts >= jobs.MAX_ATTEMPTS:
                _transition(
                    job,
                    JobStatus.FAILED,
                    errors=_file_problem(
                        f"Tiến trình xử lý đã dừng đột ngột {job.attempts} lần (tín hiệu cuối lúc "
                        f"{silent}); hệ thống ngừng tự chạy lại. "
                        + (_written_note(job) or "Không có dòng nào được ghi.")
                    ),
                    error_count=1,
                    finished_at=timezone.now(),
                    lease="",
                )
                continue
            ImportJob.objects.filter(pk=job.pk).update(lease="")
            audit.record(
                job.created_by,
                AuditAction.UPDATE,
                job,
                changes={"lease": [job.lease, ""]},
                note=f"Tiến trình xử lý dừng đột ngột (tín hiệu cuối lúc {silent}); tự chạy tiếp "
                f"từ điểm dừng (lần {job.attempts + 1}).",
            )
            pk = job.pk
            transaction.on_commit(
                lambda task=task, pk=pk: ImportJob.objects.filter(pk=pk).update(
                    task_result_id=str(task.enqueue(pk).id)[:64]
                )
            )
    return handled
