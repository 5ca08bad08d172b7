"""Statuses of a verdict as people read them, and of a background candidate run."""

from django.db import models

STATUS_LABELS = {
    "eligible": "Đủ điều kiện",
    "not_eligible": "Chưa đủ điều kiện",
    "held": "Tạm dừng xem xét",
    "manual": "Xem xét thủ công",
}
STATUS_BADGES = {"eligible": "ok", "not_eligible": "bad", "held": "warn", "manual": "warn"}
KIND_LABELS = {"individual": "Cá nhân", "collective": "Tập thể"}
CONFIDENCE_LABELS = {
    "text": "Theo văn bản",
    "summary": "Theo tóm tắt quy định",
    "convention": "Theo quy ước áp dụng",
}


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Hoàn tất"
    FAILED = "failed", "Lỗi"
    CANCELLED = "cancelled", "Đã hủy"


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (.xlsx)"
    DOCX = "docx", "Word (.docx)"
