"""Shared models: the audit log and the base classes other apps build on."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", "Tạo mới"
    UPDATE = "update", "Cập nhật"
    DELETE = "delete", "Xóa"
    TRANSITION = "transition", "Chuyển trạng thái"
    IMPORT = "import", "Nhập dữ liệu"
    LOGIN = "login", "Đăng nhập"
    SECURITY = "security", "Bảo mật"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký kiểm tra không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký kiểm tra không được xóa.")


class AuditEntry(models.Model):
    """One recorded change. Append-only: rows are never updated or deleted."""

    at = models.DateTimeField("Thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField("Tên người thực hiện", max_length=150, blank=True)
    action = models.CharField("Hành động", max_length=20, choices=AuditAction.choices)
    object_type = models.CharField("Loại đối tượng", max_length=60, db_index=True)
    object_id = models.CharField("Mã đối tượng", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("Đối tượng", max_length=255, blank=True)
    # Unit whose scope the change belongs to, so officers can read their own units' history.
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField("Thay đổi", default=dict, blank=True)
    note = models.TextField("Ghi chú", blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "Nhật ký"
        verbose_name_plural = "Nhật ký kiểm tra"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký kiểm tra không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký kiểm tra không được xóa.")
