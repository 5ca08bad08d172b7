"""Writes of scoring: tables and their versions, criteria, sheets, evidence, lock and reopen.

A table in use (OPEN or LOCKED) is never edited in place: ``new_version`` makes version n+1 as
a DRAFT with the same criteria (no scores); opening it supersedes the open version. Every change
of status follows ``SCORING_TRANSITIONS`` and is audited. How totals and the ranking are
computed is told in ``selectors.scoring``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vinhdanh.core import audit
from vinhdanh.core.files import FileRejected, refuse_zip_bomb, store_upload
from vinhdanh.core.models import AuditAction

from ..enums import SCORING_TRANSITIONS, CriterionKind, CrossScoringMethod, ScoringStatus, TieBreak
from ..models import (
    Bloc,
    BlocMember,
    Criterion,
    MissingSheetReason,
    RankingResult,
    Score,
    ScoreEvidence,
    ScoringTable,
)
from ..permissions import EmulationError, require_acting_for, require_bloc_head
from ..selectors.scoring import LEAF_KINDS, compute_ranking, criteria_tree, missing_sheets

STATUS_LABELS = dict(ScoringStatus.choices)


def _transition(actor, table: ScoringTable, to: str, *, note: str = "") -> None:
    if to not in SCORING_TRANSITIONS[table.status]:
        raise EmulationError(
            f"Bảng điểm đang ở trạng thái “{STATUS_LABELS[table.status]}”, không thể chuyển sang “{STATUS_LABELS[to]}”."
        )
    before = audit.snapshot(table, ["status", "locked_at", "reopen_reason", "deadline"])
    table.status = to
    if to == ScoringStatus.LOCKED:
        table.locked_at = timezone.now()
    table.save()
    audit.record_update(actor, table, before, note=note)


def _require_draft(table: ScoringTable) -> None:
    if table.status != ScoringStatus.DRAFT:
        raise EmulationError(
            "Bảng điểm đang được dùng nên không sửa trực tiếp được: hãy bấm “Sửa bảng điểm” để tạo phiên bản mới."
        )


def clean_tie_break(values) -> list[str]:
    out = []
    for v in values or []:
        if v not in TieBreak.values:
            raise EmulationError(f"Thứ tự xét bằng điểm không hợp lệ: {v}.")
        if v not in out:
            out.append(v)
    return out


# --- tables ----------------------------------------------------------------------------------


@transaction.atomic
def create_table(actor, bloc: Bloc, *, name: str, method: str = CrossScoringMethod.AVERAGE_OTHERS,
                 tie_break=(), deadline=None) -> ScoringTable:  # fmt: skip
    require_bloc_head(actor, bloc)
    if ScoringTable.objects.filter(bloc=bloc).exists():
        raise EmulationError(
            "Khối đã có bảng điểm: hãy sửa bảng đang có (tạo phiên bản mới) thay vì tạo bảng khác."
        )
    table = ScoringTable.objects.create(bloc=bloc, version=1, name=name, method=method,
                                        tie_break=clean_tie_break(tie_break), deadline=deadline)  # fmt: skip
    audit.record_create(actor, table)
    return table


@transaction.atomic
def update_table(actor, table: ScoringTable, **fields) -> ScoringTable:
    """Settings: everything while DRAFT; only the name and the deadline once OPEN."""
    require_bloc_head(actor, table.bloc)
    allowed = {"name", "method", "tie_break", "deadline"}
    if table.status == ScoringStatus.OPEN:
        allowed = {"name", "deadline"}
    elif table.status != ScoringStatus.DRAFT:
        raise EmulationError("Bảng điểm đã khóa hoặc đã được thay: không sửa được cài đặt.")
    changed = {
        k: v
        for k, v in fields.items()
        if getattr(table, k) != (clean_tie_break(v) if k == "tie_break" else v)
    }
    refused = set(changed) - allowed
    if refused:
        raise EmulationError(
            "Bảng điểm đang được chấm: chỉ đổi được tên và hạn chấm; muốn đổi cách chấm hãy tạo phiên bản mới."
        )
    before = audit.snapshot(table, allowed)
    for key, value in changed.items():
        setattr(table, key, clean_tie_break(value) if key == "tie_break" else value)
    table.save()
    audit.record_update(actor, table, before)
    return table


def _copy_criteria(source: ScoringTable, target: ScoringTable) -> int:
    nodes = criteria_tree(source)
    mapping: dict[int, Criterion] = {}
    for node in nodes:  # pre-order: parents first
        c = node.criterion
        mapping[c.pk] = Criterion.objects.create(
            table=target, parent=mapping.get(c.parent_id), position=c.position, code=c.code,
            name=c.name, kind=c.kind, max_points=c.max_points, guidance=c.guidance,
        )  # fmt: skip
    return len(mapping)


@transaction.atomic
def new_version(actor, table: ScoringTable) -> ScoringTable:
    """“Sửa bảng điểm”: version n+1 as a DRAFT with the same criteria (scores stay with vn)."""
    require_bloc_head(actor, table.bloc)
    if table.status not in (ScoringStatus.OPEN, ScoringStatus.LOCKED):
        raise EmulationError(
            "Chỉ tạo phiên bản mới từ bảng điểm đang chấm hoặc đã khóa; bảng đang soạn thì sửa trực tiếp."
        )
    if ScoringTable.objects.filter(bloc=table.bloc, status=ScoringStatus.DRAFT).exists():
        raise EmulationError("Đã có một phiên bản đang soạn: hãy sửa tiếp phiên bản đó.")
    top = ScoringTable.objects.filter(bloc=table.bloc).aggregate(v=Max("version"))["v"] or 0
    draft = ScoringTable.objects.create(bloc=table.bloc, version=top + 1, name=table.name, method=table.method,
                                        tie_break=table.tie_break, deadline=table.deadline, copied_from=table)  # fmt: skip
    n = _copy_criteria(table, draft)
    audit.record_create(
        actor, draft, note=f"Phiên bản mới từ v{table.version} ({n} tiêu chí, không chép điểm)"
    )
    return draft


@transaction.atomic
def copy_to_next_year(actor, table: ScoringTable) -> ScoringTable:
    """Copy the table to the next year's bloc (``bloc.next_year``) as a new DRAFT."""
    try:
        target = table.bloc.next_year
    except Bloc.DoesNotExist as exc:
        raise EmulationError(
            "Khối chưa có khối năm sau: hãy tạo khối năm sau trước khi sao chép bảng điểm."
        ) from exc
    require_bloc_head(actor, target)
    top = ScoringTable.objects.filter(bloc=target).aggregate(v=Max("version"))["v"] or 0
    if ScoringTable.objects.filter(bloc=target, status=ScoringStatus.DRAFT).exists():
        raise EmulationError(f"Khối năm {target.year} đã có bảng điểm đang soạn.")
    copy = ScoringTable.objects.create(bloc=target, version=top + 1, name=table.name, method=table.method,
                                       tie_break=table.tie_break, copied_from=table)  # fmt: skip
    n = _copy_criteria(table, copy)
    audit.record_create(
        actor,
        copy,
        note=f"Sao chép từ bảng điểm năm {table.bloc.year} v{table.version} ({n} tiêu chí)",
    )
    return copy


@transaction.atomic
def open_table(actor, table: ScoringTable) -> ScoringTable:
    """DRAFT → OPEN; the version open until now becomes SUPERSEDED (its scores are kept)."""
    require_bloc_head(actor, table.bloc)
    table = ScoringTable.objects.select_for_update().get(pk=table.pk)
    if (
        table.status == ScoringStatus.DRAFT
        and not Criterion.objects.filter(table=table, kind__in=LEAF_KINDS).exists()
    ):
        raise EmulationError("Bảng điểm chưa có tiêu chí nào để chấm.")
    if table.status == ScoringStatus.DRAFT:
        others = ScoringTable.objects.filter(bloc=table.bloc).exclude(pk=table.pk)
        if others.filter(status=ScoringStatus.LOCKED).exists():
            raise EmulationError(
                "Phiên bản trước đang khóa: hãy mở lại phiên bản đó (nêu lý do) rồi mới áp dụng phiên bản mới."
            )
        for old in others.filter(status=ScoringStatus.OPEN):
            _transition(
                actor, old, ScoringStatus.SUPERSEDED, note=f"Thay bằng phiên bản {table.version}"
            )
    _transition(actor, table, ScoringStatus.OPEN)
    return table


@transaction.atomic
def record_missing_reasons(actor, table: ScoringTable, reasons: dict[str, str]) -> int:
    """The bloc head records why required sheets are absent: ``reasons`` maps a missing sheet's
    key (``MissingSheet.key``) to its reason; blank reasons are skipped, a changed reason
    replaces the earlier one. Each new or changed reason is audited with before/after.
    Returns the number of reasons written."""
    require_bloc_head(actor, table.bloc)
    table = ScoringTable.objects.select_for_update().select_related("bloc").get(pk=table.pk)
    if table.status != ScoringStatus.OPEN:
        raise EmulationError(
            f"Bảng điểm đang ở trạng thái “{STATUS_LABELS[table.status]}”: chỉ ghi lý do thiếu phiếu khi đang chấm."
        )
    missing = {m.key: m for m in missing_sheets(table)}
    unknown = [k for k, v in reasons.items() if (v or "").strip() and k not in missing]
    if unknown:
        raise EmulationError(
            "Phiếu chấm được ghi lý do không còn thiếu hoặc không thuộc bảng điểm."
        )
    existing = {
        (r.member_id, r.scorer_id, r.is_panel): r
        for r in MissingSheetReason.objects.filter(table=table)
    }
    written = 0
    for key, raw in reasons.items():
        text = (raw or "").strip()[:500]
        if not text:
            continue
        sheet = missing[key]
        scorer_id = None if sheet.panel else sheet.scorer.pk
        row = existing.get((sheet.member.pk, scorer_id, sheet.panel))
        if row is not None and row.reason == text:
            continue
        before = None if row is None else row.reason
        if row is None:
            row = MissingSheetReason(table=table, member=sheet.member, scorer_id=scorer_id,
                                     is_panel=sheet.panel)  # fmt: skip
        row.reason, row.recorded_by = text, actor
        row.save()
        audit.record(actor, AuditAction.CREATE if before is None else AuditAction.UPDATE, row,
                     changes={"reason": [before, text]}, unit_id=table.bloc.owner_id,
                     note=f"Lý do thiếu {sheet.label}")  # fmt: skip
        written += 1
    return written


@transaction.atomic
def lock_table(actor, table: ScoringTable) -> list[RankingResult]:
    """OPEN → LOCKED; the ranking is computed and stored (replacing any earlier one).

    Refused while a required sheet (a member's self-score, a cross sheet, the panel's sheet;
    ``selectors.scoring.missing_sheets``) has no score and no recorded reason; the refusal
    names every such sheet. The lock's audit note lists the missing sheets and their reasons."""
    require_bloc_head(actor, table.bloc)
    table = ScoringTable.objects.select_for_update().select_related("bloc").get(pk=table.pk)
    missing = missing_sheets(table) if table.status == ScoringStatus.OPEN else []
    unexplained = [m for m in missing if not m.reason]
    if unexplained:
        shown = "; ".join(m.label for m in unexplained[:30])
        more = f" và {len(unexplained) - 30} phiếu khác" if len(unexplained) > 30 else ""
        raise EmulationError(
            f"Chưa khóa được bảng điểm: còn thiếu {len(unexplained)} phiếu chấm chưa có lý do — "
            f"{shown}{more}. Hãy chờ các đơn vị chấm xong, hoặc Trưởng khối ghi lý do vắng cho "
            "từng phiếu thiếu rồi khóa."
        )
    note = ""
    if missing:
        note = "Khóa khi thiếu phiếu: " + "; ".join(f"{m.label} ({m.reason})" for m in missing)
    _transition(actor, table, ScoringStatus.LOCKED, note=note[:2000])
    rows = compute_ranking(table)
    RankingResult.objects.filter(table=table).delete()
    return RankingResult.objects.bulk_create(
        [
            RankingResult(
                table=table,
                member=r.unit,
                rank=r.rank,
                self_total=r.self_total or 0,
                cross_total=r.cross_total,
                final_total=r.final,
                tie_note=r.tie_note[:255],
            )  # fmt: skip
            for r in rows
        ]
    )


@transaction.atomic
def reopen_table(actor, table: ScoringTable, *, reason: str, deadline=None) -> ScoringTable:
    """LOCKED → OPEN by the bloc head, with a reason (kept on the table and in the audit)."""
    require_bloc_head(actor, table.bloc)
    reason = (reason or "").strip()
    if not reason:
        raise EmulationError("Phải nêu lý do mở lại bảng điểm.")
    table = ScoringTable.objects.select_for_update().select_related("bloc").get(pk=table.pk)
    if deadline is not None:
        table.deadline = deadline
    if table.status == ScoringStatus.LOCKED and table.deadline and table.deadline <= timezone.now():
        raise EmulationError("Hạn chấm đã qua: hãy đặt hạn chấm mới khi mở lại.")
    table.reopen_reason = reason[:255]
    table.locked_at = None if table.status == ScoringStatus.LOCKED else table.locked_at
    _transition(actor, table, ScoringStatus.OPEN, note=f"Mở lại: {reason}")
    return table


# --- criteria (DRAFT only) -------------------------------------------------------------------


def _check_criterion(table, parent, kind, max_points) -> None:
    if parent is not None and (parent.table_id != table.pk or parent.kind != CriterionKind.GROUP):
        raise EmulationError("Tiêu chí cha phải là một nhóm tiêu chí của cùng bảng điểm.")
    if max_points is None or max_points < 0:
        raise EmulationError("Điểm tối đa phải là số không âm.")
    if kind not in CriterionKind.values:
        raise EmulationError("Loại tiêu chí không hợp lệ.")


@transaction.atomic
def add_criterion(
    actor, table: ScoringTable, *, code, name, kind, max_points, parent=None, guidance=""
) -> Criterion:
    require_bloc_head(actor, table.bloc)
    _require_draft(table)
    _check_criterion(table, parent, kind, max_points)
    top = Criterion.objects.filter(table=table, parent=parent).aggregate(p=Max("position"))["p"]
    c = Criterion.objects.create(table=table, parent=parent, code=code, name=name, kind=kind, max_points=max_points,
                                 guidance=guidance, position=0 if top is None else top + 1)  # fmt: skip
    audit.record_create(actor, c, unit_id=table.bloc.owner_id)
    return c


@transaction.atomic
def update_criterion(actor, criterion: Criterion, **fields) -> Criterion:
    table = criterion.table
    require_bloc_head(actor, table.bloc)
    _require_draft(table)
    if (
        criterion.kind == CriterionKind.GROUP
        and fields.get("kind", criterion.kind) != CriterionKind.GROUP
        and criterion.children.exists()
    ):
        raise EmulationError("Nhóm còn tiêu chí con: không đổi sang tiêu chí được.")
    _check_criterion(table, fields.get("parent", criterion.parent), fields.get("kind", criterion.kind),
                     fields.get("max_points", criterion.max_points))  # fmt: skip
    parent = fields.get("parent", criterion.parent)
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == criterion.pk:
            raise EmulationError("Không đặt được một nhóm vào bên trong chính nó.")
        ancestor = ancestor.parent
    before = audit.snapshot(criterion)
    for key, value in fields.items():
        setattr(criterion, key, value)
    criterion.save()
    audit.record_update(actor, criterion, before, unit_id=table.bloc.owner_id)
    return criterion


@transaction.atomic
def delete_criterion(actor, criterion: Criterion) -> None:
    table = criterion.table
    require_bloc_head(actor, table.bloc)
    _require_draft(table)
    audit.record_delete(actor, criterion, unit_id=table.bloc.owner_id)
    criterion.delete()


@transaction.atomic
def move_criterion(actor, criterion: Criterion, direction: int) -> None:
    """Swap with the previous (-1) or next (+1) sibling."""
    table = criterion.table
    require_bloc_head(actor, table.bloc)
    _require_draft(table)
    siblings = list(
        Criterion.objects.filter(table=table, parent_id=criterion.parent_id).order_by(
            "position", "id"
        )
    )
    i = next(i for i, c in enumerate(siblings) if c.pk == criterion.pk)
    j = i + direction
    if not 0 <= j < len(siblings):
        return
    siblings[i], siblings[j] = siblings[j], siblings[i]
    for pos, c in enumerate(siblings):
        c.position = pos
    Criterion.objects.bulk_update(siblings, ["position"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        criterion,
        changes={"position": [i, j]},
        unit_id=table.bloc.owner_id,
    )


# --- sheets ----------------------------------------------------------------------------------


def check_writable(table: ScoringTable) -> None:
    if table.status != ScoringStatus.OPEN:
        raise EmulationError(
            f"Bảng điểm đang ở trạng thái “{STATUS_LABELS[table.status]}”: không nhập hay sửa điểm được."
        )
    if table.deadline and timezone.now() > table.deadline:
        raise EmulationError("Đã quá hạn chấm điểm: không nhập hay sửa điểm được nữa.")


def parse_points(raw) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        return Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"“{raw}” không phải là số.") from exc


def bound_errors(leaves: list[Criterion], points: dict[int, Decimal | None]) -> dict[int, str]:
    """The message for each leaf whose points are out of bounds."""
    errors = {}
    for c in leaves:
        value = points.get(c.pk)
        if value is None:
            continue
        if value < 0:
            errors[c.pk] = f"Điểm tiêu chí {c.code} không được nhỏ hơn 0"
        elif value > c.max_points:
            errors[c.pk] = (
                f"Điểm tiêu chí {c.code} không được vượt quá {c.max_points.normalize():f}"
            )
        elif value != value.quantize(Decimal("0.01")):
            errors[c.pk] = f"Điểm tiêu chí {c.code} chỉ lấy tối đa 2 chữ số thập phân"
    return errors


@transaction.atomic
def save_sheet(actor, table: ScoringTable, member, *, scorer=None, panel: bool = False,
               points: dict[int, Decimal | None], notes: dict[int, str] | None = None) -> int:  # fmt: skip
    """Save one scorer's sheet for one member (``scorer == member``: self-scoring; ``panel``:
    the panel's consensus entered by the bloc head). Blank points remove that entry.
    Returns the number of entries written."""
    bloc = table.bloc
    table = ScoringTable.objects.select_for_update().get(pk=table.pk)
    check_writable(table)
    if not BlocMember.objects.filter(bloc=bloc, unit=member).exists():
        raise EmulationError("Đơn vị được chấm không phải thành viên của khối.")
    if panel:
        require_bloc_head(actor, bloc)
        if table.method != CrossScoringMethod.PANEL:
            raise EmulationError(
                "Bảng điểm này chấm chéo theo trung bình các thành viên, không có điểm tổ chấm."
            )
        scorer = None
    else:
        require_acting_for(actor, bloc, scorer)
        if table.method == CrossScoringMethod.PANEL and scorer.pk != member.pk:
            raise EmulationError(
                "Bảng điểm này do tổ chấm thống nhất: thành viên chỉ tự chấm đơn vị mình."
            )
    notes = notes or {}
    leaves = list(Criterion.objects.filter(table=table, kind__in=LEAF_KINDS))
    unknown = set(points) - {c.pk for c in leaves}
    if unknown:
        raise EmulationError(
            "Chỉ chấm điểm các tiêu chí, điểm thưởng, điểm trừ (nhóm không có điểm riêng)."
        )
    errors = bound_errors(leaves, points)
    if errors:
        raise EmulationError("; ".join(errors.values()) + ".")
    existing = {
        s.criterion_id: s
        for s in Score.objects.filter(table=table, member=member, is_panel=panel, scorer=scorer)
    }
    by_id = {c.pk: c for c in leaves}
    create, update, delete, changes = [], [], [], {}
    for cid, value in points.items():
        note = (notes.get(cid) or "").strip()[:500]
        old = existing.get(cid)
        code = by_id[cid].code
        if value is None:
            if old is not None:
                delete.append(old.pk)
                changes[code] = [str(old.points), None]
            continue
        if old is None:
            create.append(Score(table=table, criterion_id=cid, member=member, scorer=scorer, is_panel=panel,
                                points=value, note=note, entered_by=actor))  # fmt: skip
            changes[code] = [None, str(value)]
        elif old.points != value or old.note != note:
            if old.points != value:
                changes[code] = [str(old.points), str(value)]
            old.points, old.note, old.entered_by = value, note, actor
            update.append(old)
    Score.objects.filter(pk__in=delete).delete()
    Score.objects.bulk_create(create)
    if update:
        now = timezone.now()
        for s in update:
            s.entered_at = now
        Score.objects.bulk_update(update, ["points", "note", "entered_by", "entered_at"])
    if create or update or delete:
        who = "Tổ chấm" if panel else scorer.name
        audit.record(actor, AuditAction.UPDATE, table, changes=changes,
                     note=f"Phiếu chấm điểm {member.name} — người chấm: {who}")  # fmt: skip
    return len(create) + len(update) + len(delete)


@transaction.atomic
def add_evidence(actor, table: ScoringTable, member, criterion: Criterion, upload) -> ScoreEvidence:
    require_acting_for(actor, table.bloc, member)
    check_writable(table)
    if criterion.table_id != table.pk or criterion.kind not in LEAF_KINDS:
        raise EmulationError("Minh chứng phải gắn với một tiêu chí của bảng điểm.")
    try:
        stored = store_upload(upload, user=actor)
    except FileRejected as exc:
        raise EmulationError(str(exc)) from exc
    ev = ScoreEvidence.objects.create(table=table, criterion=criterion, member=member, file=stored)
    audit.record_create(actor, ev, unit_id=member.pk, note=f"Minh chứng tiêu chí {criterion.code}")
    return ev


@transaction.atomic
def delete_evidence(actor, evidence: ScoreEvidence) -> None:
    require_acting_for(actor, evidence.table.bloc, evidence.member)
    check_writable(evidence.table)
    audit.record_delete(actor, evidence, unit_id=evidence.member_id)
    evidence.delete()


# --- import from a spreadsheet ---------------------------------------------------------------

IMPORT_COLUMNS = [
    "Số hiệu",
    "Nội dung",
    "Loại",
    "Điểm tối đa",
    "Thuộc nhóm (số hiệu)",
    "Hướng dẫn chấm",
]
_KIND_WORDS = (
    {v: v for v in CriterionKind.values}
    | {label.lower(): value for value, label in CriterionKind.choices}
    | {"nhóm": CriterionKind.GROUP, "thưởng": CriterionKind.BONUS, "trừ": CriterionKind.PENALTY}
)


def criteria_template(examples) -> bytes:
    """The import template: header on row 1, the example rows, the kind column a drop-down."""
    import io

    from openpyxl import Workbook

    from vinhdanh.core.exports import code_list, template_sheet

    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    template_sheet(ws, IMPORT_COLUMNS, examples)
    kinds = ",".join(label for _value, label in CriterionKind.choices)
    code_list(ws, f'"{kinds}"', IMPORT_COLUMNS.index("Loại") + 1, strict=False)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@transaction.atomic
def import_criteria(actor, table: ScoringTable, upload) -> int:
    """Append criteria from an .xlsx (columns: IMPORT_COLUMNS, first row is the header) to a
    DRAFT table. Every row is checked first; nothing is written if one row is wrong."""
    from openpyxl import load_workbook

    require_bloc_head(actor, table.bloc)
    _require_draft(table)
    try:
        refuse_zip_bomb(upload, getattr(upload, "name", "") or "Excel")
    except FileRejected as exc:
        raise EmulationError(str(exc)) from exc
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # noqa: BLE001 - any unreadable file
        raise EmulationError("Không đọc được tệp Excel (.xlsx).") from exc
    existing = {c.code: c for c in Criterion.objects.filter(table=table)}
    rows, errors, seen = [], [], set(existing)
    for n, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        values = [("" if v is None else str(v).strip()) for v in (list(values) + [None] * 6)[:6]]
        if not any(values):
            continue
        code, name, kind_raw, max_raw, parent_code, guidance = values
        kind = _KIND_WORDS.get(kind_raw.lower() or "criterion")
        try:
            max_points = parse_points(max_raw or "0")
        except ValueError:
            max_points = None
        if not code or not name:
            errors.append(f"Dòng {n}: thiếu số hiệu hoặc nội dung.")
        elif code in seen:
            errors.append(f"Dòng {n}: số hiệu {code} bị trùng.")
        if kind is None:
            errors.append(
                f"Dòng {n}: loại “{kind_raw}” không hợp lệ (nhóm, tiêu chí, điểm thưởng, điểm trừ)."
            )
        if max_points is None or max_points < 0:
            errors.append(f"Dòng {n}: điểm tối đa “{max_raw}” không hợp lệ.")
        seen.add(code)
        rows.append((n, code, name[:500], kind, max_points, parent_code, guidance))
    kinds = {c.code: c.kind for c in existing.values()} | {r[1]: r[3] for r in rows}
    for n, _code, _name, _kind, _mx, parent_code, _g in rows:
        if parent_code and kinds.get(parent_code) != CriterionKind.GROUP:
            errors.append(f"Dòng {n}: nhóm cha “{parent_code}” không có hoặc không phải nhóm.")
    if errors:
        raise EmulationError(" ".join(errors[:20]))
    created = dict(existing)
    pending = list(rows)
    while pending:  # parents first, whatever the row order
        progress = False
        for item in list(pending):
            n, code, name, kind, mx, parent_code, guidance = item
            if parent_code and parent_code not in created:
                continue
            parent = created.get(parent_code) if parent_code else None
            top = Criterion.objects.filter(table=table, parent=parent).aggregate(p=Max("position"))[
                "p"
            ]
            created[code] = Criterion.objects.create(table=table, parent=parent, code=code, name=name, kind=kind, max_points=mx,
                                                     guidance=guidance, position=0 if top is None else top + 1)  # fmt: skip
            pending.remove(item)
            progress = True
        if not progress:
            raise EmulationError("Các nhóm tham chiếu vòng tròn lẫn nhau.")
    audit.record(actor, AuditAction.CREATE, table, changes={"criteria": [None, len(rows)]},
                 note=f"Nhập {len(rows)} tiêu chí từ Excel")  # fmt: skip
    return len(rows)
