"""Decisions (quyết định khen thưởng), their lines and money, revocations and certificates."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from vinhdanh.core.models import TimeStampedModel


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    REVOKED = "revoked", "Đã hủy bỏ"


class Decision(TimeStampedModel):
    issuer = models.ForeignKey(
        "orgs.Unit", verbose_name="Cơ quan ban hành", on_delete=models.PROTECT, related_name="+"
    )
    number = models.OneToOneField(
        "core.DocumentNumber", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("Trích yếu", max_length=500)
    date = models.DateField("Ngày ký", null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người ký",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Lãnh đạo có vai trò người ký của cơ quan ban hành, đã được ghi chức vụ ký",
    )
    signer_name = models.CharField("Người ký", max_length=150, blank=True)
    # The 7a lines of the signature block at issue ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"), derived from
    # the signer's recorded capacity and kept as issued.
    signer_position = models.CharField("Chức vụ người ký", max_length=200, blank=True)
    legal_basis = models.TextField("Căn cứ", blank=True)
    recipients = models.TextField("Nơi nhận", blank=True)
    status = models.CharField(
        max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    total_amount = models.PositiveBigIntegerField("Tổng tiền thưởng", default=0)
    docx_file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pdf_file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published = models.BooleanField("Công khai trên cổng thông tin", default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField("Lý do hủy bỏ", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "Quyết định khen thưởng"
        verbose_name_plural = "Quyết định khen thưởng"

    def __str__(self) -> str:
        return f"{self.number or 'Dự thảo'} {self.title}"

    @property
    def audit_unit_id(self):
        return self.issuer_id


class DecisionLine(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField("STT")
    nominee = models.ForeignKey(
        "nominations.Nominee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "orgs.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("Họ tên / tên tập thể", max_length=255)
    details = models.CharField("Chức vụ, đơn vị", max_length=500, blank=True)
    subject_kind = models.CharField(max_length=12)
    honour = models.ForeignKey("catalogue.Honour", on_delete=models.PROTECT, related_name="+")
    achievement_year = models.PositiveSmallIntegerField("Năm thành tích")
    multiple = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(null=True, blank=True)
    amount = models.PositiveBigIntegerField("Tiền thưởng", default=0)
    register_entry = models.OneToOneField(
        "registry.HonourRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "position"], name="decision_line_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name} – {self.honour_id}"


class CertificateBlank(models.Model):
    """A pre-printed blank (phôi) and where each field goes on it, in millimetres from the
    top-left corner, calibrated by printing a test sheet."""

    name = models.CharField("Tên loại phôi", max_length=150)
    honour = models.ForeignKey(
        "catalogue.Honour", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    width_mm = models.PositiveSmallIntegerField(default=297)
    height_mm = models.PositiveSmallIntegerField(default=210)
    positions = models.JSONField(
        "Vị trí các trường",
        default=dict,
        help_text='{"name": {"x": 100, "y": 80, "size": 20}, ...}',
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "Loại phôi bằng"
        verbose_name_plural = "Loại phôi bằng"

    def __str__(self) -> str:
        return self.name


class Certificate(models.Model):
    line = models.OneToOneField(DecisionLine, on_delete=models.CASCADE, related_name="certificate")
    serial = models.CharField("Số vào sổ", max_length=40, unique=True)
    public_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Bằng, giấy khen đã cấp"
        verbose_name_plural = "Bằng, giấy khen đã cấp"

    def __str__(self) -> str:
        return self.serial
