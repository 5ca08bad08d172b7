"""An Excel import: the uploaded file, its check results and its progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vinhdanh.core.models import TimeStampedModel

from .enums import CANCELLABLE, RUNNING, ImportKind, JobStatus


class ImportJob(TimeStampedModel):
    kind = models.CharField("Loại dữ liệu", max_length=10, choices=ImportKind.choices)
    # Stored through the default storage under MEDIA_ROOT; MEDIA_URL is unset so it is never served.
    file = models.FileField("Tệp", upload_to="imports/%Y/%m/", max_length=255, blank=True)
    original_name = models.CharField("Tên tệp", max_length=255)
    size = models.PositiveBigIntegerField("Dung lượng (byte)", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=JobStatus.choices, default=JobStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField("Số dòng dữ liệu", default=0)
    processed_rows = models.PositiveIntegerField("Số dòng đã xử lý", default=0)
    errors = models.JSONField(
        "Lỗi", default=list, blank=True, help_text="[{sheet, row, column, message}]"
    )
    error_count = models.PositiveIntegerField("Số lỗi", default=0)
    summary = models.JSONField("Tổng hợp", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người tải lên",
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    scope_paths = models.JSONField("Phạm vi khi tải lên", default=list, blank=True)
    staged_name = models.CharField(max_length=255, blank=True, editable=False)
    task_result_id = models.CharField("Mã tác vụ nền", max_length=64, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người xác nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Crash safety (vinhdanh.core.jobs): who runs the job, its last sign of life, how often it
    # was started, the user's cancel request, and the last committed batch.
    lease = models.CharField("Tiến trình đang chạy", max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField("Tín hiệu gần nhất", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("Số lần chạy", default=0)
    cancel_requested = models.BooleanField("Đã yêu cầu hủy", default=False)
    checkpoint = models.JSONField(
        "Điểm dừng", default=dict, blank=True, help_text="{rows, last_row, counts, sheets}"
    )
    validated_at = models.DateTimeField("Kiểm tra xong lúc", null=True, blank=True)
    confirmed_at = models.DateTimeField("Xác nhận lúc", null=True, blank=True)
    finished_at = models.DateTimeField("Hoàn tất lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Lần nhập Excel"
        verbose_name_plural = "Các lần nhập Excel"
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="importjob_creator_recent")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def percent(self) -> int:
        if self.status in {JobStatus.DONE, JobStatus.VALIDATED, JobStatus.INVALID}:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def is_stale(self) -> bool:
        from vinhdanh.core.jobs import is_stale

        return self.is_running and is_stale(self)

    @property
    def can_cancel(self) -> bool:
        return self.status in CANCELLABLE

    @property
    def can_retry(self) -> bool:
        return self.status in {JobStatus.FAILED, JobStatus.CANCELLED} and bool(self.file)

    @property
    def written(self) -> dict:
        """What committed batches wrote before a failure or cancel (empty if nothing)."""
        return self.checkpoint if (self.checkpoint or {}).get("rows") else {}

    @property
    def can_confirm(self) -> bool:
        return self.status == JobStatus.VALIDATED and self.error_count == 0

    @property
    def audit_unit_id(self) -> int | None:
        """The unit of the uploader's first scope root, so officers see it in their audit log."""
        for path in self.scope_paths or []:
            if path:
                return int(path.strip(".").split(".")[-1])
        return None
