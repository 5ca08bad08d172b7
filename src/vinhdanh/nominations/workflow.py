"""Every dossier transition is one service: allowed per DOSSIER_TRANSITIONS, checked for the
actor's side (sender or receiver), guarded by the version the caller saw (optimistic lock:
the row is locked, its version compared, then bumped), audited, and written to the path
(DossierEvent) with the new step's due date in working days."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .deadlines import due_on_for
from .enums import DOSSIER_TRANSITIONS, DossierStatus, NomineeOutcome
from .models import Attachment, Dossier, DossierEvent, Nominee
from .services import NominationsError

S = DossierStatus
STALE = "Hồ sơ vừa được người khác cập nhật, vui lòng tải lại."
DECIDED_OUTCOMES = (NomineeOutcome.ACCEPTED, NomineeOutcome.REJECTED, NomineeOutcome.DOWNGRADED)
SENDER, RECEIVER = "sender", "receiver"


def _side_unit(dossier: Dossier, side: str):
    return dossier.sending_unit if side == SENDER else dossier.receiving_unit


def _require_side(actor, dossier: Dossier, side: str) -> None:
    if can_on_unit(actor, Capability.MANAGE_NOMINATIONS, _side_unit(dossier, side)):
        return
    other = RECEIVER if side == SENDER else SENDER
    if can_on_unit(actor, Capability.MANAGE_NOMINATIONS, _side_unit(dossier, other)):
        who = "đơn vị đề nghị" if side == SENDER else "cấp tiếp nhận"
        raise NominationsError(f"Chỉ {who} mới thực hiện được thao tác này.", code="forbidden")
    raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def _lock(dossier: Dossier, version: int | None) -> Dossier:
    locked = (
        Dossier.objects.select_for_update()
        .select_related("sending_unit", "receiving_unit")
        .get(pk=dossier.pk)
    )
    if version is not None and int(version) != locked.version:
        raise NominationsError(STALE, code="stale")
    return locked


def _check_allowed(dossier: Dossier, to: str) -> None:
    if to not in DOSSIER_TRANSITIONS.get(dossier.status, set()):
        raise NominationsError(
            f"Hồ sơ đang ở trạng thái «{dossier.get_status_display()}», không thể chuyển sang "
            f"«{S(to).label}».",
            code="state",
        )


def _move(actor, dossier: Dossier, to: str, *, reason: str = "", nominee=None) -> Dossier:
    """Change the status of a locked dossier: check the table, bump, event, audit."""
    _check_allowed(dossier, to)
    before = audit.snapshot(dossier, ["status", "version", "due_on"])
    now = timezone.now()
    from_status = dossier.status
    dossier.status = to
    dossier.version += 1
    dossier.step_started_at = now
    dossier.due_on = due_on_for(to, timezone.localdate())
    if to == S.SUBMITTED:
        dossier.submitted_at = now
    dossier.save(
        update_fields=["status", "version", "step_started_at", "due_on", "submitted_at",
                       "updated_at"]
    )  # fmt: skip
    DossierEvent.objects.create(
        dossier=dossier, actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status, to_status=to, nominee=nominee, reason=reason,
    )  # fmt: skip
    audit.record(
        actor, AuditAction.TRANSITION, dossier,
        changes=audit.diff(before, audit.snapshot(dossier, before.keys())), note=reason,
    )  # fmt: skip
    return dossier


def submit_problems(dossier: Dossier) -> list[str]:
    """Why the dossier cannot be sent, one message per nominee (empty: it can)."""
    nominees = list(dossier.nominees.select_related("person", "unit", "honour"))
    if not nominees:
        return ["Hồ sơ chưa có đối tượng đề nghị nào."]
    problems = []
    for n in nominees:
        name = f"{n.display_name} ({n.honour.name})"
        if n.verdict_status == "held":
            problems.append(f"{name}: đang trong thời gian tạm dừng xem xét khen thưởng.")
        elif n.verdict_status == "not_eligible" and dossier.kind not in ("ad_hoc", "career"):
            failed = [
                c["message"].rstrip(".") for c in n.verdict.get("checks", []) if not c.get("met")
            ]
            problems.append(f"{name}: chưa đủ điều kiện – {'; '.join(failed) or 'xem chi tiết'}.")
        elif n.verdict_status in ("manual", "not_eligible") and not n.justification.strip():
            problems.append(f"{name}: cần ghi giải trình căn cứ đề nghị (xét thủ công).")
    return problems


@transaction.atomic
def submit(actor, dossier: Dossier, version: int) -> Dossier:
    """Send to the receiving level. The letter's TTr number is taken now (kept on resubmit)."""
    from .letters import submission_letter

    _require_side(actor, dossier, SENDER)
    dossier = _lock(dossier, version)
    _check_allowed(dossier, S.SUBMITTED)
    problems = submit_problems(dossier)
    if problems:
        raise NominationsError("Chưa gửi được hồ sơ:\n" + "\n".join(problems), code="nominees")
    dossier.nominees.filter(outcome=NomineeOutcome.RETURNED).update(
        outcome=NomineeOutcome.PENDING, outcome_reason=""
    )
    _move(actor, dossier, S.SUBMITTED)
    submission_letter(actor, dossier)
    return dossier


def _simple(side: str, to: str, *, needs_reason: bool = False):
    @transaction.atomic
    def service(actor, dossier: Dossier, version: int, reason: str = "") -> Dossier:
        _require_side(actor, dossier, side)
        if needs_reason and not reason.strip():
            raise NominationsError("Cần ghi lý do.", "reason")
        locked = _lock(dossier, version)
        return _move(actor, locked, to, reason=reason.strip())

    return service


recall = _simple(SENDER, S.RECALLED, needs_reason=True)
receive = _simple(RECEIVER, S.RECEIVED)
start_appraisal = _simple(RECEIVER, S.APPRAISAL)


@transaction.atomic
def send_to_council(actor, dossier: Dossier, version: int, reason: str = "") -> Dossier:
    """To the council — refused while a required publicity window has not ended (NĐ 152/2025
    Điều 44 khoản 2; the rule table is council.publicity)."""
    from vinhdanh.council.publicity import publicity_problem

    _require_side(actor, dossier, RECEIVER)
    locked = _lock(dossier, version)
    _check_allowed(locked, S.AT_COUNCIL)
    problem = publicity_problem(locked)
    if problem:
        raise NominationsError(problem, code="publicity")
    return _move(actor, locked, S.AT_COUNCIL, reason=reason.strip())


def _ballot_problems(nominees) -> list[str]:
    """The council guard (council.standing) for the nominees kept on a dossier."""
    from vinhdanh.council.standing import nominees_may_be_decided

    return [p for p in nominees_may_be_decided(nominees).values() if p]


@transaction.atomic
def decide_nominee(actor, nominee: Nominee, *, outcome: str, downgraded_to=None, reason=""):
    """The receiver's outcome for one nominee while appraising or at the council."""
    dossier = nominee.dossier
    _require_side(actor, dossier, RECEIVER)
    if dossier.status not in (S.APPRAISAL, S.AT_COUNCIL):
        raise NominationsError("Chỉ ghi kết quả xét khi hồ sơ đang thẩm định hoặc trình Hội đồng.")
    if outcome not in DECIDED_OUTCOMES:
        raise NominationsError("Chọn kết quả xét.", "outcome")
    if outcome == NomineeOutcome.DOWNGRADED and downgraded_to is None:
        raise NominationsError("Chọn hình thức thấp hơn được chuyển sang.", "downgraded_to")
    if outcome != NomineeOutcome.ACCEPTED and not reason.strip():
        raise NominationsError(
            "Cần ghi lý do khi không chấp thuận hoặc chuyển hình thức.", "reason"
        )
    override = ""
    if outcome in (NomineeOutcome.ACCEPTED, NomineeOutcome.DOWNGRADED):
        # The council's ballot binds (council.standing): a threshold not reached refuses; with
        # no threshold, accepting against the ballot needs the written reason, kept and printed.
        from vinhdanh.council.standing import acceptance_problem, vote_standing

        judged = downgraded_to if outcome == NomineeOutcome.DOWNGRADED else nominee.honour
        standing = vote_standing(nominee, honour=judged)
        problem = acceptance_problem(standing, reason)
        if problem:
            raise NominationsError(problem, "reason" if not standing.binding else None, "ballot")
        if not standing.passed:
            override = reason.strip()
    before = audit.snapshot(
        nominee, ["outcome", "downgraded_to", "outcome_reason", "ballot_override_reason"]
    )
    nominee.outcome = outcome
    nominee.downgraded_to = downgraded_to if outcome == NomineeOutcome.DOWNGRADED else None
    nominee.outcome_reason = reason.strip()[:500]
    nominee.ballot_override_reason = override
    nominee.save(
        update_fields=["outcome", "downgraded_to", "outcome_reason", "ballot_override_reason"]
    )
    audit.record_update(actor, nominee, before, unit_id=dossier.receiving_unit_id)
    return nominee


@transaction.atomic
def approve(actor, dossier: Dossier, version: int) -> Dossier:
    _require_side(actor, dossier, RECEIVER)
    locked = _lock(dossier, version)
    if locked.status == S.AT_COUNCIL:
        pending = [
            n.display_name
            for n in locked.nominees.select_related("person", "unit")
            if n.outcome not in DECIDED_OUTCOMES
        ]
        if pending:
            raise NominationsError("Chưa có kết quả xét cho: " + ", ".join(pending) + ".")
    kept = locked.nominees.filter(
        outcome__in=(NomineeOutcome.ACCEPTED, NomineeOutcome.DOWNGRADED)
    ).select_related("person", "unit", "honour", "downgraded_to")
    problems = _ballot_problems(kept)
    if problems:
        raise NominationsError("Chưa thông qua được hồ sơ:\n" + "\n".join(problems), code="ballot")
    return _move(actor, locked, S.APPROVED)


@transaction.atomic
def return_dossier(actor, dossier: Dossier, version: int, reason: str, nominees=()) -> Dossier:
    """Return the whole dossier, or some nominees (marked RETURNED), to the sender."""
    _require_side(actor, dossier, RECEIVER)
    if not reason.strip():
        raise NominationsError("Cần ghi lý do trả lại hồ sơ.", "reason")
    locked = _lock(dossier, version)
    nominees = [n for n in nominees if n.dossier_id == locked.pk]
    for n in nominees:
        n.outcome, n.outcome_reason = NomineeOutcome.RETURNED, reason.strip()[:500]
    if nominees:
        Nominee.objects.bulk_update(nominees, ["outcome", "outcome_reason"])
    _move(actor, locked, S.RETURNED, reason=reason.strip(),
          nominee=nominees[0] if len(nominees) == 1 else None)  # fmt: skip
    # inbox: tell the sender's officers and the author, once the return is committed
    from vinhdanh.inbox import events

    events.on_commit(events.dossier_returned, locked.pk, reason.strip())
    return locked


@transaction.atomic
def forward(actor, dossier: Dossier, version: int, *, receiving_unit=None) -> Dossier:
    """An approved dossier becomes a new draft from this level to the next one up, with the
    accepted nominees (downgraded ones with their new honour) and the attachments."""
    _require_side(actor, dossier, RECEIVER)
    locked = _lock(dossier, version)
    if locked.status != S.APPROVED:
        raise NominationsError("Chỉ chuyển lên cấp trên hồ sơ đã được thông qua.", code="state")
    if locked.forwards.exists():
        raise NominationsError("Hồ sơ này đã được chuyển lên cấp trên.", code="state")
    sender = locked.receiving_unit
    target = receiving_unit or sender.parent
    if target is None or target.pk == sender.pk or not sender.path.startswith(target.path):
        raise NominationsError("Chọn cấp trên của đơn vị để chuyển hồ sơ.", "receiving_unit")
    kept = [
        n for n in locked.nominees.select_related("person", "unit", "honour", "downgraded_to")
        if n.outcome in (NomineeOutcome.ACCEPTED, NomineeOutcome.DOWNGRADED)
    ]  # fmt: skip
    if not kept:
        raise NominationsError("Không có đối tượng được chấp thuận để chuyển lên cấp trên.")
    problems = _ballot_problems(kept)
    if problems:
        raise NominationsError(
            "Không chuyển được hồ sơ lên cấp trên:\n" + "\n".join(problems), code="ballot"
        )
    new = Dossier.objects.create(
        kind=locked.kind, title=locked.title, year=locked.year, sending_unit=sender,
        receiving_unit=target, movement=locked.movement, forwarded_from=locked, created_by=actor,
    )  # fmt: skip
    mapping = {}
    for i, n in enumerate(kept, 1):
        copy = Nominee.objects.create(
            dossier=new, position=i, kind=n.kind, person_id=n.person_id, unit_id=n.unit_id,
            outsider_name=n.outsider_name, outsider_details=n.outsider_details,
            honour_id=n.downgraded_to_id or n.honour_id, justification=n.justification,
            verdict_status=n.verdict_status, verdict=n.verdict, proposal_id=n.proposal_id,
        )  # fmt: skip
        mapping[n.pk] = copy
    for att in locked.attachments.all():
        if att.nominee_id and att.nominee_id not in mapping:
            continue
        Attachment.objects.create(
            dossier=new, nominee=mapping.get(att.nominee_id), kind=att.kind,
            file_id=att.file_id, carried_from=att,
        )  # fmt: skip
    audit.record_create(actor, new, note=f"Chuyển tiếp từ hồ sơ mã {locked.pk}")
    DossierEvent.objects.create(
        dossier=locked, actor=actor, from_status=locked.status, to_status=locked.status,
        reason=f"Đã chuyển lên {target.name} (hồ sơ mã {new.pk}).",
    )  # fmt: skip
    return new


@transaction.atomic
def dossier_mark_decided(actor, dossier: Dossier, decision, version: int | None = None) -> Dossier:
    """Called by the decisions app when a decision on the dossier is issued."""
    locked = _lock(dossier, version)
    number = getattr(decision, "number", None) or decision
    label = getattr(number, "display", None) or str(number)
    return _move(actor, locked, S.DECIDED, reason=f"Quyết định số {label}")
