"""Councils (Hội đồng Thi đua – Khen thưởng), their meetings and secret ballots per nominee.

Thresholds are shares of ALL members of the council (NĐ 98/2023 Điều 30 khoản 7), not of those
present; absent members' written votes count and the minutes say so. Who voted (BallotVoter)
is stored apart from what was voted (BallotChoice), with no link between them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vinhdanh.core.models import TimeStampedModel


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE = "vice", "Phó Chủ tịch"
    MEMBER = "member", "Ủy viên"
    SECRETARY = "secretary", "Thư ký"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Đã lên lịch"
    OPEN = "open", "Đang họp"
    CLOSED = "closed", "Đã kết thúc"


class VoteChannel(models.TextChoices):
    ELECTRONIC = "electronic", "Bỏ phiếu điện tử"
    WRITTEN = "written", "Phiếu bằng văn bản (vắng mặt)"


class Council(TimeStampedModel):
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Cấp", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("Tên Hội đồng", max_length=255)
    abbreviation = models.CharField("Ký hiệu", max_length=30, default="HĐTĐKT")

    class Meta:
        ordering = ["name"]
        verbose_name = "Hội đồng Thi đua – Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua – Khen thưởng"

    def __str__(self) -> str:
        return self.name

    @property
    def audit_unit_id(self):
        return self.unit_id


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField("Họ và tên", max_length=150)
    position = models.CharField("Chức vụ", max_length=255, blank=True)
    role = models.CharField(
        "Vai trò", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    term_start = models.DateField("Nhiệm kỳ từ")
    term_end = models.DateField("Nhiệm kỳ đến", null=True, blank=True)

    class Meta:
        ordering = ["council", "role", "full_name"]
        verbose_name = "Thành viên Hội đồng"
        verbose_name_plural = "Thành viên Hội đồng"

    def __str__(self) -> str:
        return self.full_name


class CouncilMeeting(TimeStampedModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("Ngày họp")
    place = models.CharField("Địa điểm", max_length=255)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    member_count = models.PositiveSmallIntegerField("Tổng số thành viên khi họp", default=0)
    minutes_number = models.OneToOneField(
        "core.DocumentNumber", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "Phiên họp Hội đồng"
        verbose_name_plural = "Phiên họp Hội đồng"

    def __str__(self) -> str:
        return f"{self.council} {self.date:%d/%m/%Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="agenda")
    dossier = models.ForeignKey("nominations.Dossier", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "dossier"], name="agenda_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.dossier}"


class Attendance(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("Có mặt", default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="council_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} {'có mặt' if self.present else 'vắng'}"


class NomineeBallot(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="ballots")
    nominee = models.ForeignKey(
        "nominations.Nominee", on_delete=models.PROTECT, related_name="ballots"
    )
    is_open = models.BooleanField(default=True)
    threshold = models.DecimalField(
        "Ngưỡng (trên tổng số thành viên)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    total_members = models.PositiveSmallIntegerField(default=0)
    yes_votes = models.PositiveSmallIntegerField(default=0)
    no_votes = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(null=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nominee"], name="nominee_ballot_unique")
        ]

    def __str__(self) -> str:
        return f"Phiếu {self.nominee}"


class BallotVoter(models.Model):
    ballot = models.ForeignKey(NomineeBallot, on_delete=models.CASCADE, related_name="voters")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(
        max_length=10, choices=VoteChannel.choices, default=VoteChannel.ELECTRONIC
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballot_one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} đã bỏ phiếu"


class BallotChoice(models.Model):
    """One anonymous ballot paper (random key, no timestamp, no link to the voter)."""

    id = models.UUIDField(primary_key=True)
    ballot = models.ForeignKey(NomineeBallot, on_delete=models.CASCADE, related_name="choices")
    approve = models.BooleanField()

    def __str__(self) -> str:
        return "đồng ý" if self.approve else "không đồng ý"


class PaperTally(models.Model):
    """Paper ballots of present members who have no account, counted by the secretary.

    Only counts per option are kept (no voter identity: the vote stays secret), with the signed
    tally minutes (PDF). They add to the online result and count toward the threshold.
    """

    ballot = models.OneToOneField(NomineeBallot, on_delete=models.CASCADE, related_name="paper")
    yes_count = models.PositiveSmallIntegerField("Phiếu đồng ý", default=0)
    no_count = models.PositiveSmallIntegerField("Phiếu không đồng ý", default=0)
    invalid_count = models.PositiveSmallIntegerField("Phiếu trắng, không hợp lệ", default=0)
    tally_file = models.ForeignKey(
        "core.StoredFile",
        verbose_name="Biên bản kiểm phiếu (PDF)",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Kết quả phiếu giấy"
        verbose_name_plural = "Kết quả phiếu giấy"

    def __str__(self) -> str:
        return f"Phiếu giấy {self.ballot}: {self.yes_count}/{self.no_count}/{self.invalid_count}"

    @property
    def total(self) -> int:
        return self.yes_count + self.no_count + self.invalid_count
