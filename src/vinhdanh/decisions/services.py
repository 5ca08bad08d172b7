"""Every write of the decisions app: drafts, lines, money, issuing (register entries) and
revocation (Luật Thi đua, khen thưởng 2022, Điều 93)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.catalogue.models import Honour
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction, DocumentType
from vinhdanh.core.numbering import issue_number_for
from vinhdanh.core.text import fold
from vinhdanh.nominations.enums import DossierStatus, NomineeKind, NomineeOutcome
from vinhdanh.nominations.models import Dossier, Nominee
from vinhdanh.registry.models import AwardKind, EntrySource, HonourRecord

from . import checks, money
from .models import Decision, DecisionLine, DecisionStatus

DEFAULT_LEGAL_BASIS = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của "
    "Luật Thi đua, khen thưởng;"
)
DEFAULT_RECIPIENTS = "Như Điều 3;\nLưu: VT, TĐKT."

KIND_OF_NOMINEE = {
    NomineeKind.PERSON: "individual",
    NomineeKind.COLLECTIVE: "collective",
    NomineeKind.CITIZEN: "individual",
    NomineeKind.FOREIGNER: "individual",
    NomineeKind.HOUSEHOLD: "household",
}


class DecisionsError(Exception):
    """A decision cannot be prepared, issued or revoked; the message says why and what to do."""


def _require(user, capability: str, unit, message: str) -> None:
    if not can_on_unit(user, capability, unit):
        raise DecisionsError(message)


def _require_draft(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise DecisionsError("Quyết định đã ban hành hoặc đã hủy bỏ, không sửa được nữa.")


def _require_internal(decision: Decision) -> None:
    if decision.is_external:
        raise DecisionsError(
            "Đây là quyết định của cấp khác được ghi nhận: cơ quan này không ban hành, không tạo "
            "văn bản và không in bằng, giấy khen mang tên mình cho quyết định đó."
        )


def _refuse(intro: str, problems: list[str]) -> None:
    if problems:
        more = f" (và {len(problems) - 10} dòng khác)" if len(problems) > 10 else ""
        raise DecisionsError(intro + " " + "; ".join(problems[:10]) + more)


@transaction.atomic
def decision_create(actor, *, issuer, title: str, **fields) -> Decision:
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        issuer,
        "Bạn không có quyền lập dự thảo quyết định cho cơ quan này.",
    )
    fields.setdefault("legal_basis", DEFAULT_LEGAL_BASIS)
    fields.setdefault("recipients", DEFAULT_RECIPIENTS)
    _require_signer(fields.get("signer"), issuer)
    decision = Decision.objects.create(issuer=issuer, title=title, created_by=actor, **fields)
    audit.record_create(actor, decision)
    return decision


EDITABLE = ("title", "date", "signer", "legal_basis", "recipients", "award_kind")


def _require_signer(signer, issuer) -> None:
    """A chosen signer must hold a signer grant with a recorded capacity over the issuer."""
    from vinhdanh.accounts.services import AccountsError, require_signing_grant

    if signer is None:
        return
    try:
        require_signing_grant(signer, issuer)
    except AccountsError as exc:
        raise DecisionsError(str(exc)) from exc


@transaction.atomic
def decision_update(actor, decision: Decision, **fields) -> Decision:
    decision = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    _require_draft(decision)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền sửa dự thảo quyết định này.",
    )
    if "signer" in fields:
        _require_signer(fields["signer"], decision.issuer)
    before = audit.snapshot(decision)
    for name in EDITABLE:
        if name in fields:
            setattr(decision, name, fields[name])
    decision.save()
    audit.record_update(actor, decision, before)
    return decision


def approved_nominees(decision: Decision):
    """Nominees accepted (or downgraded) in approved dossiers received by the issuer or a unit
    below it, not yet on any decision line."""
    taken = DecisionLine.objects.filter(nominee__isnull=False).values("nominee_id")
    return (
        Nominee.objects.filter(
            dossier__status=DossierStatus.APPROVED,
            dossier__receiving_unit__path__startswith=decision.issuer.path,
            outcome__in=[NomineeOutcome.ACCEPTED, NomineeOutcome.DOWNGRADED],
        )
        .exclude(pk__in=taken)
        .select_related("dossier", "person__unit", "unit__parent", "honour", "downgraded_to")
        .order_by("dossier_id", "position", "id")
    )


def _next_position(decision: Decision) -> int:
    last = decision.lines.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


def person_details(person) -> str:
    """The annex's "Chức vụ, đơn vị" cell: "Trưởng phòng Tổ chức cán bộ, Sở Y tế"."""
    unit = person.unit.name if person.unit_id else ""
    return ", ".join(part for part in (person.position.strip(), unit) if part)


def _nominee_line(decision: Decision, nominee: Nominee, position: int) -> DecisionLine:
    honour = (
        nominee.downgraded_to
        if nominee.outcome == NomineeOutcome.DOWNGRADED and nominee.downgraded_to_id
        else nominee.honour
    )
    if nominee.person_id:
        name = nominee.person.full_name
        details = person_details(nominee.person)
    elif nominee.unit_id:
        # the collective's parent (the unit it belongs to), as the annex's "đơn vị" column
        name = nominee.unit.name
        details = nominee.unit.parent.name if nominee.unit.parent_id else ""
    else:
        name, details = nominee.outsider_name, nominee.outsider_details
    return DecisionLine(
        decision=decision,
        position=position,
        nominee=nominee,
        person_id=nominee.person_id,
        unit_id=nominee.unit_id,
        name=name[:255],
        name_folded=fold(name)[:255],
        details=details[:500],
        subject_kind=KIND_OF_NOMINEE[nominee.kind],
        honour=honour,
        achievement_year=nominee.dossier.year,
    )


@transaction.atomic
def lines_add_nominees(actor, decision: Decision, nominee_ids) -> list[DecisionLine]:
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=decision.pk)
    )
    _require_draft(decision)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền sửa dự thảo quyết định này.",
    )
    _require_internal(decision)
    nominees = list(approved_nominees(decision).filter(pk__in=list(nominee_ids)))
    if not nominees:
        raise DecisionsError("Chưa chọn đối tượng nào đã được Hội đồng thông qua.")
    start = _next_position(decision)
    lines = [_nominee_line(decision, n, start + i) for i, n in enumerate(nominees)]
    refusals = []
    for ln in lines:
        refusal = checks.confer_refusal(decision.issuer, ln.honour)
        if refusal:
            refusals.append(f"{ln.name}: {refusal}{checks.forward_hint(ln.nominee)}")
    _refuse("Không thêm được vào quyết định:", refusals)
    _refuse(
        "Không thêm được vào quyết định (kết quả biểu quyết của Hội đồng):",
        checks.council_problems(lines),
    )
    checks.judge_lines(lines)
    DecisionLine.objects.bulk_create(lines)
    audit.record(
        actor,
        AuditAction.UPDATE,
        decision,
        changes={"lines": [None, [f"{ln.name} – {ln.honour_id}" for ln in lines]]},
        note=f"Thêm {len(lines)} dòng từ hồ sơ đã được thông qua",
    )
    money.recompute(decision)
    return lines


@transaction.atomic
def line_add(
    actor,
    decision: Decision,
    *,
    honour: Honour,
    achievement_year: int,
    person=None,
    unit=None,
    name: str = "",
    details: str = "",
    subject_kind: str = "individual",
) -> DecisionLine:
    """A line added by hand (a decision outside the dossier flow)."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=decision.pk)
    )
    _require_draft(decision)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền sửa dự thảo quyết định này.",
    )
    if person is not None:
        name, subject_kind = person.full_name, "individual"
        details = details or person_details(person)
    elif unit is not None:
        name, subject_kind = unit.name, "collective"
    if not name.strip():
        raise DecisionsError("Cần chọn cá nhân, tập thể hoặc ghi tên đối tượng khen thưởng.")
    if decision.is_external:
        refusal = checks.external_refusal(decision.external_authority, honour)
        if refusal:
            raise DecisionsError(refusal)
    else:
        refusal = checks.confer_refusal(decision.issuer, honour)
        if refusal:
            raise DecisionsError(refusal)
    line = DecisionLine(
        decision=decision,
        position=_next_position(decision),
        person=person,
        unit=unit,
        name=name.strip()[:255],
        details=details[:500],
        subject_kind=subject_kind,
        honour=honour,
        achievement_year=achievement_year,
    )
    if not decision.is_external:
        checks.judge_lines([line])
    line.save()
    audit.record_create(actor, line, unit_id=decision.issuer_id)
    if not decision.is_external:
        money.recompute(decision)
    return line


@transaction.atomic
def line_remove(actor, line: DecisionLine) -> None:
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=line.decision_id)
    )
    _require_draft(decision)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền sửa dự thảo quyết định này.",
    )
    audit.record_delete(actor, line, unit_id=decision.issuer_id)
    line.delete()
    if not decision.is_external:
        money.recompute(decision)


@transaction.atomic
def line_override(actor, line: DecisionLine, *, reason: str) -> DecisionLine:
    """Keep a line whose subject the engine finds not eligible or held, with the signer's
    reason: shown on the draft review page and in the audit, printed nowhere on the decision."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=line.decision_id)
    )
    _require_draft(decision)
    _require(
        actor,
        Capability.SIGN,
        decision.issuer,
        "Chỉ lãnh đạo có thẩm quyền ký mới được quyết định vẫn khen thưởng khi chưa đủ tiêu chuẩn.",
    )
    line = DecisionLine.objects.select_for_update().get(pk=line.pk, decision=decision)
    if line.verdict_status in ("eligible", "manual"):
        raise DecisionsError("Dòng này đủ tiêu chuẩn, không cần lý do vẫn khen thưởng.")
    if not reason or not reason.strip():
        raise DecisionsError("Cần ghi lý do vẫn khen thưởng khi chưa đủ tiêu chuẩn.")
    before = audit.snapshot(line, ["override_reason", "override_by", "override_at"])
    line.override_reason = reason.strip()
    line.override_by = actor
    line.override_at = timezone.now()
    line.save(update_fields=["override_reason", "override_by", "override_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        line,
        changes=audit.diff(
            before, audit.snapshot(line, ["override_reason", "override_by", "override_at"])
        ),
        unit_id=decision.issuer_id,
        note=f"Vẫn khen thưởng {line.name} ({line.honour_id}, kết quả kiểm tra: "
        f"{line.verdict_status}): {line.override_reason}",
    )
    return line


def _duplicates(lines: list[DecisionLine]) -> list[str]:
    """Lines whose subject already holds the same honour for the same year (in the register or
    twice on this decision)."""
    problems: list[str] = []
    seen: set[tuple] = set()
    cond = Q(pk__in=[])
    for ln in lines:
        key = (ln.person_id, ln.unit_id, ln.honour_id, ln.achievement_year)
        if ln.person_id or ln.unit_id:
            if key in seen:
                problems.append(f"{ln.name}: {ln.honour.name} năm {ln.achievement_year} ghi 2 lần")
            seen.add(key)
        if ln.person_id:
            cond |= Q(
                person_id=ln.person_id,
                honour_id=ln.honour_id,
                achievement_year=ln.achievement_year,
            )
        elif ln.unit_id:
            cond |= Q(
                unit_id=ln.unit_id, honour_id=ln.honour_id, achievement_year=ln.achievement_year
            )
    rows = HonourRecord.objects.filter(cond).values_list(
        "person_id", "unit_id", "honour_id", "achievement_year", "decision_number"
    )
    found = {(p, u, h, y): num for p, u, h, y, num in rows}
    for ln in lines:
        num = found.get((ln.person_id, ln.unit_id, ln.honour_id, ln.achievement_year))
        if num is not None:
            problems.append(
                f"{ln.name}: đã có {ln.honour.name} năm {ln.achievement_year} trong sổ"
                + (f" (Quyết định {num})" if num else "")
            )
    return problems


def _mark_dossiers_decided(actor, decision: Decision, dossier_ids: set[int]) -> None:
    """Dossiers whose nominees are on the decision become DECIDED (through the nominations
    service when it exists, else here)."""
    try:
        from vinhdanh.nominations.workflow import dossier_mark_decided
    except ImportError:  # the nominations workflow is not there: set the status here
        dossier_mark_decided = None
    for dossier in Dossier.objects.filter(pk__in=dossier_ids, status=DossierStatus.APPROVED):
        if dossier_mark_decided is not None:
            dossier_mark_decided(actor, dossier, decision)
            continue
        before = audit.snapshot(dossier, ["status"])
        dossier.status = DossierStatus.DECIDED
        dossier.save(update_fields=["status", "updated_at"])
        audit.record(
            actor,
            AuditAction.TRANSITION,
            dossier,
            changes=audit.diff(before, audit.snapshot(dossier, ["status"])),
            note=f"Đã có quyết định khen thưởng {decision.number_display}",
        )


def issue_problems(decision: Decision, lines: list[DecisionLine]) -> list[str]:
    """Everything that stops the decision from being signed, each line re-checked now: who
    confers the honour, the engine's verdict (judged again and stored), the council's vote,
    the money. An empty list means it may be issued."""
    problems = checks.jurisdiction_problems(decision, lines)
    checks.judge_lines(lines)
    DecisionLine.objects.bulk_update(lines, ["verdict_status", "verdict"], batch_size=500)
    problems += checks.verdict_problems(lines)
    problems += checks.council_problems(lines)
    problems += [f"Tiền thưởng: {m}" for m in checks.money_problems(decision)]
    return problems


def _head_decides(honour) -> bool:
    """A Bằng khen (or a form named after the Chủ tịch) is decided by the head, not the
    collective (Luật TĐKT 2022, Điều 79–80)."""
    name = honour.name.lower()
    return honour.code.startswith("BK") or name.startswith("bằng khen") or "chủ tịch" in name


def signature_of(signer, issuer, lines=()):
    """The signature block (documents.docx.Signature) of ``signer`` for a decision of
    ``issuer``; refused when no signing capacity is recorded, or when a decision of the Chủ
    tịch (e.g. Bằng khen của Chủ tịch UBND) would be signed TM. for the collective."""
    from vinhdanh.accounts.services import AccountsError, require_signing_grant
    from vinhdanh.documents.docx import Signature, SigningError

    try:
        grant = require_signing_grant(signer, issuer)
        heading = grant.signature_lines()
    except (AccountsError, SigningError) as exc:
        raise DecisionsError(str(exc)) from exc
    if grant.sign_mode == "tm" and any(_head_decides(ln.honour) for ln in lines):
        raise DecisionsError(
            "Quyết định tặng hình thức của Chủ tịch (ví dụ Bằng khen của Chủ tịch Ủy ban nhân dân) "
            "do Chủ tịch ký (CHỦ TỊCH) hoặc cấp phó ký thay (KT. CHỦ TỊCH), không ký thay mặt tập "
            "thể (TM.) — Nghị định 30/2020/NĐ-CP, Điều 13, khoản 1."
        )
    return Signature(lines=heading, name=signer.full_name or signer.get_username())


def _freeze_statistics(records: list[HonourRecord]) -> None:
    """Owner unit, sex and position category as they stand on the decision date (the
    statistics count them as they were then, not as they are when the report runs); two
    queries for the whole decision."""
    from vinhdanh.orgs.models import Person, Unit

    people = Person.objects.select_related("unit").in_bulk(
        {r.person_id for r in records if r.person_id}
    )
    units = Unit.objects.in_bulk({r.unit_id for r in records if r.unit_id})
    for r in records:
        r.freeze_statistics(person=people.get(r.person_id), unit=units.get(r.unit_id))


def _write_register(
    actor,
    decision: Decision,
    lines: list[DecisionLine],
    *,
    number: str,
    date: dt.date,
    issuer_name: str,
    signer: str,
) -> list[HonourRecord]:
    """One register entry per line with a subject in the system (the same code for decisions
    issued here and external decisions recorded here), linked back to its line, audited."""
    records = [
        HonourRecord(
            person_id=ln.person_id,
            unit_id=ln.unit_id,
            honour_id=ln.honour_id,
            achievement_year=ln.achievement_year,
            decision_number=number[:60],
            decision_date=date,
            issuer=issuer_name[:200],
            signer=signer[:150],
            source=EntrySource.DECISION,
            award_kind=decision.award_kind,
        )
        for ln in lines
        if ln.person_id or ln.unit_id
    ]
    _freeze_statistics(records)
    HonourRecord.objects.bulk_create(records, batch_size=500)
    created = {(r.person_id, r.unit_id, r.honour_id, r.achievement_year): r for r in records}
    for ln in lines:
        ln.register_entry = created.get(
            (ln.person_id, ln.unit_id, ln.honour_id, ln.achievement_year)
        )
    DecisionLine.objects.bulk_update(lines, ["register_entry"], batch_size=500)
    audit.record_bulk(
        actor,
        AuditAction.CREATE,
        HonourRecord,
        audit.snapshot_rows(records),
        unit_id=decision.issuer_id,
        note=f"Ghi sổ theo Quyết định {number}",
    )
    return records


@transaction.atomic
def decision_issue(
    actor,
    decision: Decision,
    *,
    date: dt.date,
    signer=None,
    signer_name: str = "",  # ignored: the signature block comes from the signer's capacity
    signer_position: str = "",  # ignored, kept for older callers
) -> Decision:
    """Number, date and sign the decision; write one register entry per line; generate the
    .docx and .pdf once and keep them as the issued files (every later download serves those
    bytes).

    The signer (``signer``, else the one chosen on the draft, else the actor) must hold a
    "Lãnh đạo, người ký" grant over the issuer with a recorded signing capacity; the 7a lines
    and the name are taken from it (NĐ 30/2020/NĐ-CP, Điều 13) and kept on the decision."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=decision.pk)
    )
    _require_draft(decision)
    _require_internal(decision)
    _require(
        actor,
        Capability.SIGN,
        decision.issuer,
        "Chỉ lãnh đạo có thẩm quyền ký của cơ quan ban hành mới được ban hành quyết định.",
    )
    signer = signer or decision.signer or actor
    lines = list(decision.lines.select_related("honour", "nominee__dossier").order_by("position"))
    if not lines:
        raise DecisionsError("Quyết định chưa có dòng khen thưởng nào.")
    signature = signature_of(signer, decision.issuer, lines)
    problems = _duplicates(lines)
    if problems:
        raise DecisionsError(
            "Không ban hành được vì trùng với sổ thi đua, khen thưởng: " + "; ".join(problems[:10])
        )
    decision.date = date  # money is computed on the signing date
    _refuse("Không ban hành được:", issue_problems(decision, lines))
    before = audit.snapshot(decision)
    number = issue_number_for(
        actor,
        decision,
        doc_type=DocumentType.QD,
        unit=decision.issuer,
        on=date,
        title=decision.title,
        error=DecisionsError,
    )
    decision.number = number
    decision.signer = signer
    decision.signer_name = signature.name
    decision.signer_position = "\n".join(signature.lines)
    decision.status = DecisionStatus.ISSUED
    decision.save()
    money.recompute(decision, lines)
    _write_register(
        actor,
        decision,
        lines,
        number=number.display,
        date=date,
        issuer_name=decision.issuer.name,
        signer=decision.signer_name,
    )
    from .issued_files import store_issued_files

    store_issued_files(actor, decision, lines)
    audit.record(
        actor,
        AuditAction.TRANSITION,
        decision,
        changes=audit.diff(before, audit.snapshot(decision)),
        note=f"Ban hành Quyết định {number.display}",
    )
    _mark_dossiers_decided(
        actor, decision, {ln.nominee.dossier_id for ln in lines if ln.nominee_id}
    )
    # inbox: tell the author and the proposing units' officers, once the issue is committed
    from vinhdanh.inbox import events

    events.on_commit(events.decision_issued, decision.pk)
    return decision


@transaction.atomic
def decision_revoke(actor, decision: Decision, *, reason: str) -> Decision:
    """Revoke an issued decision (Luật 2022, Điều 93): its register entries are deleted, its
    lines are marked revoked and the money reversed."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer", "number")
        .get(pk=decision.pk)
    )
    if decision.status != DecisionStatus.ISSUED:
        raise DecisionsError("Chỉ hủy bỏ được quyết định đã ban hành.")
    if decision.is_external:  # recording the other body's revocation in this unit's register
        _require(
            actor,
            Capability.EDIT_REGISTER,
            decision.issuer,
            "Bạn không có quyền ghi nhận việc hủy bỏ quyết định này.",
        )
    else:
        _require(
            actor,
            Capability.SIGN,
            decision.issuer,
            "Chỉ lãnh đạo có thẩm quyền ký của cơ quan ban hành mới được hủy bỏ quyết định.",
        )
    if not reason or not reason.strip():
        raise DecisionsError(
            "Cần ghi lý do hủy bỏ quyết định (Luật Thi đua, khen thưởng, Điều 93)."
        )
    before = audit.snapshot(decision)
    lines = list(decision.lines.select_related("register_entry"))
    entries = [ln.register_entry for ln in lines if ln.register_entry_id]
    audit.record_bulk(
        actor,
        AuditAction.DELETE,
        HonourRecord,
        audit.snapshot_rows(entries, deleted=True),
        unit_id=decision.issuer_id,
        note=f"Hủy bỏ Quyết định {decision.number_display}: {reason.strip()}",
    )
    for ln in lines:
        ln.revoked = True
        ln.register_entry = None
        ln.amount = 0
    DecisionLine.objects.bulk_update(lines, ["revoked", "register_entry", "amount"], batch_size=500)
    HonourRecord.objects.filter(pk__in=[e.pk for e in entries]).delete()
    decision.status = DecisionStatus.REVOKED
    decision.revoked_at = timezone.now()
    decision.revocation_reason = reason.strip()
    decision.total_amount = 0
    decision.save()
    audit.record(
        actor,
        AuditAction.TRANSITION,
        decision,
        changes=audit.diff(before, audit.snapshot(decision)),
        note=f"Hủy bỏ quyết định, thu hồi tiền thưởng: {reason.strip()}",
    )
    return decision


# --- publication on the public portal ---------------------------------------------------------


@transaction.atomic
def decision_publish(actor, decision: Decision) -> Decision:
    decision = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền công khai quyết định của cơ quan này.",
    )
    if decision.status != DecisionStatus.ISSUED:
        raise DecisionsError("Chỉ công khai được quyết định đã ban hành và còn hiệu lực.")
    if decision.published:
        raise DecisionsError("Quyết định đã được công khai.")
    before = audit.snapshot(decision, ["published", "published_at"])
    decision.published = True
    decision.published_at = timezone.now()
    decision.save(update_fields=["published", "published_at", "updated_at"])
    audit.record(
        actor,
        AuditAction.TRANSITION,
        decision,
        changes=audit.diff(before, audit.snapshot(decision, ["published", "published_at"])),
        note=f"Công khai Quyết định {decision.number_display} trên cổng thông tin",
    )
    return decision


@transaction.atomic
def decision_withdraw(actor, decision: Decision, *, reason: str) -> Decision:
    """Take a decision off the public portal; the reason is kept on the decision and audited."""
    decision = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền gỡ quyết định của cơ quan này khỏi cổng thông tin.",
    )
    if not decision.published:
        raise DecisionsError("Quyết định chưa được công khai.")
    if not reason or not reason.strip():
        raise DecisionsError("Cần ghi lý do gỡ quyết định khỏi cổng thông tin.")
    fields = ["published", "withdrawn_at", "withdrawal_reason"]
    before = audit.snapshot(decision, fields)
    decision.published = False
    decision.withdrawn_at = timezone.now()
    decision.withdrawal_reason = reason.strip()
    decision.save(update_fields=[*fields, "updated_at"])
    audit.record(
        actor,
        AuditAction.TRANSITION,
        decision,
        changes=audit.diff(before, audit.snapshot(decision, fields)),
        note=f"Gỡ Quyết định {decision.number_display} khỏi cổng thông tin: {reason.strip()}",
    )
    return decision


# --- external decisions (made by another body, recorded here) --------------------------------

EXTERNAL_EDITABLE = (
    "title",
    "date",
    "external_number",
    "external_issuer_name",
    "external_authority",
    "answers_dossier",
    "award_kind",
)


def _check_answers_dossier(actor, issuer, dossier) -> None:
    if dossier is None:
        return
    from vinhdanh.nominations.selectors import visible

    if not visible(actor).filter(pk=dossier.pk).exists():
        raise DecisionsError("Không tìm thấy hồ sơ đề nghị này trong phạm vi của bạn.")


def _store_scan(actor, scan):
    from vinhdanh.core.files import FileRejected, store_upload

    try:
        return store_upload(scan, user=actor, allowed={".pdf"})
    except FileRejected as exc:
        raise DecisionsError(str(exc)) from exc


@transaction.atomic
def external_create(
    actor, *, issuer, external_number: str, date, external_issuer_name: str, scan=None, **fields
) -> Decision:
    """Record a decision made elsewhere (its lines follow, then `external_confirm`)."""
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        issuer,
        "Bạn không có quyền ghi nhận quyết định cho cơ quan này.",
    )
    if not external_number.strip() or not external_issuer_name.strip() or date is None:
        raise DecisionsError(
            "Cần ghi số, ký hiệu, ngày và cơ quan (người) đã quyết định khen thưởng."
        )
    _check_answers_dossier(actor, issuer, fields.get("answers_dossier"))
    decision = Decision(
        issuer=issuer,
        is_external=True,
        external_number=external_number.strip(),
        external_issuer_name=external_issuer_name.strip(),
        date=date,
        title=(fields.pop("title", "") or "Về việc khen thưởng").strip(),
        created_by=actor,
        external_authority=fields.pop("external_authority", "") or "",
        answers_dossier=fields.pop("answers_dossier", None),
        award_kind=fields.pop("award_kind", "") or AwardKind.REGULAR,
        legal_basis="",
        recipients="",
    )
    if scan is not None:
        decision.external_scan = _store_scan(actor, scan)
    decision.save()
    audit.record_create(actor, decision)
    return decision


@transaction.atomic
def external_update(actor, decision: Decision, *, scan=None, **fields) -> Decision:
    decision = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    if not decision.is_external:
        raise DecisionsError("Đây không phải quyết định của cấp khác.")
    _require_draft(decision)
    _require(
        actor,
        Capability.MANAGE_NOMINATIONS,
        decision.issuer,
        "Bạn không có quyền sửa quyết định đã ghi nhận này.",
    )
    _check_answers_dossier(actor, decision.issuer, fields.get("answers_dossier"))
    before = audit.snapshot(decision)
    for name in EXTERNAL_EDITABLE:
        if name in fields:
            value = fields[name]
            setattr(decision, name, value.strip() if isinstance(value, str) else value)
    if not decision.external_number or not decision.external_issuer_name or not decision.date:
        raise DecisionsError(
            "Cần ghi số, ký hiệu, ngày và cơ quan (người) đã quyết định khen thưởng."
        )
    if scan is not None:
        decision.external_scan = _store_scan(actor, scan)
    decision.save()
    audit.record_update(actor, decision, before)
    return decision


@transaction.atomic
def external_confirm(actor, decision: Decision) -> Decision:
    """Confirm a recorded external decision: its lines go into the register exactly as an
    issued decision's do (same code, one transaction, audited); no number, document or
    certificate in this unit's name. A dossier it answers shows the result (and is marked
    decided when it was approved here)."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=decision.pk)
    )
    if not decision.is_external:
        raise DecisionsError("Quyết định của cơ quan này được ban hành bằng “Ký ban hành”.")
    _require_draft(decision)
    _require(
        actor,
        Capability.EDIT_REGISTER,
        decision.issuer,
        "Bạn không có quyền ghi sổ thi đua, khen thưởng theo quyết định này.",
    )
    if not decision.external_scan_id:
        raise DecisionsError("Cần tải lên bản chụp quyết định (PDF) trước khi ghi sổ.")
    lines = list(decision.lines.select_related("honour", "nominee").order_by("position"))
    if not lines:
        raise DecisionsError("Quyết định chưa có dòng khen thưởng nào.")
    problems = _duplicates(lines)
    if problems:
        raise DecisionsError(
            "Không ghi sổ được vì trùng với sổ thi đua, khen thưởng: " + "; ".join(problems[:10])
        )
    before = audit.snapshot(decision)
    decision.status = DecisionStatus.ISSUED
    decision.save()
    _write_register(
        actor,
        decision,
        lines,
        number=decision.external_number,
        date=decision.date,
        issuer_name=decision.external_issuer_name,
        signer="",
    )
    audit.record(
        actor,
        AuditAction.TRANSITION,
        decision,
        changes=audit.diff(before, audit.snapshot(decision)),
        note=f"Ghi nhận Quyết định {decision.external_number} của {decision.external_issuer_name}",
    )
    dossier_ids = {ln.nominee.dossier_id for ln in lines if ln.nominee_id}
    if decision.answers_dossier_id:
        dossier_ids.add(decision.answers_dossier_id)
    _mark_dossiers_decided(actor, decision, dossier_ids)
    return decision
