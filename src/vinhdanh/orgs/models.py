"""Units (the organisation tree), people and their memberships over time.

The tree is stored as a materialised path (``path`` = ancestor ids, zero-padded, dot-ended) so
that "a unit and its subtree" is one indexed ``path LIKE 'prefix%'`` on SQLite and PostgreSQL,
and a subtree move is one UPDATE.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from vinhdanh.core.models import TimeStampedModel
from vinhdanh.core.text import fold, name_sort_key, normalize_name, text_sort_key

from .enums import Gender, UnitLevel
from .validators import validate_cccd

PATH_STEP = 10  # digits per tree level in Unit.path


class UnitQuerySet(models.QuerySet):
    def active(self, on=None):
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=on)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=on)
        )

    def subtree_of(self, unit: Unit):
        return self.filter(path__startswith=unit.path)

    def within(self, paths: list[str]):
        """Units inside any of the subtrees given by their root paths."""
        if not paths:
            return self.none()
        cond = Q()
        for p in paths:
            cond |= Q(path__startswith=p)
        return self.filter(cond)


class Unit(TimeStampedModel):
    code = models.CharField(
        "Mã đơn vị",
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_.\-]+$", "Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch."
            )
        ],
        help_text="Mã duy nhất dùng khi nhập/xuất Excel, ví dụ HN.SYT",
    )
    name = models.CharField("Tên đơn vị", max_length=255)
    abbreviation = models.CharField(
        "Tên viết tắt",
        max_length=30,
        help_text="Dùng trong số hiệu văn bản, ví dụ SYT, KTĐ9",
    )
    level = models.CharField("Cấp", max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="Đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    province_code = models.PositiveIntegerField("Tỉnh/thành phố", null=True, blank=True)
    ward_code = models.PositiveIntegerField("Xã/phường/đặc khu", null=True, blank=True)
    address = models.CharField("Địa chỉ (số nhà, đường)", max_length=255, blank=True)
    active_from = models.DateField("Hoạt động từ", null=True, blank=True)
    active_to = models.DateField("Ngừng hoạt động từ", null=True, blank=True)
    pending_review = models.BooleanField(
        "Đang xem xét (kỷ luật, thanh tra, khiếu nại)", default=False
    )
    pending_review_note = models.CharField("Lý do đang xem xét", max_length=255, blank=True)
    name_folded = models.CharField(max_length=255, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "abbreviation"], name="unit_abbreviation_unique_in_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_to is None

    @property
    def audit_unit_id(self):
        return self.pk

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip(".").split(".") if p]

    def refresh_derived(self) -> None:
        self.name_folded = fold(f"{self.name} {self.abbreviation} {self.code}")
        self.sort_key = text_sort_key(self.name)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        creating = self.pk is None
        super().save(*args, **kwargs)
        if creating or not self.path:
            parent_path = self.parent.path if self.parent_id else ""
            self.path = f"{parent_path}{self.pk:0{PATH_STEP}d}."
            self.depth = self.path.count(".") - 1
            Unit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)


class PersonQuerySet(models.QuerySet):
    def vn_ordered(self):
        return self.order_by("sort_key", "id")

    def search(self, query: str | None):
        from vinhdanh.core.text import search_terms

        qs = self
        for term in search_terms(query):
            if term.isdigit():
                qs = qs.filter(Q(cccd__startswith=term) | Q(name_folded__contains=term))
            else:
                qs = qs.filter(name_folded__contains=term)
        return qs


class Person(TimeStampedModel):
    full_name = models.CharField("Họ và tên", max_length=150)
    gender = models.CharField("Giới tính", max_length=6, choices=Gender.choices)
    date_of_birth = models.DateField("Ngày sinh", null=True, blank=True)
    cccd = models.CharField("Số CCCD", max_length=12, unique=True, validators=[validate_cccd])
    position = models.CharField("Chức vụ", max_length=150, blank=True)
    is_leader = models.BooleanField("Giữ chức vụ lãnh đạo, quản lý", default=False)
    is_direct_worker = models.BooleanField("Người lao động trực tiếp", default=False)
    hired_on = models.DateField("Ngày bắt đầu công tác", null=True, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị hiện tại", on_delete=models.PROTECT, related_name="people"
    )
    pending_review = models.BooleanField(
        "Đang xem xét (kỷ luật, thanh tra, khiếu nại)", default=False
    )
    pending_review_note = models.CharField("Lý do đang xem xét", max_length=255, blank=True)
    name_folded = models.CharField(max_length=150, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = "Cá nhân"
        verbose_name_plural = "Cá nhân"

    def __str__(self) -> str:
        return self.full_name

    def refresh_derived(self) -> None:
        self.full_name = normalize_name(self.full_name)
        self.name_folded = fold(self.full_name)
        self.sort_key = name_sort_key(self.full_name)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A person's time in a unit. The open row (``end`` is null) matches ``Person.unit``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField("Chức vụ", max_length=150, blank=True)
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = "Quá trình công tác"
        verbose_name_plural = "Quá trình công tác"
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(end__isnull=True),
                name="membership_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"

    @property
    def audit_unit_id(self):
        return self.unit_id
