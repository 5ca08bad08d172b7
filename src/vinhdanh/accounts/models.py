from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from vinhdanh.core.text import fold

from .enums import Role, SigningMode


class User(AbstractUser):
    full_name = models.CharField("Họ và tên", max_length=150, blank=True)
    failed_logins = models.PositiveSmallIntegerField("Số lần đăng nhập sai liên tiếp", default=0)
    locked_until = models.DateTimeField("Khóa đến", null=True, blank=True)
    # Accent-free "full name + username" for search with a plain LIKE (see core.text.fold).
    name_folded = models.CharField(max_length=320, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = "Tài khoản"
        verbose_name_plural = "Tài khoản"

    def __str__(self) -> str:
        return self.full_name or self.username

    def refresh_derived(self) -> None:
        self.name_folded = fold(f"{self.full_name} {self.username}")

    def save(self, *args, **kwargs):
        self.refresh_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "username"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_folded"}
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        from django.utils import timezone

        return bool(self.locked_until and self.locked_until > timezone.now())


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="Đơn vị", on_delete=models.CASCADE, related_name="role_grants"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Signing capacity (vai trò "Lãnh đạo, người ký"): the signature block is derived from it,
    # never typed (NĐ 30/2020/NĐ-CP, Điều 13). Empty sign_position: this grant cannot sign.
    sign_mode = models.CharField("Cách ký", max_length=10, choices=SigningMode.choices, blank=True)
    sign_position = models.CharField(
        "Chức vụ của người ký", max_length=120, blank=True, help_text="Ví dụ: PHÓ CHỦ TỊCH"
    )
    sign_head_title = models.CharField(
        "Chức vụ người đứng đầu (ký thay, thừa lệnh, ủy quyền)",
        max_length=120,
        blank=True,
        help_text="Ví dụ: CHỦ TỊCH — dòng “KT. CHỦ TỊCH”",
    )
    sign_collective = models.CharField(
        "Tập thể (ký thay mặt)",
        max_length=200,
        blank=True,
        help_text="Ví dụ: ỦY BAN NHÂN DÂN — dòng “TM. ỦY BAN NHÂN DÂN”",
    )

    class Meta:
        verbose_name = "Phân quyền"
        verbose_name_plural = "Phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_grant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

    @property
    def audit_unit_id(self):
        return self.unit_id

    @property
    def can_sign(self) -> bool:
        return bool(self.role == Role.SIGNER and self.sign_mode and self.sign_position)

    def signature_lines(self) -> list[str]:
        """The 7a lines of this signer's block ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH")."""
        from vinhdanh.documents.docx import signature_lines

        return signature_lines(
            self.sign_mode, self.sign_position, self.sign_head_title, self.sign_collective
        )


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the raw value is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("Tên gợi nhớ", max_length=100)
    prefix = models.CharField(max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Mã truy cập API"
        verbose_name_plural = "Mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def new_raw(cls) -> str:
        return "vd_" + secrets.token_urlsafe(32)
