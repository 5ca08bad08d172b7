"""Decisions (quyết định khen thưởng), their lines and money, revocations and certificates."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from vinhdanh.core.models import TimeStampedModel
from vinhdanh.registry.models import AwardKind


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    REVOKED = "revoked", "Đã hủy bỏ"


class Decision(TimeStampedModel):
    """A decision of the issuer unit (numbered and signed here), or an external decision made
    elsewhere (Thủ tướng, Chủ tịch nước, a province...) recorded by the issuer unit: then
    `is_external` holds, `number` stays empty and `external_*` carry the original's data."""

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
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField("Lý do gỡ khỏi cổng thông tin", blank=True)
    is_external = models.BooleanField("Quyết định của cấp khác (ghi nhận)", default=False)
    external_number = models.CharField("Số, ký hiệu", max_length=60, blank=True)
    external_issuer_name = models.CharField("Cơ quan, người quyết định", max_length=255, blank=True)
    external_authority = models.CharField("Thẩm quyền", max_length=60, blank=True)
    external_scan = models.ForeignKey(
        "core.StoredFile",
        verbose_name="Bản chụp quyết định (PDF)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answers_dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name="Trả lời hồ sơ đề nghị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_decisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    award_kind = models.CharField(
        "Loại hình khen thưởng",
        max_length=12,
        choices=AwardKind.choices,
        default=AwardKind.REGULAR,
        db_default=AwardKind.REGULAR,
        help_text="Thường xuyên, chuyên đề, đột xuất, đối ngoại, niên hạn… (ghi vào sổ, dùng "
        "cho biểu thống kê 0602, 0603)",
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "Quyết định khen thưởng"
        verbose_name_plural = "Quyết định khen thưởng"

    def __str__(self) -> str:
        return f"{self.number_display or 'Dự thảo'} {self.title}"

    @property
    def number_display(self) -> str:
        if self.is_external:
            return self.external_number
        return self.number.display if self.number_id else ""

    @property
    def issuer_display(self) -> str:
        return self.external_issuer_name if self.is_external else self.issuer.name

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
    name_folded = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    details = models.CharField("Chức vụ, đơn vị", max_length=500, blank=True)
    subject_kind = models.CharField(max_length=12)
    honour = models.ForeignKey("catalogue.Honour", on_delete=models.PROTECT, related_name="+")
    achievement_year = models.PositiveSmallIntegerField("Năm thành tích")
    multiple = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(null=True, blank=True)
    # None: not computable on the decision date (a missing multiple or base salary; see
    # decisions.money.uncomputable_lines); 0 only for no-money honours and lower titles.
    amount = models.PositiveBigIntegerField("Tiền thưởng", null=True, blank=True, default=0)
    register_entry = models.OneToOneField(
        "registry.HonourRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.BooleanField(default=False)
    verdict_status = models.CharField("Kết quả kiểm tra tiêu chuẩn", max_length=15, blank=True)
    verdict = models.JSONField("Chi tiết kiểm tra tiêu chuẩn", default=dict, blank=True)
    override_reason = models.TextField("Lý do vẫn khen thưởng", blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "position"], name="decision_line_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name} – {self.honour_id}"

    def save(self, *args, **kwargs):
        from vinhdanh.core.text import fold

        self.name_folded = fold(self.name)[:255]
        super().save(*args, **kwargs)

    @property
    def passes_rules(self) -> bool:
        """Eligible or judged by hand, or kept with an explicit override."""
        return self.verdict_status in ("eligible", "manual") or bool(self.override_reason)


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
