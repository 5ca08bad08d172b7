"""What Biểu 0604 and 0605 count and no other app holds: the bodies doing emulation and
commendation work and the civil servants in them (headcounts on 30/11 of the report year)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from vinhdanh.core.models import TimeStampedModel
from vinhdanh.orgs.enums import Gender

from .enums import OrganisationKind, TrainingLevel


class TdktOrganisation(TimeStampedModel):
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Thuộc cơ quan", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("Tên tổ chức", max_length=255)
    kind = models.CharField("Cấp tổ chức", max_length=20, choices=OrganisationKind.choices)
    active_from = models.DateField("Thành lập từ", null=True, blank=True)
    active_to = models.DateField("Giải thể từ", null=True, blank=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = "Tổ chức làm công tác thi đua, khen thưởng"
        verbose_name_plural = "Tổ chức làm công tác thi đua, khen thưởng"

    def __str__(self) -> str:
        return self.name

    @property
    def audit_unit_id(self):
        return self.unit_id


class TdktOfficer(TimeStampedModel):
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Cơ quan", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        TdktOrganisation,
        verbose_name="Tổ chức",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officers",
    )
    full_name = models.CharField("Họ và tên", max_length=150)
    gender = models.CharField("Giới tính", max_length=6, choices=Gender.choices)
    date_of_birth = models.DateField("Ngày sinh")
    training = models.CharField(
        "Trình độ đào tạo cao nhất", max_length=15, choices=TrainingLevel.choices, blank=True
    )
    tdkt_since = models.DateField("Bắt đầu làm công tác thi đua, khen thưởng từ")
    active_from = models.DateField("Làm việc từ", null=True, blank=True)
    active_to = models.DateField("Thôi làm việc từ", null=True, blank=True)

    class Meta:
        ordering = ["unit", "full_name"]
        verbose_name = "Công chức làm công tác thi đua, khen thưởng"
        verbose_name_plural = "Công chức làm công tác thi đua, khen thưởng"

    def __str__(self) -> str:
        return self.full_name

    @property
    def audit_unit_id(self):
        return self.unit_id


def active_on(on) -> Q:
    """Rows active on a date (the 0604–0605 headcount date)."""
    return (Q(active_from__isnull=True) | Q(active_from__lte=on)) & (
        Q(active_to__isnull=True) | Q(active_to__gt=on)
    )


class RewardFund(TimeStampedModel):
    """The reward fund (quỹ thi đua, khen thưởng) allocated to a unit for a year, as the unit
    records it: the ledger sets what each issued decision of the unit spent against it."""

    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm")
    amount = models.PositiveBigIntegerField("Mức quỹ được phân bổ (đồng)")
    note = models.CharField("Ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["unit", "-year"]
        verbose_name = "Quỹ thi đua, khen thưởng"
        verbose_name_plural = "Quỹ thi đua, khen thưởng"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="reward_fund_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def audit_unit_id(self):
        return self.unit_id


class ReportSubmission(models.Model):
    """A form as sent upward: the figures frozen at submission, with who signed and prepared
    it, and the reason recorded when it was sent although a check of its totals failed."""

    form_code = models.CharField("Biểu", max_length=10)
    number = models.CharField("Số hiệu biểu", max_length=40)
    basis = models.CharField("Căn cứ (phiên bản biểu)", max_length=20)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Đơn vị báo cáo", on_delete=models.PROTECT, related_name="+"
    )
    receiving = models.CharField("Đơn vị nhận báo cáo", max_length=255)
    year = models.PositiveSmallIntegerField("Năm báo cáo")
    cells = models.JSONField("Số liệu", default=dict)  # {"row|column": figure}
    columns = models.JSONField("Cột", default=list)  # [[key, printed index, headings]]
    signer_name = models.CharField("Thủ trưởng đơn vị", max_length=150, blank=True)
    preparer_name = models.CharField("Người lập biểu", max_length=150, blank=True)
    failed_checks = models.JSONField("Điều kiện chưa đạt khi gửi", default=list, blank=True)
    override_reason = models.TextField("Lý do vẫn gửi", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "Biểu thống kê đã gửi"
        verbose_name_plural = "Biểu thống kê đã gửi"
        indexes = [models.Index(fields=["unit", "form_code", "year"])]

    def __str__(self) -> str:
        return f"{self.number} {self.unit_id} {self.year}"

    @property
    def audit_unit_id(self):
        return self.unit_id
