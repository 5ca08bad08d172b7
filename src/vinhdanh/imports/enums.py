"""Import kinds and the life of an import job.

    uploaded ─→ validating ─→ validated ─→ applying ─→ done
        │            │            (confirm)      └──→ failed
        └────────────┴─→ invalid (bad file, wrong columns or any row problem)
                     └─→ failed  (unexpected error while reading)

Nothing is written to units, people or the register before ``applying``.
"""

from django.db import models


class ImportKind(models.TextChoices):
    UNITS = "units", "Đơn vị"
    PEOPLE = "people", "Cá nhân"
    REGISTER = "register", "Sổ thi đua, khen thưởng"


class JobStatus(models.TextChoices):
    UPLOADED = "uploaded", "Đã tải lên"
    VALIDATING = "validating", "Đang kiểm tra"
    VALIDATED = "validated", "Đã kiểm tra"
    INVALID = "invalid", "Có lỗi"
    APPLYING = "applying", "Đang ghi dữ liệu"
    DONE = "done", "Hoàn tất"
    FAILED = "failed", "Thất bại"


TRANSITIONS: dict[str, frozenset[str]] = {
    JobStatus.UPLOADED: frozenset({JobStatus.VALIDATING, JobStatus.INVALID}),
    JobStatus.VALIDATING: frozenset({JobStatus.VALIDATED, JobStatus.INVALID, JobStatus.FAILED}),
    JobStatus.VALIDATED: frozenset({JobStatus.APPLYING}),
    JobStatus.INVALID: frozenset(),
    JobStatus.APPLYING: frozenset({JobStatus.DONE, JobStatus.FAILED}),
    JobStatus.DONE: frozenset(),
    JobStatus.FAILED: frozenset(),
}

RUNNING = frozenset({JobStatus.VALIDATING, JobStatus.APPLYING})
