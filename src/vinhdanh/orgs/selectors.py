"""Reusable reads of units and people, always scoped to what the user may see."""

from __future__ import annotations

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import path_q, scoped

from .models import Person, Unit


def units_visible(user, capability: str = Capability.VIEW):
    return Unit.objects.filter(path_q(user, capability, "path"))


def people_visible(user, capability: str = Capability.VIEW):
    return scoped(Person.objects.all(), user, capability, path_field="unit__path")


def dashboard_counts(user) -> dict[str, int]:
    from vinhdanh.registry.models import HonourRecord

    units = units_visible(user)
    people = people_visible(user)
    honours = HonourRecord.objects.filter(
        path_q(user, Capability.VIEW, "person__unit__path") | path_q(user, Capability.VIEW, "unit__path")
    )
    return {
        "units": units.count(),
        "people": people.count(),
        "honours": honours.count(),
        "pending": people.filter(pending_review=True).count() + units.filter(pending_review=True).count(),
    }
