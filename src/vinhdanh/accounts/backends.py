"""Authentication with lockout after repeated failures (settings.LOGIN_MAX_FAILURES)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class AccountLocked(Exception):
    def __init__(self, until):
        self.until = until
        super().__init__(
            f"Tài khoản tạm khóa đến {timezone.localtime(until):%H:%M %d/%m/%Y} do đăng nhập "
            f"sai {settings.LOGIN_MAX_FAILURES} lần liên tiếp. Hãy thử lại sau thời điểm đó, "
            "dùng “Quên mật khẩu?” hoặc đề nghị quản trị hệ thống mở khóa."
        )


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            User().set_password(
                password
            )  # same cost as a real check: no user enumeration by timing
            return None
        now = timezone.now()
        if user.locked_until and user.locked_until > now:
            raise AccountLocked(user.locked_until)
        if user.check_password(password) and self.user_can_authenticate(user):
            if user.failed_logins or user.locked_until:
                User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
                user.failed_logins, user.locked_until = 0, None
            return user
        register_failure(user, now)
        return None


def register_failure(user, now=None) -> None:
    """Count a failed sign-in step (password or second factor); lock after the maximum."""
    User = get_user_model()
    now = now or timezone.now()
    failures = user.failed_logins + 1
    locked_until = None
    if failures >= settings.LOGIN_MAX_FAILURES:
        locked_until = now + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        failures = 0
    User.objects.filter(pk=user.pk).update(failed_logins=failures, locked_until=locked_until)
    user.failed_logins, user.locked_until = failures, locked_until
    if locked_until:
        from vinhdanh.core import audit
        from vinhdanh.core.models import AuditAction

        audit.record(
            None,
            AuditAction.SECURITY,
            user,
            note=f"Khóa tài khoản sau {settings.LOGIN_MAX_FAILURES} lần đăng nhập sai",
        )
