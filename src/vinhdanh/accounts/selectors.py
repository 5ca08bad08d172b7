"""Reads for user management, scoped to the units where the caller may manage users.

A user is within an administrator's reach when they have at least one role and every one of
their roles lies on a unit inside the administrator's MANAGE_USERS scope; superusers (and the
rare root-scope administrator) reach everyone, including accounts without any role yet.
Superuser accounts are reachable only by superusers.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from vinhdanh.core.text import fold

from .enums import Capability
from .models import ApiToken, RoleGrant
from .permissions import path_q, scope_paths

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."


def can_manage_users(user) -> bool:
    return bool(scope_paths(user, Capability.MANAGE_USERS))


def is_root_manager(user) -> bool:
    return "" in scope_paths(user, Capability.MANAGE_USERS)


def manageable_users(manager) -> QuerySet:
    """Users the manager may see and change (see the module docstring)."""
    User = get_user_model()
    roots = scope_paths(manager, Capability.MANAGE_USERS)
    if not roots:
        return User.objects.none()
    qs = User.objects.all()
    if "" in roots:
        if not manager.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs
    inside = path_q(manager, Capability.MANAGE_USERS, "unit__path")
    return (
        qs.filter(is_superuser=False)
        .filter(pk__in=RoleGrant.objects.filter(inside).values("user_id"))
        .exclude(pk__in=RoleGrant.objects.exclude(inside).values("user_id"))
    )


def manageable_units(manager):
    """Open units on which the manager may grant roles, in tree order."""
    from vinhdanh.orgs.models import Unit

    return (
        Unit.objects.filter(path_q(manager, Capability.MANAGE_USERS, "path"))
        .filter(active_to__isnull=True)
        .order_by("path")
    )


def user_list(manager, *, q: str = "", role: str = "", unit=None) -> QuerySet:
    """Manageable users with their roles (and units) prefetched, ordered by username."""
    qs = manageable_users(manager)
    for term in fold(q).split():
        qs = qs.filter(name_folded__contains=term)
    if role:
        qs = qs.filter(pk__in=RoleGrant.objects.filter(role=role).values("user_id"))
    if unit is not None:
        qs = qs.filter(
            pk__in=RoleGrant.objects.filter(unit__path__startswith=unit.path).values("user_id")
        )
    grants = RoleGrant.objects.select_related("unit").order_by("unit__path", "role")
    return qs.prefetch_related(Prefetch("role_grants", queryset=grants)).order_by("username")


def get_manageable_user_or_404(manager, pk):
    try:
        return manageable_users(manager).get(pk=pk)
    except (get_user_model().DoesNotExist, ValueError) as exc:
        raise Http404(NOT_FOUND) from exc


def get_manageable_grant_or_404(manager, pk) -> RoleGrant:
    """A grant the manager may revoke: on a unit in scope, held by a user they manage."""
    qs = RoleGrant.objects.select_related("user", "unit").filter(
        path_q(manager, Capability.MANAGE_USERS, "unit__path"),
        user__in=manageable_users(manager),
    )
    try:
        return qs.get(pk=pk)
    except (RoleGrant.DoesNotExist, ValueError) as exc:
        raise Http404(NOT_FOUND) from exc


def tokens_for(user) -> QuerySet:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def get_own_token_or_404(user, pk) -> ApiToken:
    try:
        return tokens_for(user).get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError) as exc:
        raise Http404(NOT_FOUND) from exc


def grants_summary(user) -> list[dict]:
    """Roles of ``user`` as plain data (for /api/v1/me)."""
    rows = RoleGrant.objects.filter(user=user).select_related("unit").order_by("unit__path", "role")
    return [
        {
            "role": g.role,
            "role_label": g.get_role_display(),
            "unit_code": g.unit.code,
            "unit_name": g.unit.name,
        }
        for g in rows
    ]
