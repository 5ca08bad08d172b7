"""Who may do what, where. A role granted on a unit covers that unit and its subtree.

Every scoped read goes through these helpers so that the UI and the API answer the same way:
objects outside the caller's scope are not found (404), never "forbidden".
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from .enums import ROLE_CAPABILITIES, Capability

_CACHE_ATTR = "_vinhdanh_grants"


def _grants(user) -> list[tuple[str, str]]:
    """(role, unit path) pairs for the user, loaded once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            user.role_grants.filter(unit__active_to__isnull=True).values_list("role", "unit__path")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def scope_paths(user, capability: str = Capability.VIEW) -> list[str]:
    """Root paths of the subtrees where ``user`` has ``capability``; [""] means everywhere."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return [""]
    paths = sorted(
        {path for role, path in _grants(user) if capability in ROLE_CAPABILITIES.get(role, ())}
    )
    # Drop paths already covered by an ancestor path so filters stay short.
    roots: list[str] = []
    for p in paths:
        if not any(p.startswith(r) for r in roots):
            roots.append(p)
    return roots


def has_capability(user, capability: str) -> bool:
    """True when the user has the capability on at least one unit."""
    return bool(scope_paths(user, capability))


def capabilities(user) -> set[str]:
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return {c.value for c in Capability}
    caps: set[str] = set()
    for role, _path in _grants(user):
        caps |= ROLE_CAPABILITIES.get(role, frozenset())
    return caps


def path_q(user, capability: str, path_field: str) -> Q:
    """A filter keeping rows whose unit path lies in the user's scope for the capability."""
    roots = scope_paths(user, capability)
    if "" in roots:
        return Q()
    if not roots:
        return Q(pk__in=[])
    cond = Q()
    for root in roots:
        cond |= Q(**{f"{path_field}__startswith": root})
    return cond


def scoped(
    qs: QuerySet, user, capability: str = Capability.VIEW, *, path_field: str = "unit__path"
) -> QuerySet:
    return qs.filter(path_q(user, capability, path_field))


def can_on_unit(user, capability: str, unit) -> bool:
    if unit is None:
        return False
    return any(unit.path.startswith(root) for root in scope_paths(user, capability))


def get_scoped_or_404(
    qs: QuerySet, user, capability: str = Capability.VIEW, *, path_field="unit__path", **lookup
):
    try:
        return scoped(qs, user, capability, path_field=path_field).get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.") from exc


def require_on_unit(user, capability: str, unit) -> None:
    if not can_on_unit(user, capability, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def is_national_admin(user) -> bool:
    """The national administrator: a superuser, or the admin role granted on a root unit (one
    with no parent). Only they change what binds every unit: the catalogue's codes, reward
    multiples, base salaries and vote thresholds (the law in force)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from .enums import Role

    # A root unit's path is one segment ("0000000001."), see orgs.models.Unit.save.
    return any(role == Role.ADMIN and path.count(".") == 1 for role, path in _grants(user))
