"""Reads of the number book: numbers in the user's scope and the issuers the user may number for."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability
from vinhdanh.accounts.permissions import path_q, scope_paths
from vinhdanh.core.models import DocumentNumber
from vinhdanh.orgs.models import Unit

from ..models import Bloc


@dataclass(frozen=True)
class Issuer:
    key: str
    abbreviation: str
    name: str
    unit: Unit
    bloc: Bloc | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})"


def unit_issuer_key(unit) -> str:
    return f"unit:{unit.pk}"


def _managed_blocs(user) -> QuerySet[Bloc]:
    """Blocs whose head (this year's) or owner lies in the user's MANAGE_EMULATION scope."""
    return Bloc.objects.filter(
        path_q(user, Capability.MANAGE_EMULATION, "head__path")
        | path_q(user, Capability.MANAGE_EMULATION, "owner__path")
    )


def book_bloc_keys(user) -> list[str]:
    """Issuer keys of the blocs whose numbers belong in the user's book."""
    rows = _managed_blocs(user).values_list("owner_id", "abbreviation").distinct()
    return sorted({f"bloc:{owner}:{abbr}" for owner, abbr in rows})


def numbers_visible(user) -> QuerySet[DocumentNumber]:
    if not scope_paths(user, Capability.MANAGE_EMULATION):
        return DocumentNumber.objects.none()
    cond = path_q(user, Capability.MANAGE_EMULATION, "unit__path")
    keys = book_bloc_keys(user)
    if keys:
        cond = Q(cond) | Q(issuer_key__in=keys)
    return DocumentNumber.objects.filter(cond)


def number_book(user, filters: dict) -> QuerySet[DocumentNumber]:
    qs = numbers_visible(user).select_related("reserved_by")
    if filters.get("issuer"):
        qs = qs.filter(issuer_key=filters["issuer"])
    if filters.get("doc_type"):
        qs = qs.filter(doc_type=filters["doc_type"])
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return qs.order_by("-year", "issuer_key", "doc_type", "-seq")


def issuer_choices(user) -> list[tuple[str, str]]:
    """Issuers appearing in the user's book, for the filter."""
    rows = (
        numbers_visible(user)
        .order_by("issuer_abbreviation", "issuer_key")
        .values_list("issuer_key", "issuer_abbreviation", "issuer_name")
        .distinct()
    )
    seen: dict[str, str] = {}
    for key, abbr, name in rows:
        seen.setdefault(key, f"{name} ({abbr})" if name else abbr)
    return sorted(seen.items(), key=lambda kv: kv[1])


def issuers_for(user) -> list[Issuer]:
    """Issuers the user may take numbers for: the units their officer/admin roles are granted
    on, and the blocs whose head unit (or owner) they manage."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_EMULATION in caps]
    if user.is_superuser:
        units = list(Unit.objects.filter(parent__isnull=True).order_by("sort_key", "pk"))
    else:
        units = list(
            Unit.objects.filter(
                role_grants__user=user, role_grants__role__in=roles, active_to__isnull=True
            )
            .distinct()
            .order_by("sort_key", "pk")
        )
    issuers = [
        Issuer(unit_issuer_key(u), u.abbreviation, u.name, u) for u in units if u.abbreviation
    ]
    for bloc in _managed_blocs(user).select_related("owner").order_by("-year", "name"):
        key = bloc.issuer_key
        if any(i.key == key for i in issuers):
            continue  # the same bloc of another year numbers in the same book
        issuers.append(Issuer(key, bloc.abbreviation, bloc.name, bloc.owner, bloc))
    return issuers


__all__ = ["Issuer", "issuers_for", "number_book", "numbers_visible"]
