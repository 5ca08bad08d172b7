"""Scheduled reminders: "due within 3 working days" notifications for the items of the work
inbox that carry a deadline (dossier steps, scoring sheets, registrations), then the daily
digests. Idempotent: each reminder has the key ``deadline:<kind>:<id>:<unit>:<due date>``, stored
once per user (``Notification`` unique on user + key), so running it twice — or every hour —
sends nothing new; a new deadline (a new step, a moved date) is a new key.

Run by cron (``manage.py send_reminders``) or by the worker (``inbox.tasks.send_reminders_job``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from vinhdanh.accounts.enums import Capability

from . import services
from .enums import REMIND_WORKING_DAYS
from .enums import NotificationKind as K
from .events import officers_of


def _when(due: dt.date, today: dt.date) -> str:
    if due < today:
        return f"đã quá hạn từ {due:%d/%m/%Y}"
    if due == today:
        return "đến hạn hôm nay"
    return f"hạn {due:%d/%m/%Y}"


def _dossiers(today, horizon) -> list[tuple]:
    from vinhdanh.nominations.enums import DossierStatus as S
    from vinhdanh.nominations.models import Dossier

    rows = Dossier.objects.filter(
        due_on__isnull=False,
        due_on__gte=today,
        due_on__lte=horizon,
        status__in=(S.SUBMITTED, S.RECEIVED, S.APPRAISAL, S.RETURNED),
    ).values("pk", "title", "status", "due_on", "sending_unit_id", "receiving_unit_id",
             "created_by_id")  # fmt: skip
    out = []
    for r in rows:
        back = r["status"] == S.RETURNED
        unit = r["sending_unit_id"] if back else r["receiving_unit_id"]
        out.append((
            f"deadline:dossier:{r['pk']}:{unit}:{r['due_on']:%Y%m%d}",
            unit, Capability.MANAGE_NOMINATIONS, r["created_by_id"] if back else None,
            f"Hồ sơ «{r['title']}» {_when(r['due_on'], today)} ({S(r['status']).label})",
            reverse("nominations:dossier_detail", args=[r["pk"]]),
        ))  # fmt: skip
    return out


def _scoring(today, horizon) -> list[tuple]:
    from vinhdanh.emulation.enums import CrossScoringMethod, ScoringStatus
    from vinhdanh.emulation.models import BlocMember, Score, ScoringTable

    tz = timezone.get_current_timezone()
    end = dt.datetime.combine(horizon + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    start = dt.datetime.combine(today, dt.time.min, tzinfo=tz)
    tables = list(
        ScoringTable.objects.filter(
            status=ScoringStatus.OPEN, deadline__gte=start, deadline__lt=end
        ).select_related("bloc")
    )
    if not tables:
        return []
    members: dict[int, list[int]] = {}
    for bloc_id, unit_id in BlocMember.objects.filter(
        bloc_id__in={t.bloc_id for t in tables}
    ).values_list("bloc_id", "unit_id"):
        members.setdefault(bloc_id, []).append(unit_id)
    done = {
        (r["table_id"], r["scorer_id"]): r["n"]
        for r in Score.objects.filter(table__in=tables, is_panel=False)
        .values("table_id", "scorer_id")
        .annotate(n=Count("member", distinct=True))
    }
    out = []
    for t in tables:
        ids = members.get(t.bloc_id, [])
        needed = 1 if t.method == CrossScoringMethod.PANEL else len(ids)
        due = timezone.localdate(t.deadline)
        for unit in ids:
            if done.get((t.pk, unit), 0) >= needed:
                continue
            out.append((
                f"deadline:scoring:{t.pk}:{unit}:{due:%Y%m%d}", unit, Capability.MANAGE_EMULATION,
                None, f"Phiếu chấm điểm «{t.name}» – {t.bloc.name} {_when(due, today)}",
                reverse("emulation:scoring_table", args=[t.bloc_id, t.pk]),
            ))  # fmt: skip
    return out


def _registrations(today, horizon) -> list[tuple]:
    from django.db.models import Exists, OuterRef

    from vinhdanh.emulation.models import BlocMember, Registration

    registered = Registration.objects.filter(bloc=OuterRef("bloc"), unit=OuterRef("unit"))
    rows = (
        BlocMember.objects.filter(
            bloc__registration_deadline__gte=today, bloc__registration_deadline__lte=horizon
        )
        .exclude(Exists(registered))
        .values("bloc_id", "bloc__name", "unit_id", "bloc__registration_deadline")
    )
    return [
        (
            f"deadline:registration:{r['bloc_id']}:{r['unit_id']}:"
            f"{r['bloc__registration_deadline']:%Y%m%d}",
            r["unit_id"],
            Capability.MANAGE_EMULATION,
            None,
            f"Đăng ký thi đua – {r['bloc__name']} {_when(r['bloc__registration_deadline'], today)}",
            reverse("emulation:registration_unit", args=[r["bloc_id"], r["unit_id"]]),
        )  # fmt: skip
        for r in rows
    ]


def send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Create the reminders due and send the digests; returns what was done (counts)."""
    from django.contrib.auth import get_user_model

    from vinhdanh.nominations.deadlines import working_days_add

    today = today or timezone.localdate()
    horizon = working_days_add(today, REMIND_WORKING_DAYS)
    due = [*_dossiers(today, horizon), *_scoring(today, horizon), *_registrations(today, horizon)]
    by_cap: dict[str, set[int]] = {}
    for _key, unit, cap, _creator, _title, _url in due:
        by_cap.setdefault(cap, set()).add(unit)
    officers = {cap: officers_of(units, cap) for cap, units in by_cap.items()}
    creators = {
        u.pk: u
        for u in get_user_model().objects.filter(pk__in={d[3] for d in due if d[3]}, is_active=True)
    }
    created = 0
    for key, unit, cap, creator, title, url in due:
        users = [*officers[cap][unit], creators.get(creator)]
        created += len(services.notify(users, kind=K.DEADLINE_SOON, title=title, url=url, key=key))
    return {"reminders": created, "digests": services.send_digests(today)}
