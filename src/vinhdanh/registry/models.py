"""The commendation register (sổ thi đua, khen thưởng).

Each row belongs to exactly one subject: a person or a collective (a unit). Rows are kept by
achievement year; the same subject, code and achievement year cannot appear twice.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from vinhdanh.core.models import TimeStampedModel

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class EntrySource(models.TextChoices):
    MANUAL = "manual", "Nhập tay"
    IMPORT = "import", "Nhập từ Excel"
    DECISION = "decision", "Từ quyết định"
    DEMO = "demo", "Dữ liệu mẫu"


class AwardKind(models.TextChoices):
    """Loại hình khen thưởng (Biểu 0602 rows 15–21, Biểu 0603 rows 11–17)."""

    REGULAR = "THUONG_XUYEN", "Thường xuyên"
    THEMATIC = "CHUYEN_DE", "Chuyên đề"
    SUDDEN = "DOT_XUAT", "Đột xuất"
    FOREIGN = "DOI_NGOAI", "Đối ngoại"
    DEDICATION = "CONG_HIEN", "Cống hiến"
    SENIORITY = "NIEN_HAN", "Niên hạn"
    RESISTANCE = "KHANG_CHIEN", "Kháng chiến"


class PositionCategory(models.TextChoices):
    """A person's position for the statistics (Biểu 0602 rows 10–14), frozen at the decision."""

    MINISTRY_PROVINCE_LEADER = "LD_BO_TINH", "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"
    DEPARTMENT_LEADER = "LD_VU_SO", "Lãnh đạo cấp vụ, sở, ngành và tương đương"
    ENTREPRENEUR = "DOANH_NHAN", "Doanh nhân"
    OTHER_LEADER = "LD_KHAC_TU_PHO_PHONG", "Các cấp lãnh đạo khác từ phó phòng trở lên"
    DIRECT_WORKER = "TRUC_TIEP", "Người trực tiếp công tác, lao động, học tập, chiến đấu"


def position_category_of(*, is_direct_worker: bool, is_leader: bool, unit_level: str) -> str:
    """The category a person falls in from what the product holds about them: a direct worker,
    else a leader by the level of the unit they lead in, else blank (unknown; the statistics
    checks list such entries so an officer can set the category by hand)."""
    if is_direct_worker:
        return PositionCategory.DIRECT_WORKER
    if is_leader:
        if unit_level in ("TW", "BO_TINH"):
            return PositionCategory.MINISTRY_PROVINCE_LEADER
        if unit_level == "SO_NGANH":
            return PositionCategory.DEPARTMENT_LEADER
        return PositionCategory.OTHER_LEADER
    return ""


class SubjectRecord(TimeStampedModel):
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name="Tập thể",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField("Ghi chú", max_length=255, blank=True)
    source = models.CharField(
        "Nguồn", max_length=10, choices=EntrySource.choices, default=EntrySource.MANUAL
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def subject_kind(self) -> str:
        return "individual" if self.person_id else "collective"


def _one_subject(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(
            Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)
        ),
        name=name,
    )


class RatingRecord(SubjectRecord):
    year = models.PositiveSmallIntegerField("Năm", validators=YEAR_VALIDATORS)
    rating = models.ForeignKey(
        "catalogue.Rating", verbose_name="Xếp loại", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = "Xếp loại hằng năm"
        verbose_name_plural = "Xếp loại hằng năm"
        constraints = [
            _one_subject("rating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="rating_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(unit__isnull=False), name="rating_unit_year"
            ),
        ]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.year}: {self.rating_id}"


class HonourRecord(SubjectRecord):
    """A conferred title or form of commendation."""

    honour = models.ForeignKey(
        "catalogue.Honour",
        verbose_name="Danh hiệu/hình thức",
        on_delete=models.PROTECT,
        related_name="+",
    )
    achievement_year = models.PositiveSmallIntegerField(
        "Năm thành tích", validators=YEAR_VALIDATORS
    )
    decision_number = models.CharField("Số quyết định", max_length=50, blank=True)
    decision_date = models.DateField("Ngày quyết định", null=True, blank=True)
    issuer = models.CharField("Cơ quan quyết định", max_length=200, blank=True)
    signer = models.CharField("Người ký", max_length=150, blank=True)
    # What the statistics need, frozen at the decision date (not today's values): the unit the
    # subject belonged to, the kind of commendation, and for a person sex and position.
    owner_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name="Đơn vị quản lý tại ngày quyết định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    award_kind = models.CharField(
        "Loại hình khen thưởng",
        max_length=12,
        choices=AwardKind.choices,
        default=AwardKind.REGULAR,
        db_default=AwardKind.REGULAR,  # rows written by COPY (generate_dataset) or raw SQL
    )
    gender = models.CharField(
        "Giới tính tại ngày quyết định", max_length=6, blank=True, default="", db_default=""
    )
    position_category = models.CharField(
        "Chức vụ (thống kê) tại ngày quyết định",
        max_length=20,
        choices=PositionCategory.choices,
        blank=True,
        default="",
        db_default="",
    )
    is_enterprise = models.BooleanField("Tập thể là doanh nghiệp", default=False, db_default=False)

    class Meta:
        ordering = ["-achievement_year", "-decision_date"]
        verbose_name = "Danh hiệu, hình thức đã được khen"
        verbose_name_plural = "Danh hiệu, hình thức đã được khen"
        constraints = [
            _one_subject("honour_one_subject"),
            models.UniqueConstraint(
                fields=["person", "honour", "achievement_year"],
                condition=Q(person__isnull=False),
                name="honour_person_code_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "honour", "achievement_year"],
                condition=Q(unit__isnull=False),
                name="honour_unit_code_year",
            ),
        ]
        indexes = [
            models.Index(fields=["honour", "achievement_year"]),
            models.Index(fields=["decision_date"], name="honour_decision_date"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.honour_id} {self.achievement_year}"

    def freeze_statistics(self, person=None, unit=None) -> None:
        """Set owner unit, sex and position category from the subject as it is now (call at
        the decision date). ``person`` must come with its ``unit`` loaded."""
        if person is not None:
            self.owner_unit_id = person.unit_id
            self.gender = person.gender
            self.position_category = position_category_of(
                is_direct_worker=person.is_direct_worker,
                is_leader=person.is_leader,
                unit_level=person.unit.level,
            )
        elif unit is not None:
            self.owner_unit_id = unit.pk


class InitiativeRecord(SubjectRecord):
    """A recognised initiative (sáng kiến) or an accepted research project (đề tài)."""

    kind = models.ForeignKey(
        "catalogue.InitiativeKind", verbose_name="Loại", on_delete=models.PROTECT, related_name="+"
    )
    scope = models.ForeignKey(
        "catalogue.InitiativeScope",
        verbose_name="Phạm vi ảnh hưởng",
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("Năm công nhận", validators=YEAR_VALIDATORS)
    title = models.CharField("Tên sáng kiến/đề tài", max_length=255)
    document = models.CharField("Văn bản công nhận", max_length=120, blank=True)
    document_date = models.DateField("Ngày văn bản", null=True, blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "Sáng kiến, đề tài"
        verbose_name_plural = "Sáng kiến, đề tài"
        constraints = [_one_subject("initiative_one_subject")]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class DisciplineRecord(SubjectRecord):
    form = models.ForeignKey(
        "catalogue.DisciplineForm",
        verbose_name="Hình thức kỷ luật",
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày", null=True, blank=True)
    decision = models.CharField("Quyết định kỷ luật", max_length=120, blank=True)

    class Meta:
        ordering = ["-start"]
        verbose_name = "Kỷ luật"
        verbose_name_plural = "Kỷ luật"
        constraints = [
            _one_subject("discipline_one_subject"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="discipline_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.form_id} {self.start:%d/%m/%Y}"
