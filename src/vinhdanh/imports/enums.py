"""Import kinds and the life of an import job.

    uploaded ─→ validating ─→ validated ─→ applying ─→ done
        │            │            (confirm)      └──→ failed
        └────────────┴─→ invalid (bad file, wrong columns or any row problem)
                     └─→ failed  (unexpected error while reading)
    validating, validated, applying ─→ cancelled (the user's cancel; a running job stops
                                       between two batches)
    failed, cancelled ─→ validating or applying (the user's retry; applying resumes after the
                                       last committed batch)

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
    CANCELLED = "cancelled", "Đã hủy"


TRANSITIONS: dict[str, frozenset[str]] = {
    JobStatus.UPLOADED: frozenset({JobStatus.VALIDATING, JobStatus.INVALID}),
    JobStatus.VALIDATING: frozenset(
        {JobStatus.VALIDATED, JobStatus.INVALID, JobStatus.FAILED, JobStatus.CANCELLED}
    ),
    JobStatus.VALIDATED: frozenset({JobStatus.APPLYING, JobStatus.CANCELLED}),
    JobStatus.INVALID: frozenset(),
    JobStatus.APPLYING: frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED}),
    JobStatus.DONE: frozenset(),
    JobStatus.FAILED: frozenset({JobStatus.VALIDATING, JobStatus.APPLYING}),
    JobStatus.CANCELLED: frozenset({JobStatus.VALIDATING, JobStatus.APPLYING}),
}

RUNNING = frozenset({JobStatus.VALIDATING, JobStatus.APPLYING})
CANCELLABLE = frozenset({JobStatus.VALIDATING, JobStatus.VALIDATED, JobStatus.APPLYING})
