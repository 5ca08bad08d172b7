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
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from . import pipeline
from .enums import TRANSITIONS, ImportKind, JobStatus
from .kinds.base import ApplyConflict, Context, FileProblem, Scope
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
    ctx = Context(scope=Scope(job.scope_paths), report=lambda done: _progress(job.pk, done))
    try:
        with job.file.open("rb") as fp:
            staged = pipeline.validate(job.kind, fp, job.original_name, ctx)
    except FileProblem as exc:
        _transition(
            job,
            JobStatus.INVALID,
            errors=_file_problem(str(exc)),
            error_count=1,
            validated_at=timezone.now(),
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


def import_apply(job_id: int) -> ImportJob:
    """Write the checked rows in batches; each batch commits with its audit rows and progress."""
    job = ImportJob.objects.select_related("created_by", "confirmed_by").get(pk=job_id)
    if job.status != JobStatus.APPLYING:
        raise ImportsError("Lần nhập này chưa được xác nhận.")
    actor = job.confirmed_by or job.created_by
    staged = pipeline.load_staged(job.staged_name)
    ctx = Context(
        scope=Scope(job.scope_paths),
        report=lambda done: _progress(job.pk, done),
        actor=actor,
        note=f"Nhập Excel lần #{job.pk}: {job.original_name}",
        identity_confirmed=bool((job.summary or {}).get("identity_confirmed")),
    )
    ctx.done = max(job.total_rows - pipeline.staged_count(staged), 0)
    try:
        pipeline.apply(job.kind, staged, ctx)
    except ApplyConflict as exc:
        _transition(
            job,
            JobStatus.FAILED,
            actor,
            errors=_file_problem(
                f"{exc} Dữ liệu đã thay đổi sau khi kiểm tra; không có gì được ghi. Hãy tải tệp lên lại."
            ),
            error_count=1,
            finished_at=timezone.now(),
        )
        return job
    except Exception:
        logger.exception("Import job %s: apply crashed", job.pk)
        job.refresh_from_db(fields=["processed_rows"])
        _transition(
            job,
            JobStatus.FAILED,
            actor,
            errors=_file_problem(
                "Lỗi không mong đợi khi ghi dữ liệu. Các lô đã ghi được giữ nguyên; nhập lại cùng tệp sẽ hoàn tất phần còn lại."
            ),
            error_count=1,
            finished_at=timezone.now(),
        )
        return job
    summary = _final_summary(job.summary or {}, ctx)
    _transition(
        job,
        JobStatus.DONE,
        actor,
        summary=summary,
        processed_rows=job.total_rows,
        finished_at=timezone.now(),
        note=f"Tạo mới {summary['create']}, cập nhật {summary['update']}, không đổi {summary['unchanged']}",
    )
    pipeline.drop_staged(job.staged_name)
    return job
