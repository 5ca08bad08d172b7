"""The emulation cycle: movements, blocs, covenants, registrations, scoring, acclaim, reviews.

A bloc (khối/cụm thi đua) exists per year: next year's bloc is a copy with its own members,
head and deputy. Everything a bloc issues carries a number from core.numbering.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from vinhdanh.core.ballotbox import SealedPaper
from vinhdanh.core.models import TimeStampedModel
from vinhdanh.core.text import fold

from .enums import (
    BallotStatus,
    BlocKind,
    CriterionKind,
    CrossScoringMethod,
    LaunchLevel,
    MeetingKind,
    MilestoneKind,
    MovementKind,
    MovementScope,
    MovementStatus,
    ProposalStatus,
    RegistrationKind,
    ReviewStatus,
    ScoringStatus,
)

UNIT = "orgs.Unit"


# --- Movements -------------------------------------------------------------------------------


class Movement(TimeStampedModel):
    launching_unit = models.ForeignKey(
        UNIT, verbose_name="Đơn vị phát động", on_delete=models.PROTECT, related_name="+"
    )
    authority = models.CharField(
        "Cấp/người phát động", max_length=255, help_text="Ví dụ: Chủ tịch UBND Thành phố"
    )
    theme = models.CharField("Chủ đề", max_length=500)
    kind = models.CharField("Loại phong trào", max_length=10, choices=MovementKind.choices)
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày")
    audience = models.CharField("Đối tượng tham gia", max_length=500, blank=True)
    criteria = models.TextField("Nội dung, tiêu chí", blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="Hưởng ứng phong trào",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    status = models.CharField(
        "Trạng thái", max_length=15, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    launched_on = models.DateField("Ngày phát động", null=True, blank=True)
    # Biểu 0601.N/BNV-TĐKT: launch level (columns) and scope (rows 02–05); blank = derived
    # from the launching unit's level on save.
    launch_level = models.CharField(
        "Cấp chủ trì phát động",
        max_length=15,
        choices=LaunchLevel.choices,
        blank=True,
        default="",
        db_default="",
    )
    scope = models.CharField(
        "Phạm vi tổ chức thi đua",
        max_length=20,
        choices=MovementScope.choices,
        blank=True,
        default="",
        db_default="",
    )
    participants = models.ManyToManyField(
        UNIT, through="MovementParticipant", related_name="movements"
    )
    theme_folded = models.CharField(max_length=500, editable=False, default="", db_index=True)

    class Meta:
        ordering = ["-start", "theme"]
        verbose_name = "Phong trào thi đua"
        verbose_name_plural = "Phong trào thi đua"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="movement_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.theme

    def refresh_derived(self) -> None:
        self.theme_folded = fold(self.theme)

    def fill_statistics_defaults(self) -> None:
        """Launch level and scope from the launching unit's level when not chosen."""
        from .enums import LEVEL_DEFAULTS

        if (not self.launch_level or not self.scope) and self.launching_unit_id:
            level, scope = LEVEL_DEFAULTS.get(
                self.launching_unit.level, (LaunchLevel.UNIT, MovementScope.UNIT)
            )
            self.launch_level = self.launch_level or level
            self.scope = self.scope or scope

    def save(self, *args, **kwargs):
        self.refresh_derived()
        if kwargs.get("update_fields") is None:
            self.fill_statistics_defaults()
        if kwargs.get("update_fields") is not None and "theme" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "theme_folded"}
        super().save(*args, **kwargs)

    @property
    def audit_unit_id(self):
        return self.launching_unit_id


class MovementParticipant(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField("Tham gia từ", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="movement_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.movement} – {self.unit}"


class Milestone(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField("Loại mốc", max_length=10, choices=MilestoneKind.choices)
    title = models.CharField("Nội dung", max_length=255)
    due = models.DateField("Ngày")
    remind_days_before = models.PositiveSmallIntegerField("Nhắc trước (ngày)", default=7)
    reminded_at = models.DateTimeField(null=True, blank=True)
    done_on = models.DateField("Đã thực hiện ngày", null=True, blank=True)

    class Meta:
        ordering = ["due"]
        verbose_name = "Mốc thời gian"
        verbose_name_plural = "Mốc thời gian"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due:%d/%m/%Y}"


class MovementDocument(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="documents")
    number = models.ForeignKey(
        "core.DocumentNumber", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_number = models.CharField(
        "Số hiệu (văn bản ngoài hệ thống)", max_length=60, blank=True
    )
    title = models.CharField("Trích yếu", max_length=500)
    doc_date = models.DateField("Ngày văn bản")
    file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["doc_date"]

    def __str__(self) -> str:
        return self.title


# --- Blocs -----------------------------------------------------------------------------------


class Bloc(TimeStampedModel):
    """An emulation bloc or cluster for one year."""

    owner = models.ForeignKey(
        UNIT,
        verbose_name="Thuộc Hội đồng TĐKT của",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Đơn vị có Hội đồng Thi đua – Khen thưởng quản lý khối (ví dụ UBND Thành phố)",
    )
    kind = models.CharField("Loại", max_length=5, choices=BlocKind.choices, default=BlocKind.BLOC)
    name = models.CharField("Tên khối/cụm", max_length=255)
    abbreviation = models.CharField(
        "Ký hiệu", max_length=30, help_text="Dùng trong số văn bản, ví dụ KTĐ9"
    )
    year = models.PositiveSmallIntegerField("Năm")
    head = models.ForeignKey(
        UNIT,
        verbose_name="Trưởng khối",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        UNIT,
        verbose_name="Khối phó",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name="Khối năm trước",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_year",
    )
    theme = models.CharField("Chủ đề năm", max_length=500, blank=True)
    flag_cap_share = models.DecimalField(
        "Tỷ lệ tối đa đề nghị Cờ thi đua của Chính phủ",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
        help_text="Trên tổng số đơn vị dẫn đầu các khối (CV 5007/BNV-TĐKT năm 2023)",
    )
    leading_seats = models.PositiveSmallIntegerField("Số đơn vị dẫn đầu được suy tôn", default=1)
    registration_deadline = models.DateField(
        "Hạn đăng ký thi đua",
        null=True,
        blank=True,
        help_text="Sau ngày này chỉ cơ quan thường trực Hội đồng sửa được đăng ký của thành viên",
    )
    name_folded = models.CharField(max_length=255, editable=False, default="", db_index=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = "Khối, cụm thi đua"
        verbose_name_plural = "Khối, cụm thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "abbreviation", "year"], name="bloc_unique_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} năm {self.year}"

    def refresh_derived(self) -> None:
        self.name_folded = fold(f"{self.name} {self.abbreviation}")

    def save(self, *args, **kwargs):
        self.refresh_derived()
        if kwargs.get("update_fields") is not None and (
            {"name", "abbreviation"} & set(kwargs["update_fields"])
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_folded"}
        super().save(*args, **kwargs)

    @property
    def audit_unit_id(self):
        return self.owner_id

    @property
    def issuer_key(self) -> str:
        return f"bloc:{self.owner_id}:{self.abbreviation}"


class BlocMember(models.Model):
    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        UNIT,
        verbose_name="Đơn vị thành viên",
        on_delete=models.PROTECT,
        related_name="bloc_memberships",
    )
    rotation_order = models.PositiveSmallIntegerField("Thứ tự luân phiên", default=0)
    female_share = models.DecimalField(
        "Tỷ lệ nữ",
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Để trống: tính từ danh sách cá nhân của đơn vị",
    )

    class Meta:
        ordering = ["rotation_order", "id"]
        verbose_name = "Thành viên khối"
        verbose_name_plural = "Thành viên khối"
        constraints = [models.UniqueConstraint(fields=["bloc", "unit"], name="bloc_member_unique")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.bloc})"


class BlocDocument(models.Model):
    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="documents")
    number = models.OneToOneField("core.DocumentNumber", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("Trích yếu", max_length=500)
    doc_date = models.DateField("Ngày văn bản")
    signer = models.CharField("Người ký", max_length=150, blank=True)
    file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["doc_date", "id"]
        verbose_name = "Văn bản của khối"
        verbose_name_plural = "Văn bản của khối"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Meeting(TimeStampedModel):
    bloc = models.ForeignKey(
        Bloc, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings"
    )
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField("Loại hội nghị", max_length=10, choices=MeetingKind.choices)
    date = models.DateField("Ngày")
    place = models.CharField("Địa điểm", max_length=255)
    chair_unit = models.ForeignKey(
        UNIT,
        verbose_name="Đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chair_name = models.CharField("Người chủ trì", max_length=150, blank=True)
    agenda = models.TextField("Nội dung", blank=True)
    conclusions = models.TextField("Kết luận", blank=True)
    guests = models.TextField("Đại biểu khách mời", blank=True)
    minutes_number = models.OneToOneField(
        "core.DocumentNumber", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_file = models.ForeignKey(
        "core.StoredFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Biên bản đã tạo hoặc bản đã chỉnh sửa tải lên",
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = "Hội nghị"
        verbose_name_plural = "Hội nghị"
        constraints = [
            models.CheckConstraint(
                condition=Q(bloc__isnull=False) | Q(movement__isnull=False),
                name="meeting_has_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("Có mặt", default=True)
    delegates = models.CharField("Đại biểu dự", max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="meeting_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} @ {self.meeting}"


class Covenant(TimeStampedModel):
    bloc = models.OneToOneField(Bloc, on_delete=models.CASCADE, related_name="covenant")
    theme = models.CharField("Chủ đề", max_length=500, blank=True)
    basis = models.TextField(
        "Căn cứ", blank=True, help_text="Ví dụ: Kế hoạch số 282/KH-UBND ngày 30/11/2023"
    )
    signed_on = models.DateField("Ngày ký", null=True, blank=True)
    place = models.CharField("Địa điểm ký", max_length=255, blank=True)
    number = models.OneToOneField(
        "core.DocumentNumber", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "Giao ước thi đua"
        verbose_name_plural = "Giao ước thi đua"

    def __str__(self) -> str:
        return f"Giao ước {self.bloc}"


class CovenantItem(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("Số thứ tự")
    content = models.TextField("Nội dung cam kết")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "position"], name="covenant_item_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.content[:60]}"


class CovenantSignature(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    signatory_name = models.CharField("Người ký", max_length=150)
    signatory_position = models.CharField("Chức vụ", max_length=150)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_signature_unique")
        ]

    def __str__(self) -> str:
        return f"{self.signatory_name} ({self.unit})"


# --- Registration ----------------------------------------------------------------------------


class Registration(TimeStampedModel):
    """A unit's registration at the start of the year: a title aimed at, for itself or a person."""

    year = models.PositiveSmallIntegerField("Năm")
    unit = models.ForeignKey(
        UNIT, verbose_name="Đơn vị đăng ký", on_delete=models.PROTECT, related_name="+"
    )
    bloc = models.ForeignKey(
        Bloc, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    kind = models.CharField("Đối tượng", max_length=12, choices=RegistrationKind.choices)
    person = models.ForeignKey(
        "orgs.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    honour = models.ForeignKey(
        "catalogue.Honour",
        verbose_name="Danh hiệu đăng ký",
        on_delete=models.PROTECT,
        related_name="+",
    )
    warning = models.TextField(
        "Cảnh báo", blank=True, help_text="Lý do danh hiệu khó đạt trong năm, theo bộ tiêu chuẩn"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["year", "unit", "kind"]
        verbose_name = "Đăng ký thi đua"
        verbose_name_plural = "Đăng ký thi đua"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="individual", person__isnull=False)
                    | Q(kind="collective", person__isnull=True)
                ),
                name="registration_kind_matches_subject",
            ),
            models.UniqueConstraint(
                fields=["year", "unit", "honour"],
                condition=Q(person__isnull=True),
                name="registration_collective_unique",
            ),
            models.UniqueConstraint(
                fields=["year", "person", "honour"],
                condition=Q(person__isnull=False),
                name="registration_person_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.honour_id} {self.year}"

    @property
    def audit_unit_id(self):
        return self.unit_id


class EmulationModel(TimeStampedModel):
    """A concrete model (mô hình thi đua) a unit registers to pursue in the year."""

    year = models.PositiveSmallIntegerField("Năm")
    unit = models.ForeignKey(
        UNIT, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    bloc = models.ForeignKey(
        Bloc, null=True, blank=True, on_delete=models.SET_NULL, related_name="emulation_models"
    )
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.SET_NULL, related_name="emulation_models"
    )
    name = models.CharField("Tên mô hình", max_length=500)
    description = models.TextField("Mô tả", blank=True)
    indicators = models.TextField(
        "Chỉ tiêu, kết quả dự kiến", blank=True, help_text="Mỗi chỉ tiêu một dòng"
    )
    is_exemplar = models.BooleanField("Điển hình tiên tiến", default=False)

    class Meta:
        ordering = ["year", "unit", "name"]
        verbose_name = "Mô hình thi đua"
        verbose_name_plural = "Mô hình thi đua"

    def __str__(self) -> str:
        return self.name

    @property
    def audit_unit_id(self):
        return self.unit_id


# --- Scoring and ranking ---------------------------------------------------------------------


class ScoringTable(TimeStampedModel):
    """A bloc's scoring table for a year. Once opened, it is never edited in place: a change
    makes a new version and the old one is superseded."""

    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="scoring_tables")
    version = models.PositiveSmallIntegerField("Phiên bản", default=1)
    name = models.CharField("Tên bảng điểm", max_length=255)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=ScoringStatus.choices, default=ScoringStatus.DRAFT
    )
    method = models.CharField(
        "Cách chấm chéo",
        max_length=20,
        choices=CrossScoringMethod.choices,
        default=CrossScoringMethod.AVERAGE_OTHERS,
    )
    tie_break = models.JSONField("Thứ tự xét khi bằng điểm", default=list, blank=True)
    deadline = models.DateTimeField("Hạn chấm điểm", null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.CharField("Lý do mở lại", max_length=255, blank=True)

    class Meta:
        ordering = ["bloc", "-version"]
        verbose_name = "Bảng chấm điểm"
        verbose_name_plural = "Bảng chấm điểm"
        constraints = [
            models.UniqueConstraint(fields=["bloc", "version"], name="scoring_table_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def audit_unit_id(self):
        return self.bloc.owner_id


class Criterion(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    code = models.CharField("Số hiệu", max_length=20, help_text="Ví dụ I, 1, 1.2")
    name = models.CharField("Nội dung", max_length=500)
    kind = models.CharField(
        "Loại", max_length=10, choices=CriterionKind.choices, default=CriterionKind.CRITERION
    )
    max_points = models.DecimalField(
        "Điểm tối đa", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    guidance = models.TextField("Hướng dẫn chấm", blank=True)

    class Meta:
        ordering = ["table", "position", "id"]
        verbose_name = "Tiêu chí chấm điểm"
        verbose_name_plural = "Tiêu chí chấm điểm"

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Score(models.Model):
    """One scorer's points for one member on one criterion. ``scorer == member`` is self-scoring;
    ``is_panel`` marks the panel's consensus entered by the bloc head."""

    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(
        UNIT, verbose_name="Đơn vị được chấm", on_delete=models.PROTECT, related_name="+"
    )
    scorer = models.ForeignKey(
        UNIT,
        verbose_name="Đơn vị chấm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_panel = models.BooleanField(default=False)
    points = models.DecimalField("Điểm", max_digits=7, decimal_places=2)
    note = models.CharField("Ghi chú", max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Điểm"
        verbose_name_plural = "Điểm"
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "member", "scorer"],
                condition=Q(is_panel=False),
                name="score_unique_per_scorer",
            ),
            models.UniqueConstraint(
                fields=["criterion", "member"],
                condition=Q(is_panel=True),
                name="score_unique_panel",
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]
        indexes = [models.Index(fields=["table", "member"])]

    def __str__(self) -> str:
        return f"{self.member_id}←{self.scorer_id}: {self.points}"


class ScoreEvidence(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="evidence")
    member = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return str(self.file)


class MissingSheetReason(models.Model):
    """Why a required sheet is absent when the bloc head locks the table: the member's own
    self-score sheet (``scorer == member``), another member's cross sheet, or the panel's sheet
    (``is_panel``). One reason per (table, member, scorer, panel); kept after the lock and
    shown on the ranking page."""

    table = models.ForeignKey(
        ScoringTable, on_delete=models.CASCADE, related_name="missing_reasons"
    )
    member = models.ForeignKey(
        UNIT, verbose_name="Đơn vị được chấm", on_delete=models.PROTECT, related_name="+"
    )
    scorer = models.ForeignKey(
        UNIT,
        verbose_name="Đơn vị chấm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_panel = models.BooleanField(default=False)
    reason = models.CharField("Lý do thiếu phiếu", max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Lý do thiếu phiếu chấm"
        verbose_name_plural = "Lý do thiếu phiếu chấm"
        constraints = [
            models.UniqueConstraint(
                fields=["table", "member", "scorer"],
                condition=Q(is_panel=False),
                name="missing_reason_unique_per_scorer",
            ),
            models.UniqueConstraint(
                fields=["table", "member"],
                condition=Q(is_panel=True),
                name="missing_reason_unique_panel",
            ),
        ]

    def __str__(self) -> str:
        who = "Tổ chấm" if self.is_panel else str(self.scorer_id)
        return f"Thiếu phiếu {who}→{self.member_id}: {self.reason}"


class RankingResult(models.Model):
    """The ranking frozen when a scoring table is locked (recomputed on every lock)."""

    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="results")
    member = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField("Xếp hạng")
    self_total = models.DecimalField(max_digits=9, decimal_places=2)
    cross_total = models.DecimalField(max_digits=9, decimal_places=2)
    final_total = models.DecimalField(max_digits=9, decimal_places=2)
    tie_note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["table", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["table", "member"], name="ranking_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.member_id}"


# --- Acclaim (bình xét, suy tôn) -------------------------------------------------------------


class AcclaimBallot(TimeStampedModel):
    """Secret ballot for the leading unit(s). Who voted (AcclaimVoter) is stored apart from
    what was voted: sealed papers (AcclaimSealedPaper, core.ballotbox) while open, plaintext
    marks (AcclaimChoice) written only at the close, in one transaction and random order."""

    bloc = models.OneToOneField(Bloc, on_delete=models.CASCADE, related_name="ballot")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BallotStatus.choices, default=BallotStatus.OPEN
    )
    seats = models.PositiveSmallIntegerField("Số đơn vị được chọn tối đa mỗi phiếu", default=1)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Phiếu suy tôn {self.bloc}"


class AcclaimVoter(models.Model):
    ballot = models.ForeignKey(AcclaimBallot, on_delete=models.CASCADE, related_name="voters")
    member = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    voted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "member"], name="acclaim_one_ballot_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} đã bỏ phiếu"


class AcclaimSealedPaper(SealedPaper):
    """A paper while the ballot is open: the chosen units, padded to ``seats`` and sealed."""

    ballot = models.ForeignKey(AcclaimBallot, on_delete=models.CASCADE, related_name="sealed")

    class Meta:
        verbose_name = "Phiếu suy tôn đã niêm phong"
        verbose_name_plural = "Phiếu suy tôn đã niêm phong"


class AcclaimChoice(models.Model):
    """One marked candidate of an anonymous paper, written only at the close (random key, no
    timestamp, all marks of the ballot in one transaction in random order)."""

    id = models.UUIDField(primary_key=True)
    ballot = models.ForeignKey(AcclaimBallot, on_delete=models.CASCADE, related_name="choices")
    candidate = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.candidate_id}"


class Proposal(TimeStampedModel):
    """A bloc's proposal for a collective title, picked up later by a nomination dossier."""

    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    honour = models.ForeignKey("catalogue.Honour", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("Năm thành tích")
    votes = models.PositiveSmallIntegerField("Số phiếu", default=0)
    rank = models.PositiveSmallIntegerField("Xếp hạng chấm điểm", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["bloc", "honour", "-votes"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "unit", "honour"], name="proposal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.honour_id} {self.year}"


# --- Period reviews (sơ kết, tổng kết) -------------------------------------------------------


class PeriodReview(TimeStampedModel):
    bloc = models.ForeignKey(
        Bloc, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    movement = models.ForeignKey(
        Movement, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    title = models.CharField("Tên báo cáo", max_length=500)
    period_start = models.DateField("Từ ngày")
    period_end = models.DateField("Đến ngày")
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    draft_file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_file = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.OneToOneField(
        "core.DocumentNumber", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bloc__isnull=False) | Q(movement__isnull=False), name="review_has_owner"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="review_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title
