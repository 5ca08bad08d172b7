"""Publicity of a dossier's proposed list before the council, and moderation of public comments.

Working days come from nominations.deadlines (weekends and ``Holiday`` rows skipped).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import require_on_unit, scoped
from vinhdanh.core import audit

from .deadlines import working_days_add
from .enums import CommentStatus, DossierStatus
from .models import Dossier, PublicComment

PUBLICITY_STATUSES = {DossierStatus.RECEIVED, DossierStatus.APPRAISAL, DossierStatus.AT_COUNCIL}
MIN_DAYS, MAX_DAYS = 1, 30


class PublicityError(Exception):
    """A publicity or moderation step that cannot be done, with the reason in Vietnamese."""


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (weekends and holidays skipped)."""
    return working_days_add(start, days)


def is_public(dossier: Dossier, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(
        dossier.publicity_from
        and dossier.publicity_to
        and dossier.publicity_from <= today <= dossier.publicity_to
    )


@transaction.atomic
def start_publicity(user, dossier: Dossier, days: int) -> Dossier:
    """Publish the dossier's proposed list on the portal from today for ``days`` working days."""
    require_on_unit(user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit)
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status not in PUBLICITY_STATUSES:
        raise PublicityError(
            f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”: chỉ công khai được hồ sơ "
            "đã tiếp nhận, đang thẩm định hoặc đang trình Hội đồng."
        )
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise PublicityError(f"Số ngày công khai phải từ {MIN_DAYS} đến {MAX_DAYS} ngày làm việc.")
    if not dossier.nominees.exists():
        raise PublicityError("Hồ sơ chưa có đối tượng đề nghị nào để công khai.")
    before = audit.snapshot(dossier, ["publicity_from", "publicity_to"])
    today = timezone.localdate()
    dossier.publicity_from = today
    dossier.publicity_to = add_working_days(today, days)
    dossier.save(update_fields=["publicity_from", "publicity_to", "updated_at"])
    audit.record_update(user, dossier, before, note=f"Công khai danh sách {days} ngày làm việc")
    return dossier


@transaction.atomic
def stop_publicity(user, dossier: Dossier) -> Dossier:
    """End the publicity today (the list leaves the portal tomorrow)."""
    require_on_unit(user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit)
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not is_public(dossier):
        raise PublicityError("Hồ sơ không đang trong thời gian công khai.")
    before = audit.snapshot(dossier, ["publicity_from", "publicity_to"])
    dossier.publicity_to = timezone.localdate() - dt.timedelta(days=1)
    if dossier.publicity_to < dossier.publicity_from:
        dossier.publicity_from = dossier.publicity_to
    dossier.save(update_fields=["publicity_from", "publicity_to", "updated_at"])
    audit.record_update(user, dossier, before, note="Kết thúc công khai danh sách")
    return dossier


MODERATION_ACTIONS = {"publish", "hide", "answer"}


@transaction.atomic
def moderate_comment(user, comment: PublicComment, action: str, answer: str = "") -> PublicComment:
    """Publish or hide a comment, or record the answer of the receiving level."""
    comment = PublicComment.objects.select_for_update().select_related("dossier").get(pk=comment.pk)
    require_on_unit(user, Capability.MANAGE_NOMINATIONS, comment.dossier.receiving_unit)
    if action not in MODERATION_ACTIONS:
        raise PublicityError("Thao tác không hợp lệ.")
    before = audit.snapshot(comment, ["status", "answer", "moderated_by"])
    if action == "publish":
        comment.status = CommentStatus.PUBLISHED
    elif action == "hide":
        comment.status = CommentStatus.HIDDEN
    else:
        answer = (answer or "").strip()
        if not answer:
            raise PublicityError("Nhập nội dung trả lời trước khi lưu.")
        comment.answer = answer
    comment.moderated_by = user
    comment.save(update_fields=["status", "answer", "moderated_by"])
    audit.record_update(user, comment, before, unit_id=comment.dossier.sending_unit_id)
    return comment


def moderation_queryset(user, status: str = ""):
    """Comments on dossiers the user receives, with dossier and nominee read in the same query."""
    qs = scoped(
        PublicComment.objects.select_related(
            "dossier", "nominee__person", "nominee__unit", "nominee__honour", "moderated_by"
        ),
        user,
        Capability.MANAGE_NOMINATIONS,
        path_field="dossier__receiving_unit__path",
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def comments_for_dossier(dossier: Dossier):
    """Every comment on the dossier with its status and answer, for the council's pages."""
    return (
        PublicComment.objects.filter(dossier=dossier)
        .select_related("nominee__person", "nominee__unit", "moderated_by")
        .order_by("created_at", "id")
    )
