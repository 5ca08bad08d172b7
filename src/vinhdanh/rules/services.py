"""Every write of the rules app: jurisdiction parameters and background candidate runs."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, scope_paths
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.orgs.models import Unit

from .candidates import CandidateFilter, candidate_rows, count_subjects
from .enums import ExportFormat, RunStatus
from .models import EligibilityRun, RuleParameter
from .selectors import param_specs


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


def eligibility_run_execute(run_id: int) -> EligibilityRun:
    """Compute the run's list and store the file; progress is saved as subjects are judged."""
    from .exports import write_candidates_docx, write_candidates_xlsx

    run = EligibilityRun.objects.select_related("unit").get(pk=run_id)
    EligibilityRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, processed=0)
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        EligibilityRun.objects.filter(pk=run.pk).update(processed=done[0])

    try:
        f = _filter_of(run)
        rows = candidate_rows(run.unit, f, progress=progress)
        suffix = f".{run.export_format}"
        with tempfile.TemporaryFile(suffix=suffix) as tmp:
            if run.export_format == ExportFormat.DOCX:
                write_candidates_docx(tmp, rows, unit_name=run.unit.name, year=run.year,
                                      status=f.status)  # fmt: skip
            else:
                write_candidates_xlsx(tmp, rows, year=run.year)
            tmp.seek(0)
            name = f"danh-sach-den-han-{run.unit.code}-{run.year}{suffix}"
            run.file.save(name, File(tmp), save=False)
        run.status = RunStatus.DONE
        run.processed = max(done[0], run.total)
        run.result_count = len(rows)
        run.finished_at = timezone.now()
        run.save(update_fields=["file", "status", "processed", "result_count", "finished_at",
                                "updated_at"])  # fmt: skip
    except Exception as exc:  # the user sees the failure on the run page
        EligibilityRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    return run
