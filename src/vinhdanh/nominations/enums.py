"""Dossier kinds, states and the allowed transitions (one table, drawn in docs/architecture.md)."""

from django.db import models


class DossierKind(models.TextChoices):
    MERIT = "merit", "Công trạng (thường xuyên)"
    MOVEMENT = "movement", "Theo phong trào, chuyên đề"
    AD_HOC = "ad_hoc", "Đột xuất"
    CAREER = "career", "Quá trình cống hiến"
    FOREIGN = "foreign", "Đối ngoại"


class DossierStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi"
    RECEIVED = "received", "Đã tiếp nhận"
    APPRAISAL = "appraisal", "Đang thẩm định"
    AT_COUNCIL = "at_council", "Trình Hội đồng"
    APPROVED = "approved", "Hội đồng đã thông qua"
    DECIDED = "decided", "Đã có quyết định"
    RETURNED = "returned", "Bị trả lại"
    RECALLED = "recalled", "Đơn vị gửi đã rút lại"


S = DossierStatus
DOSSIER_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.RECEIVED, S.RETURNED, S.RECALLED},
    S.RECEIVED: {S.APPRAISAL, S.RETURNED},
    S.APPRAISAL: {S.AT_COUNCIL, S.RETURNED},
    S.AT_COUNCIL: {S.APPROVED, S.RETURNED},
    S.APPROVED: {S.DECIDED},
    S.DECIDED: set(),
    S.RETURNED: {S.SUBMITTED},  # the sender fixes and resubmits
    S.RECALLED: {S.SUBMITTED},
}


class NomineeKind(models.TextChoices):
    PERSON = "person", "Cá nhân trong hệ thống"
    COLLECTIVE = "collective", "Tập thể trong hệ thống"
    CITIZEN = "citizen", "Công dân (nhập tay)"
    FOREIGNER = "foreigner", "Người nước ngoài"
    HOUSEHOLD = "household", "Hộ gia đình"


class NomineeOutcome(models.TextChoices):
    PENDING = "pending", "Chưa xét"
    ACCEPTED = "accepted", "Chấp thuận"
    REJECTED = "rejected", "Không chấp thuận"
    DOWNGRADED = "downgraded", "Chuyển hình thức thấp hơn"
    RETURNED = "returned", "Trả lại để bổ sung"


class AttachmentKind(models.TextChoices):
    SUBMISSION_LETTER = "submission_letter", "Tờ trình"
    LIST = "list", "Danh sách đề nghị"
    ACHIEVEMENT_REPORT = "achievement_report", "Báo cáo thành tích"
    COUNCIL_MINUTES = "council_minutes", "Biên bản họp Hội đồng"
    INITIATIVE_CERTIFICATE = "initiative_certificate", "Giấy chứng nhận sáng kiến, đề tài"
    OTHER = "other", "Tài liệu khác"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    PUBLISHED = "published", "Đã duyệt"
    HIDDEN = "hidden", "Không đăng"
