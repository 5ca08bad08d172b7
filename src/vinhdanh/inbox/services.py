"""Writing notifications, reading marks and preferences, and the e-mail that follows them.

Notifications are created after the business transaction commits (the apps' services call
``inbox.events`` through ``transaction.on_commit``): a refused or rolled-back action notifies
nobody, and a failing mail server cannot undo a decision.

Marking a notification read is the reader's own bookkeeping, not a change to the record of the
product, so it is not audited; a change of preferences is.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from vinhdanh.core import audit

from .enums import Channel
from .models import Feedback, Notification, NotificationPreference

log = logging.getLogger(__name__)


class InboxError(Exception):
    """A refused inbox action, with a Vietnamese message."""


def preferences_of(users) -> dict[int, NotificationPreference]:
    """Stored preferences by user id (users without a row get the default: in-app only)."""
    ids = [u.pk for u in users]
    return {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=ids)}


def preference_for(user) -> NotificationPreference:
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref or NotificationPreference(user=user)


@transaction.atomic
def preference_set(actor, *, channel: str, daily_digest: bool) -> NotificationPreference:
    if channel not in Channel.values:
        raise InboxError("Cách nhận thông báo không hợp lệ.")
    if channel == Channel.EMAIL and not actor.email:
        raise InboxError(
            "Tài khoản chưa có địa chỉ thư điện tử: nhờ quản trị viên cập nhật trước khi chọn "
            "nhận thông báo qua thư."
        )
    pref, _ = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    before = audit.snapshot(pref, ["channel", "daily_digest"])
    pref.channel, pref.daily_digest = channel, bool(daily_digest)
    pref.save(update_fields=["channel", "daily_digest"])
    audit.record_update(actor, pref, before, note="Tùy chọn nhận thông báo")
    return pref


def _absolute(url: str) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "") or ""
    return f"{base}{url}" if url.startswith("/") and base else url


def notify(users, *, kind: str, title: str, body: str = "", url: str = "", key: str = ""):
    """Create one notification per user (once per ``key`` when given) and send the e-mail to
    those who asked for it (not in a daily digest). Returns the notifications created."""
    users = {u.pk: u for u in users if u is not None and u.is_active}
    if not users:
        return []
    if key:
        already = set(
            Notification.objects.filter(key=key, user_id__in=users).values_list(
                "user_id", flat=True
            )
        )
        users = {pk: u for pk, u in users.items() if pk not in already}
    rows = [
        Notification(user=u, kind=kind, title=title[:300], body=body, url=url[:300], key=key)
        for u in users.values()
    ]
    if not rows:
        return []
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    if key:  # a concurrent run may have written some of them: read back what is ours
        rows = list(
            Notification.objects.filter(key=key, user_id__in=users, emailed_at__isnull=True)
        )
    _email_now(rows, users)
    return rows


def _email_now(rows, users) -> None:
    prefs = preferences_of(users.values())
    sent = []
    for n in rows:
        pref, user = prefs.get(n.user_id), users[n.user_id]
        if not pref or pref.channel != Channel.EMAIL or pref.daily_digest or not user.email:
            continue
        try:
            send_mail(
                f"[VinhDanh] {n.title}",
                "\n\n".join(x for x in (n.body, _absolute(n.url)) if x),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        except Exception:  # the in-app notification stands; the mail is retried by nobody
            log.exception("Không gửi được thư thông báo %s", n.pk)
            continue
        sent.append(n.pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())


def send_digests(today=None) -> int:
    """One e-mail per user who chose the daily digest, listing the notifications not mailed
    yet; at most one digest per user and day. Returns the number of digests sent."""
    today = today or timezone.localdate()
    prefs = (
        NotificationPreference.objects.filter(channel=Channel.EMAIL, daily_digest=True)
        .exclude(last_digest_on=today)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user")
    )
    prefs = list(prefs)
    pending: dict[int, list[Notification]] = {}
    for n in Notification.objects.filter(
        user_id__in=[p.user_id for p in prefs], emailed_at__isnull=True
    ).order_by("created_at", "id"):
        pending.setdefault(n.user_id, []).append(n)
    sent = 0
    for pref in prefs:
        items = pending.get(pref.user_id, [])
        with transaction.atomic():
            claimed = (
                NotificationPreference.objects.filter(pk=pref.pk)
                .exclude(last_digest_on=today)
                .update(last_digest_on=today)
            )
            if not claimed or not items:
                continue
            lines = [f"- {n.title}" + (f": {_absolute(n.url)}" if n.url else "") for n in items]
            send_mail(
                f"[VinhDanh] Bản tin ngày {today:%d/%m/%Y}: {len(items)} thông báo",
                "\n".join(lines),
                settings.DEFAULT_FROM_EMAIL,
                [pref.user.email],
            )
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    return sent


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, pk: int) -> Notification:
    """The user's own notification (another user's is not found)."""
    n = Notification.objects.filter(user=user, pk=pk).first()
    if n is None:
        from django.http import Http404

        raise Http404("Không tìm thấy thông báo.")
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save(update_fields=["read_at"])
    return n


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def feedback_create(actor, *, content: str, page: str = "") -> Feedback:
    content = (content or "").strip()
    if not content:
        raise InboxError("Nhập nội dung góp ý trước khi gửi.")
    fb = Feedback.objects.create(user=actor, content=content[:5000], page=(page or "")[:300])
    audit.record_create(actor, fb, note="Góp ý về phần mềm")
    return fb
