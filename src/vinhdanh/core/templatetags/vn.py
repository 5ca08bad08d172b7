"""Template filters for Vietnamese display: money, dates, numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

register = template.Library()


def group_thousands(value: int) -> str:
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


@register.filter
def money(value) -> str:
    """2340000 → "2.340.000 đ"."""
    if value in (None, ""):
        return ""
    return f"{group_thousands(int(Decimal(value)))} đ"


@register.filter
def number(value) -> str:
    if value in (None, ""):
        return ""
    return group_thousands(int(value))


@register.filter
def vndate(value) -> str:
    """dd/mm/yyyy; datetimes are shown in local time with hours."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@register.filter
def percent(value) -> str:
    if value in (None, ""):
        return ""
    return f"{float(value) * 100:.0f}%".replace(".", ",")


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination and sorting)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
