"""Reads of the council app (set-based)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import get_scoped_or_404, scoped

from .models import Council, CouncilMember


def councils_for(user, capability: str = Capability.VIEW) -> QuerySet:
    return scoped(Council.objects.select_related("unit"), user, capability)


def council_or_404(user, pk: int, capability: str = Capability.VIEW) -> Council:
    return get_scoped_or_404(Council.objects.select_related("unit"), user, capability, pk=pk)


def council_list(user) -> QuerySet:
    today = dt.date.today()
    current = Q(members__term_start__lte=today) & (
        Q(members__term_end__isnull=True) | Q(members__term_end__gte=today)
    )
    return (
        councils_for(user)
        .annotate(member_count=Count("members", filter=current, distinct=True))
        .order_by("unit__sort_key", "name", "pk")
    )


def members_on(council: Council, day: dt.date) -> QuerySet:
    """Members whose term covers ``day`` — the "all members" of a meeting held that day."""
    return (
        CouncilMember.objects.filter(council=council, term_start__lte=day)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .select_related("user")
        .order_by("role", "full_name", "pk")
    )


def all_members(council: Council) -> QuerySet:
    return (
        CouncilMember.objects.filter(council=council)
        .select_related("user")
        .order_by("-term_start", "role", "full_name", "pk")
    )


def meetings_of(council: Council) -> QuerySet:
    from .models import CouncilMeeting

    return (
        CouncilMeeting.objects.filter(council=council)
        .select_related("minutes_number")
        .order_by("-date", "-pk")
    )
