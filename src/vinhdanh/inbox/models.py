"""In-app notifications and each user's delivery preferences.

A notification may carry a ``key``: at most one notification per (user, key) exists, which is
what makes reminders idempotent (``deadline:dossier:<id>:<due date>`` is sent once per item and
deadline, however often ``send_reminders`` runs)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .enums import Channel, NotificationKind


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("Loại", max_length=20, choices=NotificationKind.choices)
    title = models.CharField("Tiêu đề", max_length=300)
    body = models.TextField("Nội dung", blank=True)
    url = models.CharField("Đường dẫn", max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField("Thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("Đã đọc lúc", null=True, blank=True)
    emailed_at = models.DateTimeField("Đã gửi thư lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Thông báo"
        verbose_name_plural = "Thông báo"
        indexes = [models.Index(fields=["user", "read_at"], name="notif_user_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    channel = models.CharField(
        "Cách nhận thông báo", max_length=10, choices=Channel.choices, default=Channel.IN_APP
    )
    daily_digest = models.BooleanField(
        "Gộp thư điện tử thành một bản tin mỗi ngày",
        default=False,
        help_text="Thay vì một thư cho mỗi thông báo, nhận một thư tổng hợp mỗi sáng.",
    )
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "Tùy chọn nhận thông báo"
        verbose_name_plural = "Tùy chọn nhận thông báo"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_channel_display()}"


class Feedback(models.Model):
    """A user's feedback, read by the national administrator (Góp ý về phần mềm)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.CharField("Trang đang xem", max_length=300, blank=True)
    content = models.TextField("Nội dung góp ý")
    created_at = models.DateTimeField("Gửi lúc", auto_now_add=True)
    handled_at = models.DateTimeField("Đã xử lý lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Góp ý về phần mềm"
        verbose_name_plural = "Góp ý về phần mềm"

    def __str__(self) -> str:
        return self.content[:60]
