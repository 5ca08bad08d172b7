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


class DocumentType(models.TextChoices):
    """Types of administrative document, with the symbol used in the number (NĐ 30/2020/NĐ-CP)."""

    KH = "KH", "Kế hoạch"
    QD = "QĐ", "Quyết định"
    TTR = "TTr", "Tờ trình"
    BB = "BB", "Biên bản"
    BC = "BC", "Báo cáo"
    GU = "GƯ", "Giao ước"
    CV = "CV", "Công văn"
    TB = "TB", "Thông báo"
    QC = "QC", "Quy chế"


class NumberSequence(models.Model):
    """The last number given per issuer, document type and year (row-locked when bumped)."""

    issuer_key = models.CharField(max_length=60)
    doc_type = models.CharField(max_length=5, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_key", "doc_type", "year"], name="number_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer_key} {self.doc_type} {self.year}: {self.last_value}"


class NumberStatus(models.TextChoices):
    RESERVED = "reserved", "Đã giữ số"
    ISSUED = "issued", "Đã ban hành"
    CANCELLED = "cancelled", "Đã hủy"


class DocumentNumber(models.Model):
    """One number of one issuer's year-scoped sequence, e.g. ``01/KH-KTĐ9``. Never reused."""

    issuer_key = models.CharField("Mã cơ quan ban hành", max_length=60)
    issuer_abbreviation = models.CharField("Ký hiệu cơ quan ban hành", max_length=30)
    issuer_name = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    doc_type = models.CharField("Loại văn bản", max_length=5, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField("Năm")
    seq = models.PositiveIntegerField("Số")
    status = models.CharField(
        "Trạng thái", max_length=10, choices=NumberStatus.choices, default=NumberStatus.RESERVED
    )
    title = models.CharField("Trích yếu", max_length=500, blank=True)
    doc_date = models.DateField("Ngày văn bản", null=True, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    reserved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reserved_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField("Lý do hủy", max_length=255, blank=True)

    class Meta:
        ordering = ["-year", "issuer_key", "doc_type", "-seq"]
        verbose_name = "Số văn bản"
        verbose_name_plural = "Sổ số văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_key", "doc_type", "year", "seq"], name="document_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return f"{self.seq:02d}/{self.doc_type}-{self.issuer_abbreviation}"

    @property
    def audit_unit_id(self):
        return self.unit_id


class StoredFile(models.Model):
    """An uploaded or generated file, kept through the storage API outside the web root.

    Files have no public URL: each app serves its files through a view that checks the
    caller's scope on the owning object (core.files.file_response).
    """

    file = models.FileField(upload_to="files/%Y/%m/")
    original_name = models.CharField("Tên tệp", max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    generated = models.BooleanField("Do hệ thống tạo", default=False)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "Tệp"
        verbose_name_plural = "Tệp"

    def __str__(self) -> str:
        return self.original_name
