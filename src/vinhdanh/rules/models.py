"""Jurisdiction parameters of the rules, and background candidate runs.

A `RuleParameter` sets a value the Law delegates (e.g. the LĐTT share for TTLĐTT, Nghị định
152/2025 Điều 27) for a unit and its whole subtree, from a date; a row without a unit is the
national default. The nearest ancestor of a subject's unit with a row for a key wins.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vinhdanh.core.models import TimeStampedModel

from .enums import ExportFormat, RunStatus


class RuleParameter(models.Model):
    jurisdiction = models.ForeignKey(
        "orgs.Unit",
        verbose_name="Áp dụng cho đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Để trống: áp dụng toàn quốc",
    )
    key = models.CharField("Tham số", max_length=80)
    value = models.JSONField("Giá trị")
    valid_from = models.DateField("Áp dụng từ")
    note = models.CharField("Căn cứ, ghi chú", max_length=255, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người đặt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)

    class Meta:
        ordering = ["key", "jurisdiction_id", "-valid_from"]
        verbose_name = "Tham số quy tắc"
        verbose_name_plural = "Tham số quy tắc"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "key", "valid_from"], name="rule_parameter_unique"
            ),
            models.UniqueConstraint(
                fields=["key", "valid_from"],
                condition=models.Q(jurisdiction__isnull=True),
                name="rule_parameter_national_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} từ {self.valid_from:%d/%m/%Y}"

    @property
    def audit_unit_id(self):
        return self.jurisdiction_id


class EligibilityRun(TimeStampedModel):
    """A candidate list computed in the background for a large subtree."""

    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm xét")
    filters = models.JSONField("Bộ lọc", default=dict, blank=True)
    export_format = models.CharField(
        "Định dạng", max_length=4, choices=ExportFormat.choices, default=ExportFormat.XLSX
    )
    status = models.CharField(
        "Trạng thái", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    total = models.PositiveIntegerField("Số đối tượng", default=0)
    processed = models.PositiveIntegerField("Đã xét", default=0)
    result_count = models.PositiveIntegerField("Số dòng kết quả", default=0)
    file = models.FileField("Tệp kết quả", upload_to="eligibility/%Y/%m/", blank=True)
    error = models.TextField("Lỗi", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người chạy",
        on_delete=models.PROTECT,
        related_name="+",
    )
    finished_at = models.DateTimeField("Hoàn tất lúc", null=True, blank=True)
    # Crash safety (vinhdanh.core.jobs). A run writes its file only at the end, so resuming
    # a run whose worker died means computing it again.
    lease = models.CharField("Tiến trình đang chạy", max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField("Tín hiệu gần nhất", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("Số lần chạy", default=0)
    cancel_requested = models.BooleanField("Đã yêu cầu hủy", default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Lần lập danh sách đến hạn"
        verbose_name_plural = "Các lần lập danh sách đến hạn"

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def audit_unit_id(self):
        return self.unit_id

    @property
    def percent(self) -> int:
        if self.status == RunStatus.DONE:
            return 100
        return int(self.processed * 100 / self.total) if self.total else 0

    @property
    def is_running(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def is_stale(self) -> bool:
        from vinhdanh.core.jobs import is_stale

        return self.is_running and is_stale(self)

    @property
    def can_cancel(self) -> bool:
        return self.is_running and not self.cancel_requested

    @property
    def can_retry(self) -> bool:
        return self.status in (RunStatus.FAILED, RunStatus.CANCELLED)
