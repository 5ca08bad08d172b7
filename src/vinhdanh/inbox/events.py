"""Events that concern someone, turned into notifications. Each function takes ids and reads
what it needs: the apps' services call them through ``on_commit`` below, so they run after the
action is saved, never inside it (a refused or rolled-back action notifies nobody).

Recipients are the officers of the unit that must act or is told (users holding a role with the
needed capability on that very unit, as in ``selectors.grant_paths``), plus named people (the
dossier's creator, the council's members with an account)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.urls import reverse

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability

from . import services
from .enums import NotificationKind as K


def on_commit(event, *args) -> None:
    """Run ``event(*args)`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(event, *args))


def officers_of(unit_ids, capability: str) -> dict[int, list]:
    """Active users holding a role with ``capability`` on each unit (one query)."""
    from vinhdanh.accounts.models import RoleGrant

    unit_ids = set(unit_ids)
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if capability in caps]
    found: dict[int, dict] = {pk: {} for pk in unit_ids}
    grants = RoleGrant.objects.filter(
        role__in=roles, unit_id__in=unit_ids, user__is_active=True, unit__active_to__isnull=True
    ).select_related("user")
    for g in grants:
        found[g.unit_id][g.user_id] = g.user
    return {pk: list(users.values()) for pk, users in found.items()}


def dossier_returned(dossier_id: int, reason: str = "") -> None:
    from vinhdanh.nominations.models import Dossier

    d = Dossier.objects.select_related("receiving_unit", "created_by").get(pk=dossier_id)
    users = officers_of([d.sending_unit_id], Capability.MANAGE_NOMINATIONS)[d.sending_unit_id]
    services.notify(
        [*users, d.created_by],
        kind=K.DOSSIER_RETURNED,
        title=f"Hồ sơ «{d.title}» bị {d.receiving_unit.name} trả lại",
        body=f"Lý do: {reason}" if reason else "",
        url=reverse("nominations:dossier_detail", args=[d.pk]),
    )


def dossier_assigned(dossier_id: int, note: str = "") -> None:
    from vinhdanh.nominations.models import Dossier

    d = Dossier.objects.select_related("assigned_to", "sending_unit").get(pk=dossier_id)
    services.notify(
        [d.assigned_to],
        kind=K.DOSSIER_ASSIGNED,
        title=f"Bạn được giao thụ lý hồ sơ «{d.title}» của {d.sending_unit.name}",
        body=note,
        url=reverse("nominations:dossier_detail", args=[d.pk]),
    )


def ballots_opened(meeting_id: int) -> None:
    """Every member with an account whose term covers the meeting date."""
    from vinhdanh.council.models import CouncilMeeting
    from vinhdanh.council.selectors import members_on

    meeting = CouncilMeeting.objects.select_related("council").get(pk=meeting_id)
    users = [
        m.user
        for m in members_on(meeting.council, meeting.date)
        .filter(user__isnull=False)
        .select_related("user")
    ]
    services.notify(
        users,
        kind=K.BALLOT_OPENED,
        title=f"{meeting.council.name} mở biểu quyết (phiên họp {meeting.date:%d/%m/%Y})",
        body="Phiếu kín: mỗi thành viên có mặt bỏ một phiếu cho mỗi đối tượng.",
        url=reverse("council:my_ballots"),
    )


def decision_issued(decision_id: int) -> None:
    """The decision's author and the officers of the units whose dossiers it answers."""
    from vinhdanh.decisions.models import Decision
    from vinhdanh.nominations.models import Dossier

    decision = Decision.objects.select_related("number", "created_by").get(pk=decision_id)
    senders = set(
        Dossier.objects.filter(
            pk__in=decision.lines.filter(nominee__isnull=False).values("nominee__dossier_id")
        ).values_list("sending_unit_id", flat=True)
    )
    users = [u for us in officers_of(senders, Capability.MANAGE_NOMINATIONS).values() for u in us]
    services.notify(
        [*users, decision.created_by],
        kind=K.DECISION_ISSUED,
        title=f"Đã ban hành Quyết định {decision.number_display}: {decision.title}",
        url=reverse("decisions:decision_detail", args=[decision.pk]),
    )


def comment_received(comment_id: int) -> None:
    """The receiving level's officers answer public comments."""
    from vinhdanh.nominations.models import PublicComment

    c = PublicComment.objects.select_related("dossier").get(pk=comment_id)
    unit_id = c.dossier.receiving_unit_id
    services.notify(
        officers_of([unit_id], Capability.MANAGE_NOMINATIONS)[unit_id],
        kind=K.COMMENT_RECEIVED,
        title=f"Góp ý công khai mới về «{c.dossier.title}»",
        body=c.content[:500],
        url=reverse("nominations:publicity", args=[c.dossier_id]),
    )
