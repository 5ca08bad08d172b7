"""Nomination dossiers (hồ sơ đề nghị khen thưởng) and what travels with them.

A dossier climbs from a sending unit to a receiving unit; each step has a deadline in working
days (StepDeadline, Holiday). ``version`` is bumped by every transition: a service that acts on
a stale version is refused, so two officers acting at once cannot both succeed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from vinhdanh.core.models import TimeStampedModel

from .enums import (
    AttachmentKind,
    CommentStatus,
    DossierKind,
    DossierStatus,
    NomineeKind,
    NomineeOutcome,
)

UNIT = "orgs.Unit"


class Dossier(TimeStampedModel):
    kind = models.CharField("Loại hình khen thưởng", max_length=10, choices=DossierKind.choices)
    title = models.CharField("Trích yếu", max_length=500)
    year = models.PositiveSmallIntegerField("Năm thành tích")
    sending_unit = models.ForeignKey(
        UNIT, verbose_name="Đơn vị đề nghị", on_delete=models.PROTECT, related_name="+"
    )
    receiving_unit = models.ForeignKey(
        UNIT, verbose_name="Cấp tiếp nhận", on_delete=models.PROTECT, related_name="+"
    )
    movement = models.ForeignKey(
        "emulation.Movement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        "Trạng thái", max_length=12, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    number = models.OneToOneField(
        "core.DocumentNumber",
        verbose_name="Số tờ trình",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_from = models.ForeignKey(
        "self",
        verbose_name="Chuyển tiếp từ hồ sơ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwards",
    )
    step_started_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField("Hạn xử lý bước hiện tại", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_version = models.PositiveIntegerField(
        "Đã nhắc hạn ở phiên bản", null=True, blank=True, editable=False
    )
    publicity_from = models.DateField("Công khai từ ngày", null=True, blank=True)
    publicity_to = models.DateField("Công khai đến ngày", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The receiving office's specialist (chuyên viên) in charge (nominations/assignment.py).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Chuyên viên thụ lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "Hồ sơ đề nghị khen thưởng"
        indexes = [
            models.Index(fields=["status", "receiving_unit"]),
            models.Index(fields=["sending_unit", "year"]),
            models.Index(fields=["assigned_to", "status"], name="dossier_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_unit_id(self):
        return self.sending_unit_id


class Nominee(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    position = models.PositiveSmallIntegerField("STT", default=0)
    kind = models.CharField("Đối tượng", max_length=12, choices=NomineeKind.choices)
    person = models.ForeignKey(
        "orgs.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        UNIT,
        verbose_name="Tập thể",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outsider_name = models.CharField("Họ tên / tên (nhập tay)", max_length=255, blank=True)
    outsider_details = models.CharField(
        "Thông tin thêm",
        max_length=500,
        blank=True,
        help_text="Quốc tịch, địa chỉ, chức vụ của người ngoài hệ thống",
    )
    honour = models.ForeignKey(
        "catalogue.Honour",
        verbose_name="Đề nghị danh hiệu/hình thức",
        on_delete=models.PROTECT,
        related_name="+",
    )
    justification = models.TextField("Giải trình (căn cứ xét thủ công)", blank=True)
    verdict_status = models.CharField("Kết quả kiểm tra tiêu chuẩn", max_length=15, blank=True)
    verdict = models.JSONField("Chi tiết kiểm tra tiêu chuẩn", default=dict, blank=True)
    outcome = models.CharField(
        "Kết quả xét", max_length=12, choices=NomineeOutcome.choices, default=NomineeOutcome.PENDING
    )
    downgraded_to = models.ForeignKey(
        "catalogue.Honour",
        verbose_name="Chuyển sang hình thức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome_reason = models.CharField("Lý do", max_length=500, blank=True)
    ballot_override_reason = models.TextField(
        "Lý do chấp thuận khác kết quả biểu quyết của Hội đồng", blank=True
    )
    proposal = models.ForeignKey(
        "emulation.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "position", "id"]
        verbose_name = "Đối tượng đề nghị"
        verbose_name_plural = "Đối tượng đề nghị"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="person", person__isnull=False, unit__isnull=True)
                    | Q(kind="collective", unit__isnull=False, person__isnull=True)
                    | Q(
                        kind__in=["citizen", "foreigner", "household"],
                        person__isnull=True,
                        unit__isnull=True,
                    )
                ),
                name="nominee_kind_matches_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.honour_id}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        if self.unit_id:
            return self.unit.name
        return self.outsider_name


class Attachment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField("Loại tài liệu", max_length=25, choices=AttachmentKind.choices)
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "kind", "id"]
        verbose_name = "Tài liệu hồ sơ"
        verbose_name_plural = "Tài liệu hồ sơ"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file}"


class DossierEvent(models.Model):
    """The dossier's path, shown to the sender: every transition with who, when and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=DossierStatus.choices)
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField("Lý do, ghi chú", blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_status} → {self.to_status}"


class Holiday(models.Model):
    """Days off besides weekends (Tết, national holidays, compensatory days)."""

    date = models.DateField("Ngày", unique=True)
    name = models.CharField("Tên ngày nghỉ", max_length=150)

    class Meta:
        ordering = ["date"]
        verbose_name = "Ngày nghỉ lễ, Tết"
        verbose_name_plural = "Lịch nghỉ lễ, Tết"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class StepDeadline(models.Model):
    """Working days allowed for a step (NĐ 98/2023 Điều 32 gives the central figures)."""

    status = models.CharField("Bước", max_length=12, choices=DossierStatus.choices, unique=True)
    working_days = models.PositiveSmallIntegerField("Số ngày làm việc")
    citation = models.CharField("Căn cứ", max_length=200, blank=True)

    class Meta:
        ordering = ["status"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.working_days} ngày"


class PublicComment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="comments")
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField("Họ và tên", max_length=150)
    contact = models.CharField("Điện thoại hoặc thư điện tử", max_length=150)
    content = models.TextField("Nội dung góp ý")
    created_at = models.DateTimeField(auto_now_add=True)
    client_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    answer = models.TextField("Trả lời", blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Ý kiến góp ý công khai"
        verbose_name_plural = "Ý kiến góp ý công khai"

    def __str__(self) -> str:
        return f"{self.name}: {self.content[:40]}"
