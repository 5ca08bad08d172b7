"""Public portal content that is not a decision: exemplar stories (điển hình tiên tiến)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vinhdanh.core.models import TimeStampedModel


class ExemplarStory(TimeStampedModel):
    title = models.CharField("Tiêu đề", max_length=255)
    person = models.ForeignKey(
        "orgs.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.CharField("Tóm tắt", max_length=500)
    body = models.TextField("Nội dung")
    published = models.BooleanField("Đã đăng", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "Gương điển hình tiên tiến"
        verbose_name_plural = "Gương điển hình tiên tiến"

    def __str__(self) -> str:
        return self.title
