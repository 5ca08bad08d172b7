"""What every list screen shares: sorting by whitelisted columns, pagination, export."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import QuerySet

PAGE_SIZE = 50


@dataclass
class Column:
    key: str
    label: str
    order_by: tuple[str, ...] | None = None


def apply_sort(qs: QuerySet, request, columns: list[Column], default: str) -> tuple[QuerySet, str]:
    """Sort by ``?sort=key`` or ``?sort=-key`` when the key is sortable; else the default."""
    requested = request.GET.get("sort") or default
    key = requested.lstrip("-")
    desc = requested.startswith("-")
    for col in columns:
        if col.key == key and col.order_by:
            fields = [f"-{f}" if desc else f for f in col.order_by]
            return qs.order_by(*fields, "-pk" if desc else "pk"), requested
    return qs, default


def paginate(qs, request, per_page: int = PAGE_SIZE):
    paginator = Paginator(qs, per_page)
    return paginator.get_page(request.GET.get("page"))
