"""The catalogue: codes for ratings, titles and forms, and the dated values around them.

Codes are primary keys: they are what imports, exports, the API and the engine speak. A code
may be renamed only while nothing refers to it (services.honour_update).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from .enums import Authority, HonourCategory, SubjectKind

code_validator = RegexValidator(
    r"^[A-Z][A-Z0-9_]*$", "Mã chỉ gồm chữ in hoa không dấu, số và dấu gạch dưới."
)


class Rating(models.Model):
    code = models.CharField("Mã", max_length=10, primary_key=True, validators=[code_validator])
    name = models.CharField("Tên", max_length=100)
    order = models.PositiveSmallIntegerField("Thứ bậc", help_text="Số lớn hơn là mức cao hơn")

    class Meta:
        ordering = ["-order"]
        verbose_name = "Mức xếp loại"
        verbose_name_plural = "Mức xếp loại"

    def __str__(self) -> str:
        return self.name


class Honour(models.Model):
    """An emulation title, a form of commendation or a state honorary title."""

    code = models.CharField("Mã", max_length=30, primary_key=True, validators=[code_validator])
    name = models.CharField("Tên", max_length=200)
    short_name = models.CharField("Tên ngắn", max_length=80, blank=True)
    category = models.CharField("Loại", max_length=20, choices=HonourCategory.choices)
    for_individual = models.BooleanField("Cho cá nhân", default=False)
    for_collective = models.BooleanField("Cho tập thể", default=False)
    for_household = models.BooleanField("Cho hộ gia đình", default=False)
    decider = models.CharField("Thẩm quyền quyết định", max_length=200, blank=True)
    authority = models.CharField(
        "Cấp có thẩm quyền quyết định",
        max_length=20,
        choices=Authority.choices,
        blank=True,
        help_text="Luật Thi đua, khen thưởng 2022, Điều 80; Nghị định 129/2025/NĐ-CP, Điều 59",
    )
    carries_money = models.BooleanField(
        "Kèm tiền thưởng",
        default=True,
        help_text="Bỏ chọn chỉ khi pháp luật không quy định tiền thưởng cho hình thức này",
    )
    rank = models.PositiveSmallIntegerField(
        "Thứ bậc", default=0, help_text="Dùng khi chỉ trả tiền thưởng mức cao nhất"
    )
    position = models.PositiveSmallIntegerField("Thứ tự hiển thị", default=1000)
    is_builtin = models.BooleanField("Theo Luật (nạp sẵn)", default=False, editable=False)
    is_active = models.BooleanField("Đang sử dụng", default=True)
    issuer = models.ForeignKey(
        "orgs.Unit",
        verbose_name="Cơ quan ban hành riêng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Ví dụ Kỷ niệm chương của một bộ",
        related_name="+",
    )

    class Meta:
        ordering = ["category", "position", "code"]
        verbose_name = "Danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "Danh hiệu, hình thức khen thưởng"

    def __str__(self) -> str:
        return self.name

    @property
    def display(self) -> str:
        return self.short_name or self.name

    @property
    def legal_name(self) -> str:
        """The name as printed in Điều 1 of a decision: ``name`` is the catalogue's full legal
        name (an issuer-dependent wording, e.g. "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        is the documents' business, built from the issuer)."""
        return self.name

    def subject_kinds(self) -> list[str]:
        kinds = []
        if self.for_individual:
            kinds.append(SubjectKind.INDIVIDUAL)
        if self.for_collective:
            kinds.append(SubjectKind.COLLECTIVE)
        if self.for_household:
            kinds.append(SubjectKind.HOUSEHOLD)
        return kinds


class RewardMultiple(models.Model):
    honour = models.ForeignKey(
        Honour,
        verbose_name="Danh hiệu/hình thức",
        on_delete=models.CASCADE,
        related_name="multiples",
    )
    subject_kind = models.CharField("Đối tượng", max_length=12, choices=SubjectKind.choices[:2])
    multiple = models.DecimalField(
        "Hệ số (lần lương cơ sở)", max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    valid_from = models.DateField("Áp dụng từ")
    valid_to = models.DateField(
        "Áp dụng đến hết ngày",
        null=True,
        blank=True,
        help_text="Ngày cuối văn bản còn hiệu lực (để trống nếu chưa biết ngày hết hiệu lực)",
    )
    citation = models.CharField("Căn cứ", max_length=200)

    class Meta:
        ordering = ["honour__position", "subject_kind", "-valid_from"]
        verbose_name = "Mức tiền thưởng"
        verbose_name_plural = "Mức tiền thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["honour", "subject_kind", "valid_from"], name="reward_multiple_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.honour_id} {self.get_subject_kind_display()}: {self.multiple}"


class BaseSalary(models.Model):
    valid_from = models.DateField("Áp dụng từ", unique=True)
    amount = models.PositiveIntegerField("Mức lương cơ sở (đồng/tháng)")
    source = models.CharField("Văn bản quy định", max_length=200)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = "Lương cơ sở"
        verbose_name_plural = "Lương cơ sở"

    def __str__(self) -> str:
        return f"{self.amount} từ {self.valid_from:%d/%m/%Y}"


class VoteThreshold(models.Model):
    honour = models.ForeignKey(
        Honour, verbose_name="Danh hiệu", on_delete=models.CASCADE, related_name="vote_thresholds"
    )
    share = models.DecimalField(
        "Tỷ lệ phiếu đồng ý trên tổng số thành viên",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    valid_from = models.DateField("Áp dụng từ")
    citation = models.CharField("Căn cứ", max_length=200)

    class Meta:
        ordering = ["honour__position", "-valid_from"]
        verbose_name = "Ngưỡng biểu quyết hội đồng"
        verbose_name_plural = "Ngưỡng biểu quyết hội đồng"
        constraints = [
            models.UniqueConstraint(fields=["honour", "valid_from"], name="vote_threshold_unique")
        ]

    def __str__(self) -> str:
        return f"{self.honour_id} ≥ {self.share:.0%}"


class InitiativeKind(models.Model):
    code = models.CharField("Mã", max_length=20, primary_key=True, validators=[code_validator])
    name = models.CharField("Tên", max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "Loại sáng kiến, đề tài"
        verbose_name_plural = "Loại sáng kiến, đề tài"

    def __str__(self) -> str:
        return self.name


class InitiativeScope(models.Model):
    code = models.CharField("Mã", max_length=20, primary_key=True, validators=[code_validator])
    name = models.CharField("Tên", max_length=100)
    rank = models.PositiveSmallIntegerField(
        "Độ rộng", help_text="Phạm vi rộng hơn đáp ứng yêu cầu hẹp hơn"
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = "Phạm vi ảnh hưởng"
        verbose_name_plural = "Phạm vi ảnh hưởng"

    def __str__(self) -> str:
        return self.name


class DisciplineForm(models.Model):
    code = models.CharField("Mã", max_length=20, primary_key=True, validators=[code_validator])
    name = models.CharField("Tên", max_length=100)
    severity = models.PositiveSmallIntegerField("Mức độ", help_text="Số lớn hơn là nặng hơn")

    class Meta:
        ordering = ["severity"]
        verbose_name = "Hình thức kỷ luật"
        verbose_name_plural = "Hình thức kỷ luật"

    def __str__(self) -> str:
        return self.name
