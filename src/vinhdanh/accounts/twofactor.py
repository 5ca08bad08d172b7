"""Two-factor sign-in (TOTP, django-otp) and one-time recovery codes.

Who must use it: superusers and every account holding a role in settings.TWO_FACTOR_ROLES
(administrators and signers). With settings.DEMO on (``make run``), the demo accounts of
``manage.py demo_data`` may sign in without it. An account that has enrolled is always asked
for a code, required or not.

Recovery codes: ten per enrolment, 16 random base-32 characters shown once as XXXX-XXXX-XXXX-XXXX;
only a SHA-256 prefix is kept (django-otp's StaticToken, 16 characters), and a code is deleted
when used. A wrong code counts as a failed login (the same lockout as passwords).
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .models import RoleGrant

TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã khôi phục"
RECOVERY_COUNT = 10
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def demo_usernames() -> set[str]:
    from vinhdanh.demo import emulation, scenario

    return {a[0] for a in scenario.ACCOUNTS + emulation.ACCOUNTS}


def is_required(user) -> bool:
    """Administrators, signers and superusers must sign in with a second factor."""
    if getattr(settings, "DEMO", False) and user.get_username() in demo_usernames():
        return False
    if user.is_superuser:
        return True
    roles = getattr(settings, "TWO_FACTOR_ROLES", ())
    return RoleGrant.objects.filter(user=user, role__in=roles).exists()


def totp_device(user, *, confirmed: bool | None = True) -> TOTPDevice | None:
    qs = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        qs = qs.filter(confirmed=confirmed)
    return qs.order_by("-pk").first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user, kept until confirmed)."""
    device = totp_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def secret_b32(device: TOTPDevice) -> str:
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()[:16]


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_B32) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; the raw codes are returned once, never stored."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=_digest(c)) for c in codes])
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


@transaction.atomic
def confirm_enrolment(user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm a pending device with a code from the app; returns the new recovery codes."""
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(_normalise(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    audit.record(user, AuditAction.SECURITY, user, note="Bật xác thực hai bước (TOTP)")
    return codes


@transaction.atomic
def verify(user, code: str):
    """The device that accepts ``code`` (a TOTP code or an unused recovery code), else None.

    A recovery code is deleted as it is used."""
    code = _normalise(code)
    if code.isdigit() and len(code) == 6:
        device = totp_device(user)
        if device is not None and device.verify_token(code):
            return device
        return None
    if len(code) == 16:
        token = (
            StaticToken.objects.select_for_update()
            .filter(device__user=user, device__name=RECOVERY_NAME, token=_digest(code))
            .select_related("device")
            .first()
        )
        if token is not None:
            device = token.device
            token.delete()
            left = remaining_recovery_codes(user)
            audit.record(
                user,
                AuditAction.SECURITY,
                user,
                note=f"Đăng nhập bằng mã khôi phục (còn {left} mã)",
            )
            return device
    return None


@transaction.atomic
def reset(actor, user) -> None:
    """An administrator removes a user's second factor (lost phone): they enrol again at the
    next sign-in. Permission: the same as other account changes."""
    from .services import _audit_unit_id, _require_manageable

    _require_manageable(actor, user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(
        actor,
        AuditAction.SECURITY,
        user,
        note="Quản trị đặt lại xác thực hai bước",
        unit_id=_audit_unit_id(user),
    )
