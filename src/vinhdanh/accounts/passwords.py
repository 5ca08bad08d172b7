"""Password reset: by e-mail (the user asks, or an administrator sends the link) and by an
administrator's temporary password. Mail goes through EMAIL_BACKEND (console by default)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

SUBJECT = "[VinhDanh] Đặt lại mật khẩu"
# No 0/O, 1/l/I: read aloud or copied by hand without mistakes.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def reset_url(user, *, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    return base_url.rstrip("/") + path


def send_reset_link(user, *, base_url: str, by_admin: bool = False) -> None:
    context = {
        "user": user,
        "url": reset_url(user, base_url=base_url),
        "by_admin": by_admin,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    body = render_to_string("accounts/email/password_reset.txt", context)
    send_mail(SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def temporary_password() -> str:
    """14 characters with letters of both cases and digits (passes the validators)."""
    while True:
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(14))
        if any(c.isdigit() for c in raw) and any(c.isupper() for c in raw):
            return raw
