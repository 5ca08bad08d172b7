"""Kinds of work items and notifications, and the delivery choices."""

from django.db import models


class NotificationKind(models.TextChoices):
    DOSSIER_RETURNED = "dossier_returned", "Hồ sơ bị trả lại"
    DOSSIER_ASSIGNED = "dossier_assigned", "Hồ sơ được giao"
    BALLOT_OPENED = "ballot_opened", "Mở biểu quyết"
    DECISION_ISSUED = "decision_issued", "Quyết định đã ban hành"
    DEADLINE_SOON = "deadline_soon", "Sắp đến hạn"
    COMMENT_RECEIVED = "comment_received", "Góp ý công khai mới"


class Channel(models.TextChoices):
    IN_APP = "in_app", "Chỉ trong ứng dụng"
    EMAIL = "email", "Trong ứng dụng và gửi thư điện tử"


# "Deadline in 3 days": reminders go out when an item is due within this many working days.
REMIND_WORKING_DAYS = 3


class WorkKind(models.TextChoices):
    DOSSIER = "dossier", "Hồ sơ đề nghị"
    SCORING = "scoring", "Phiếu chấm điểm"
    BALLOT = "ballot", "Biểu quyết Hội đồng"
    ACCLAIM = "acclaim", "Bỏ phiếu suy tôn"
    COMMENT = "comment", "Góp ý công khai"
    DECISION = "decision", "Quyết định chờ ký"
    REGISTRATION = "registration", "Đăng ký thi đua"
