"""Every write on accounts, roles and API tokens: checked, in one transaction, audited.

Audit snapshots of a user never include the password field (not even its hash); token
snapshots never include the token hash.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .enums import Capability, Role
from .models import ApiToken, RoleGrant, hash_token
from .permissions import can_on_unit, forget
from .selectors import can_manage_users, is_root_manager, manageable_users

USER_AUDIT_FIELDS = (
    "username",
    "full_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "failed_logins",
    "locked_until",
)
TOKEN_AUDIT_FIELDS = ("user", "name", "prefix", "last_used_at", "revoked_at")


class AccountsError(Exception):
    """A refused change on accounts, with a message the user can act on."""


def user_snapshot(user) -> dict:
    return audit.snapshot(user, USER_AUDIT_FIELDS)


def _audit_unit_id(user) -> int | None:
    """The unit an entry about ``user`` is filed under: their first role's unit in tree order."""
    grant = (
        RoleGrant.objects.filter(user=user)
        .order_by("unit__path")
        .values_list("unit_id", flat=True)
        .first()
    )
    return grant


def _require_manager(actor) -> None:
    if not can_manage_users(actor):
        raise AccountsError("Bạn không có quyền quản lý tài khoản.")


def _require_manageable(actor, user) -> None:
    _require_manager(actor)
    if not manageable_users(actor).filter(pk=user.pk).exists():
        raise AccountsError("Tài khoản này nằm ngoài phạm vi bạn được quản lý.")


def _require_unit_in_scope(actor, unit) -> None:
    if unit is None or not can_on_unit(actor, Capability.MANAGE_USERS, unit):
        raise AccountsError("Bạn chỉ được phân quyền trên các đơn vị thuộc phạm vi mình quản lý.")
    if unit.active_to is not None:
        raise AccountsError("Đơn vị đã ngừng hoạt động; hãy chọn đơn vị đang hoạt động.")


@transaction.atomic
def user_create(
    actor,
    *,
    username: str,
    full_name: str,
    password: str,
    email: str = "",
    role: str = "",
    unit=None,
):
    """Create an account with an initial password; a role is required unless the actor is root."""
    _require_manager(actor)
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountsError(f"Tên đăng nhập “{username}” đã được dùng; hãy chọn tên khác.")
    if not role and not is_root_manager(actor):
        raise AccountsError("Hãy chọn vai trò và đơn vị cho tài khoản mới.")
    if role:
        if role not in Role.values:
            raise AccountsError("Vai trò không hợp lệ.")
        _require_unit_in_scope(actor, unit)
    user = User(username=username, full_name=full_name.strip(), email=email.strip())
    validate_password(password, user)
    user.set_password(password)
    user.save()
    after = user_snapshot(user)
    audit.record(
        actor,
        AuditAction.CREATE,
        user,
        changes={k: [None, v] for k, v in after.items()},
        note="Tạo tài khoản",
        unit_id=unit.pk if role else None,
    )
    if role:
        _grant(actor, user, role=role, unit=unit)
    return user


@transaction.atomic
def user_update(actor, user, *, full_name: str, email: str = ""):
    _require_manageable(actor, user)
    before = user_snapshot(user)
    user.full_name = full_name.strip()
    user.email = email.strip()
    user.save()
    audit.record_update(actor, user, before, unit_id=_audit_unit_id(user))
    return user


@transaction.atomic
def user_deactivate(actor, user):
    _require_manageable(actor, user)
    if user.pk == actor.pk:
        raise AccountsError("Bạn không thể tự vô hiệu hóa tài khoản của chính mình.")
    if not user.is_active:
        raise AccountsError("Tài khoản đã bị vô hiệu hóa từ trước.")
    before = user_snapshot(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record_update(
        actor, user, before, note="Vô hiệu hóa tài khoản", unit_id=_audit_unit_id(user)
    )
    return user


@transaction.atomic
def user_reactivate(actor, user):
    _require_manageable(actor, user)
    if user.is_active:
        raise AccountsError("Tài khoản đang hoạt động.")
    before = user_snapshot(user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record_update(
        actor, user, before, note="Kích hoạt lại tài khoản", unit_id=_audit_unit_id(user)
    )
    return user


@transaction.atomic
def user_unlock(actor, user):
    """Clear a lockout after repeated failed logins (accounts.backends)."""
    _require_manageable(actor, user)
    if not user.locked_until and not user.failed_logins:
        raise AccountsError("Tài khoản không bị khóa.")
    before = user_snapshot(user)
    user.locked_until = None
    user.failed_logins = 0
    user.save(update_fields=["locked_until", "failed_logins"])
    audit.record_update(actor, user, before, note="Mở khóa đăng nhập", unit_id=_audit_unit_id(user))
    return user


@transaction.atomic
def role_grant(actor, user, *, role: str, unit) -> RoleGrant:
    _require_manageable(actor, user)
    return _grant(actor, user, role=role, unit=unit)


def _grant(actor, user, *, role: str, unit) -> RoleGrant:
    # Called directly only by user_create: a new account has no role yet, so it is not
    # "manageable" by a unit-scoped administrator until this first grant.
    if role not in Role.values:
        raise AccountsError("Vai trò không hợp lệ.")
    _require_unit_in_scope(actor, unit)
    if RoleGrant.objects.filter(user=user, role=role, unit=unit).exists():
        raise AccountsError(f"{user} đã có vai trò “{Role(role).label}” tại {unit}.")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            grant = RoleGrant.objects.create(user=user, role=role, unit=unit, granted_by=actor_obj)
    except IntegrityError as exc:
        raise AccountsError(f"{user} đã có vai trò “{Role(role).label}” tại {unit}.") from exc
    audit.record_create(actor, grant, note=f"Phân quyền cho {user.username}")
    forget(user)
    return grant


@transaction.atomic
def role_revoke(actor, grant: RoleGrant) -> None:
    user = grant.user
    _require_manageable(actor, user)
    if not can_on_unit(actor, Capability.MANAGE_USERS, grant.unit):
        raise AccountsError("Vai trò này nằm ngoài phạm vi bạn được quản lý.")
    if user.pk == actor.pk:
        raise AccountsError(
            "Bạn không thể tự thu hồi vai trò của chính mình; hãy nhờ quản trị cấp trên."
        )
    if (
        not is_root_manager(actor)
        and not RoleGrant.objects.filter(user=user).exclude(pk=grant.pk).exists()
    ):
        raise AccountsError(
            "Đây là vai trò cuối cùng của tài khoản; hãy phân vai trò mới trước, hoặc vô hiệu hóa tài khoản."
        )
    audit.record_delete(actor, grant, note=f"Thu hồi quyền của {user.username}")
    RoleGrant.objects.filter(pk=grant.pk).delete()
    forget(user)


@transaction.atomic
def token_create(user, *, name: str) -> tuple[ApiToken, str]:
    """A new personal token. Returns (row, raw value); only the SHA-256 of the raw value is stored."""
    name = name.strip()
    if not name:
        raise AccountsError("Hãy đặt tên gợi nhớ cho mã truy cập.")
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:12], token_hash=hash_token(raw)
    )
    after = audit.snapshot(token, TOKEN_AUDIT_FIELDS)
    audit.record(
        user,
        AuditAction.CREATE,
        token,
        changes={k: [None, v] for k, v in after.items()},
        note="Tạo mã truy cập API",
    )
    return token, raw


@transaction.atomic
def token_revoke(user, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk:
        raise AccountsError("Mã truy cập này không thuộc về bạn.")
    if token.revoked_at is not None:
        raise AccountsError("Mã truy cập đã bị thu hồi từ trước.")
    before = audit.snapshot(token, TOKEN_AUDIT_FIELDS)
    token.revoked_at = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at)
    audit.record_update(user, token, before, note="Thu hồi mã truy cập API")
    return token


SIGNING_FIELDS = ("sign_mode", "sign_position", "sign_head_title", "sign_collective")


@transaction.atomic
def signing_capacity_set(
    actor, grant: RoleGrant, *, mode: str, position: str, head_title: str = "", collective: str = ""
) -> RoleGrant:
    """Record how the holder of a signer grant signs; the signature block of every document
    they sign is derived from it (Nghị định 30/2020/NĐ-CP, Điều 13)."""
    from vinhdanh.documents.docx import SigningError, signature_lines

    grant = RoleGrant.objects.select_for_update().select_related("user", "unit").get(pk=grant.pk)
    _require_manageable(actor, grant.user)
    if not can_on_unit(actor, Capability.MANAGE_USERS, grant.unit):
        raise AccountsError("Vai trò này nằm ngoài phạm vi bạn được quản lý.")
    if grant.role != Role.SIGNER:
        raise AccountsError("Chỉ ghi chức vụ ký cho vai trò “Lãnh đạo, người ký”.")
    position, head_title, collective = (
        " ".join(v.split()).upper() for v in (position, head_title, collective)
    )
    try:
        signature_lines(mode, position, head_title, collective)
    except SigningError as exc:
        raise AccountsError(str(exc)) from exc
    before = audit.snapshot(grant, SIGNING_FIELDS)
    grant.sign_mode, grant.sign_position = mode, position
    grant.sign_head_title, grant.sign_collective = head_title, collective
    grant.save(update_fields=list(SIGNING_FIELDS))
    audit.record_update(actor, grant, before, note=f"Ghi chức vụ ký của {grant.user.username}")
    return grant


def signing_grant(user, unit) -> RoleGrant | None:
    """The signer grant through which ``user`` signs for ``unit``: a "Lãnh đạo, người ký"
    grant on the unit or an ancestor, with a recorded capacity (nearest unit first)."""
    if user is None or unit is None:
        return None
    ancestors = unit.ancestor_ids() or [unit.pk]
    grants = [
        g
        for g in RoleGrant.objects.filter(user=user, role=Role.SIGNER, unit_id__in=ancestors)
        .exclude(sign_position="")
        .exclude(sign_mode="")
        .select_related("unit")
    ]
    grants.sort(key=lambda g: -len(g.unit.path))
    return grants[0] if grants else None


def require_signing_grant(user, unit) -> RoleGrant:
    """As ``signing_grant``; refuses (AccountsError, in Vietnamese) when none is recorded."""
    grant = signing_grant(user, unit)
    if grant is None:
        name = getattr(user, "full_name", "") or getattr(user, "username", "")
        raise AccountsError(
            f"{name} chưa được ghi chức vụ ký tại {unit.name} nên không ký được văn bản: thẩm "
            "quyền, chức vụ người ký phải ghi đúng theo Nghị định 30/2020/NĐ-CP, Điều 13 và Phụ "
            "lục I, mục II.7. Quản trị tài khoản ghi chức vụ ký tại Quản lý tài khoản › Vai trò."
        )
    return grant
