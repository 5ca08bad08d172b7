"""GET /api/v1/me: who the caller is, their roles and what they may do."""

from __future__ import annotations

from ninja import Router, Schema

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import capabilities
from vinhdanh.accounts.selectors import grants_summary

router = Router(tags=["Tài khoản"])


class RoleOut(Schema):
    role: str
    role_label: str
    unit_code: str
    unit_name: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_superuser: bool
    roles: list[RoleOut]
    capabilities: list[str]


@router.get("", response=MeOut, summary="Tài khoản đang gọi API", url_name="me")
def me(request):
    user = request.auth
    caps = capabilities(user)
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_superuser": user.is_superuser,
        "roles": grants_summary(user),
        # In the enum's order, so clients get a stable list.
        "capabilities": [c.value for c in Capability if c.value in caps],
    }
