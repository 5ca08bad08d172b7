"""What every list screen shares: sorting by whitelisted columns, pagination, export."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

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


def paginate(qs, request, per_page: int | None = None):
    paginator = Paginator(qs, per_page or PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


# Keyset pagination -------------------------------------------------------------------------
#
# OFFSET n makes the database walk and throw away n rows: page 400 of a 20,000-row list costs
# eight times page 50. Beyond the first KEYSET_AFTER_PAGE pages (kept with their numbers, which
# people cite: "trang 3"), long lists continue from the last row seen: ``?after=<id>`` asks for
# the rows after that row in the list's order (sort key, then id), ``?before=<id>`` for those
# before it, ``?last=1`` for the end. Each is ``WHERE (key, id) > (k, i) ORDER BY key, id
# LIMIT n+1`` on the key's index: the same cost on every page.

KEYSET_AFTER_PAGE = 10


class KeysetPage:
    """A page found from a row (not a number); iterable like Django's Page."""

    keyset = True

    def __init__(self, rows, *, paginator, has_next: bool, has_previous: bool):
        self.object_list = rows
        self.paginator = paginator
        self._has_next = has_next
        self._has_previous = has_previous
        self.first_pk = rows[0].pk if rows else None
        self.last_pk = rows[-1].pk if rows else None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self._has_previous

    def has_other_pages(self):
        return self._has_next or self._has_previous


def _positive_int(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 2**62 else None


def keyset_paginate(qs, request, key: str, per_page: int | None = None):
    """The page asked for of ``qs``, which must be ordered by ``key`` then ``pk`` ascending.

    Numbered pages up to KEYSET_AFTER_PAGE come from ``paginate`` (their ``keyset_next``
    attribute tells the template to continue with ``after=`` from the last one); ``after``,
    ``before`` and ``last`` give a ``KeysetPage``. An ``after``/``before`` row that is not in
    the list (deleted, filtered out, out of scope) falls back to the first page."""
    per_page = per_page or PAGE_SIZE
    paginator = Paginator(qs, per_page)
    after = _positive_int(request.GET.get("after"))
    before = _positive_int(request.GET.get("before"))
    if request.GET.get("last") == "1":
        rows = list(qs.order_by(f"-{key}", "-pk")[: per_page + 1])
        has_previous = len(rows) > per_page
        rows = rows[:per_page][::-1]
        return KeysetPage(rows, paginator=paginator, has_next=False, has_previous=has_previous)
    anchor_pk = after or before
    if anchor_pk:
        anchor = qs.filter(pk=anchor_pk).values_list(key, flat=True).first()
        if anchor is not None:
            if after:
                window = qs.filter(
                    Q(**{f"{key}__gte": anchor})
                    & (Q(**{f"{key}__gt": anchor}) | Q(pk__gt=anchor_pk))
                )
                rows = list(window[: per_page + 1])
                has_next = len(rows) > per_page
                return KeysetPage(
                    rows[:per_page], paginator=paginator, has_next=has_next, has_previous=True
                )
            window = qs.filter(
                Q(**{f"{key}__lte": anchor}) & (Q(**{f"{key}__lt": anchor}) | Q(pk__lt=anchor_pk))
            ).order_by(f"-{key}", "-pk")
            rows = list(window[: per_page + 1])
            has_previous = len(rows) > per_page
            return KeysetPage(
                rows[:per_page][::-1], paginator=paginator, has_next=True, has_previous=has_previous
            )
        page = paginator.get_page(1)
    else:
        page = paginator.get_page(request.GET.get("page"))
    page.keyset = False
    page.keyset_next = page.number >= KEYSET_AFTER_PAGE and page.has_next()
    page.keyset_last = paginator.num_pages > KEYSET_AFTER_PAGE
    page.last_pk = page.object_list[len(page.object_list) - 1].pk if page.object_list else None
    return page
