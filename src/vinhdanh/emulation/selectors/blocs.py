"""Reads of blocs: the scoped list and a bloc's members and documents."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from vinhdanh.core.text import fold

from ..models import Bloc
from ..permissions import blocs_visible


def bloc_list(user, filters: dict) -> QuerySet[Bloc]:
    qs = blocs_visible(user).select_related("owner", "head", "deputy")
    for term in fold(filters.get("q") or "").split():
        qs = qs.filter(name_folded__contains=term)
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("owner"):
        qs = qs.filter(owner=filters["owner"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    return qs.annotate(member_count=Count("members", distinct=True)).order_by(
        "-year", "owner__sort_key", "name", "pk"
    )


def bloc_members(bloc: Bloc) -> list:
    return list(bloc.members.select_related("unit").order_by("rotation_order", "id"))


def bloc_documents(bloc: Bloc) -> list:
    return list(
        bloc.documents.select_related("number", "file", "created_by").order_by("doc_date", "id")
    )
