"""Assignment of a dossier to a specialist (chuyên viên) of the receiving office.

The receiving office's officers assign each dossier in their hands (submitted, received, in
appraisal, at the council) to one of the office's specialists: accounts holding the
MANAGE_NOMINATIONS capability on the receiving unit. Reassigning from one specialist to another
needs a reason; every assignment is audited and written on the dossier's path (DossierEvent),
and the specialist is notified. Once assigned, the work inbox shows the dossier to the
specialist rather than to every officer of the office.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .enums import DossierStatus as S
from .models import Dossier, DossierEvent
from .services import NominationsError

ASSIGNABLE = (S.SUBMITTED, S.RECEIVED, S.APPRAISAL, S.AT_COUNCIL)


def specialists_of(unit):
    """Active accounts holding MANAGE_NOMINATIONS on ``unit`` or above it (who may handle a
    dossier it receives)."""
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_NOMINATIONS in caps]
    ancestors = [unit.path[: i + 1] for i, ch in enumerate(unit.path) if ch == "."]
    User = get_user_model()
    return (
        User.objects.filter(
            is_active=True,
            role_grants__role__in=roles,
            role_grants__unit__path__in=ancestors,
            role_grants__unit__active_to__isnull=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def workloads(unit) -> list[tuple]:
    """(user, open dossiers assigned) for the unit's specialists: two queries in all."""
    users = list(specialists_of(unit).values("pk", "full_name", "username"))
    counts = dict(
        Dossier.objects.filter(status__in=ASSIGNABLE, assigned_to_id__in=[u["pk"] for u in users])
        .values_list("assigned_to_id")
        .annotate(n=Count("pk"))
    )
    return [(u, counts.get(u["pk"], 0)) for u in users]


@transaction.atomic
def dossier_assign(actor, dossier: Dossier, *, specialist, reason: str = "") -> Dossier:
    """Assign (or reassign, with a reason) the dossier to a specialist of the receiving office."""
    from .workflow import RECEIVER, _require_side

    _require_side(actor, dossier, RECEIVER)
    locked = Dossier.objects.select_for_update().select_related("receiving_unit").get(pk=dossier.pk)
    if locked.status not in ASSIGNABLE:
        raise NominationsError(
            f"Hồ sơ đang ở trạng thái «{locked.get_status_display()}»: chỉ phân công hồ sơ đang "
            "ở cấp tiếp nhận (đã gửi, đã tiếp nhận, đang thẩm định, trình Hội đồng).",
            code="state",
        )
    if (
        specialist is None
        or not specialists_of(locked.receiving_unit).filter(pk=specialist.pk).exists()
    ):
        raise NominationsError(
            "Người được phân công phải là cán bộ thi đua, khen thưởng của cấp tiếp nhận.",
            "specialist",
        )
    if locked.assigned_to_id == specialist.pk:
        raise NominationsError(f"Hồ sơ đã được giao cho {specialist}.", "specialist")
    reason = (reason or "").strip()
    if locked.assigned_to_id and not reason:
        raise NominationsError("Giao lại cho chuyên viên khác cần ghi lý do.", "reason")
    before = audit.snapshot(locked, ["assigned_to"])
    previous = locked.assigned_to
    locked.assigned_to = specialist
    locked.save(update_fields=["assigned_to", "updated_at"])
    what = f"Giao lại từ {previous} cho {specialist}" if previous else f"Giao cho {specialist}"
    note = f"{what}: {reason}" if reason else what
    DossierEvent.objects.create(
        dossier=locked, actor=actor, from_status=locked.status, to_status=locked.status,
        reason=note,
    )  # fmt: skip
    audit.record(
        actor, AuditAction.UPDATE, locked,
        changes=audit.diff(before, audit.snapshot(locked, ["assigned_to"])), note=note,
    )  # fmt: skip
    # inbox: tell the specialist, once the assignment is committed
    from vinhdanh.inbox import events

    events.on_commit(events.dossier_assigned, locked.pk, note)
    return locked
