"""API authentication: a personal bearer token, or a browser session (with CSRF on writes).

Order matters: the token is tried first, so programs never need a CSRF token; a request
without a token falls back to the session, and the session path enforces Django's CSRF check
on unsafe methods (Ninja's SessionAuth with csrf=True). A request carrying neither answers
401, not 403.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from vinhdanh.accounts.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vd_...``; revoked, unknown or deactivated-owner tokens fail."""

    def authenticate(self, request, token):
        if not token or not token.startswith("vd_"):
            return None
        row = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


class ActiveSessionAuth(SessionAuth):
    """The signed-in browser session; CSRF is checked only when a session cookie is present."""

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request):
        if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if key is None:
            return None
        user = super().authenticate(request, key)
        if user is not None and user.is_active:
            return user
        return None


api_auth = [TokenAuth(), ActiveSessionAuth()]
