"""Deadline reminders: one e-mail per dossier step (the dossier's version marks the step),
to the officers who must act: the receiving level's, or the sender's for a returned one."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability
from vinhdanh.accounts.models import RoleGrant

from .enums import DossierStatus
from .models import Dossier

SENDER_STEPS = (DossierStatus.RETURNED,)
REMIND_DAYS_BEFORE = 2


def _officer_emails(units) -> dict[int, set[str]]:
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_NOMINATIONS in caps]
    paths = {u.pk: u.path for u in units}
    grants = (
        RoleGrant.objects.filter(role__in=roles, user__is_active=True)
        .exclude(user__email="")
        .values_list("unit__path", "user__email")
    )
    found: dict[int, set[str]] = {pk: set() for pk in paths}
    for grant_path, email in grants:
        for pk, path in paths.items():
            if path.startswith(grant_path):
                found[pk].add(email)
    return found


def due_dossiers(today: dt.date):
    horizon = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    return (
        Dossier.objects.filter(due_on__isnull=False, due_on__lte=horizon)
        .exclude(status__in=(DossierStatus.DRAFT, DossierStatus.RECALLED))
        .filter(Q(reminded_version__isnull=True) | ~Q(reminded_version=F("version")))
        .select_related("sending_unit", "receiving_unit")
    )


def send_reminders(today: dt.date | None = None) -> int:
    """Send the reminders due; return how many dossiers were reminded (idempotent per step)."""
    today = today or timezone.localdate()
    dossiers = list(due_dossiers(today))
    units = {d.sending_unit_id: d.sending_unit for d in dossiers}
    units |= {d.receiving_unit_id: d.receiving_unit for d in dossiers}
    emails = _officer_emails(units.values())
    sent = 0
    for d in dossiers:
        unit = d.sending_unit if d.status in SENDER_STEPS else d.receiving_unit
        to = sorted(emails.get(unit.pk, ()))
        with transaction.atomic():
            updated = (
                Dossier.objects.filter(pk=d.pk, version=d.version)
                .exclude(reminded_version=d.version)
                .update(reminded_version=d.version)
            )
            if not updated or not to:
                continue
            late = "đã quá hạn" if d.due_on < today else "sắp đến hạn"
            send_mail(
                f"[VinhDanh] Hồ sơ «{d.title}» {late} ({d.due_on:%d/%m/%Y})",
                f"Hồ sơ mã {d.pk} «{d.title}» của {d.sending_unit.name} đang ở bước "
                f"«{d.get_status_display()}», hạn xử lý {d.due_on:%d/%m/%Y} ({late}).",
                settings.DEFAULT_FROM_EMAIL,
                to,
            )
            sent += 1
    return sent
