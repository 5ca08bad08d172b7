"""Writes of the portal: public comments (rate-limited, client stored as a salted hash only)
and exemplar stories (officers)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.nominations.models import Dossier, PublicComment
from vinhdanh.nominations.services_publicity import is_public

from .models import ExemplarStory

COMMENTS_PER_HOUR = 5
RATE_WINDOW_SECONDS = 3600


class PortalError(Exception):
    """A portal action that cannot be done, with the reason in Vietnamese."""


def client_hash(ip: str) -> str:
    """A salted hash of the client address: the address itself is never stored."""
    salt = f"{settings.SECRET_KEY}:portal-comments"
    return hashlib.sha256(f"{salt}:{ip or '-'}".encode()).hexdigest()


def _rate_key(hashed: str) -> str:
    return f"portal:comments:{hashed}"


def comment_allowed(hashed: str) -> bool:
    return (cache.get(_rate_key(hashed)) or 0) < COMMENTS_PER_HOUR


@transaction.atomic
def submit_comment(
    dossier: Dossier, *, name: str, contact: str, content: str, ip: str, nominee=None
) -> PublicComment:
    """Record a citizen's comment on a dossier in publicity; it waits for moderation."""
    if not is_public(dossier):
        raise PortalError("Danh sách này không còn trong thời gian lấy ý kiến.")
    hashed = client_hash(ip)
    key = _rate_key(hashed)
    count = cache.get(key) or 0
    if count >= COMMENTS_PER_HOUR:
        raise PortalError(
            f"Bạn đã gửi {COMMENTS_PER_HOUR} ý kiến trong một giờ qua. "
            "Vui lòng gửi lại sau ít phút."
        )
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise PortalError("Đối tượng được góp ý không thuộc danh sách này.")
    comment = PublicComment.objects.create(
        dossier=dossier,
        nominee=nominee,
        name=name.strip(),
        contact=contact.strip(),
        content=content.strip(),
        client_hash=hashed,
    )
    if count == 0:
        cache.set(key, 1, RATE_WINDOW_SECONDS)
    else:
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, count + 1, RATE_WINDOW_SECONDS)
    audit.record_create(None, comment, unit_id=dossier.sending_unit_id, note="Góp ý công khai")
    # inbox: tell the receiving level's officers, once the comment is committed
    from vinhdanh.inbox import events

    events.on_commit(events.comment_received, comment.pk)
    return comment


# --- Exemplar stories -------------------------------------------------------------------------


def story_unit(story: ExemplarStory):
    if story.unit_id:
        return story.unit
    if story.person_id:
        return story.person.unit
    return None


def can_manage_story(user, story: ExemplarStory) -> bool:
    unit = story_unit(story)
    return unit is not None and can_on_unit(user, Capability.MANAGE_NOMINATIONS, unit)


def _check(user, story: ExemplarStory) -> None:
    if not (story.person_id or story.unit_id):
        raise PortalError("Chọn cá nhân hoặc tập thể được nêu gương.")
    if not can_manage_story(user, story):
        raise PortalError("Bạn không có quyền quản lý gương điển hình của đơn vị này.")


@transaction.atomic
def save_story(user, story: ExemplarStory) -> ExemplarStory:
    creating = story.pk is None
    _check(user, story)
    if creating:
        story.author = user
        story.save()
        audit.record_create(user, story, unit_id=story_unit(story).pk)
    else:
        before = audit.snapshot(ExemplarStory.objects.get(pk=story.pk))
        story.save()
        audit.record_update(user, story, before, unit_id=story_unit(story).pk)
    return story


@transaction.atomic
def set_story_published(user, story: ExemplarStory, published: bool) -> ExemplarStory:
    _check(user, story)
    before = audit.snapshot(story, ["published", "published_at"])
    story.published = published
    story.published_at = timezone.now() if published else None
    story.save(update_fields=["published", "published_at", "updated_at"])
    audit.record_update(user, story, before, unit_id=story_unit(story).pk)
    return story
