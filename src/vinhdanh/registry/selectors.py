"""Reads of the register: a subject's timeline and the scoped register search.

Both are set-based: the timeline is one query per register table, the search is one UNION
query per page (plus its count), whatever the number of rows.
"""

from __future__ import annotations

from itertools import groupby

from django.db.models import CharField, DateField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import path_q
from vinhdanh.core.text import search_terms

from .models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord

ENTRY_KINDS = [
    ("rating", "Xếp loại"),
    ("honour", "Danh hiệu, hình thức"),
    ("initiative", "Sáng kiến, đề tài"),
    ("discipline", "Kỷ luật"),
]
ENTRY_KIND_LABELS = dict(ENTRY_KINDS)


def _subject_filter(qs: QuerySet, *, person=None, unit=None) -> QuerySet:
    return qs.filter(person=person) if person is not None else qs.filter(unit=unit)


def timeline_for(*, person=None, unit=None) -> list[tuple[int, list[dict]]]:
    """Everything in the register for one subject, newest first, grouped by achievement year.

    Four queries (one per register table) whatever the number of entries.
    """
    items: list[dict] = []
    for r in _subject_filter(
        RatingRecord.objects.select_related("rating"), person=person, unit=unit
    ):
        items.append({"kind": "rating", "year": r.year, "date": None, "obj": r, "order": 3})
    for r in _subject_filter(
        HonourRecord.objects.select_related("honour"), person=person, unit=unit
    ):
        items.append(
            {
                "kind": "honour",
                "year": r.achievement_year,
                "date": r.decision_date,
                "obj": r,
                "order": 0,
            }
        )
    for r in _subject_filter(
        InitiativeRecord.objects.select_related("kind", "scope"), person=person, unit=unit
    ):
        items.append(
            {"kind": "initiative", "year": r.year, "date": r.document_date, "obj": r, "order": 1}
        )
    for r in _subject_filter(
        DisciplineRecord.objects.select_related("form"), person=person, unit=unit
    ):
        items.append(
            {"kind": "discipline", "year": r.start.year, "date": r.start, "obj": r, "order": 2}
        )
    for item in items:
        item["kind_label"] = ENTRY_KIND_LABELS[item["kind"]]
    # Newest year first; inside a year: honours, initiatives, discipline, then the rating;
    # newer documents before older ones.
    items.sort(
        key=lambda i: (
            -i["year"],
            i["order"],
            -(i["date"].toordinal() if i["date"] else 0),
            -i["obj"].pk,
        )
    )
    return [(year, list(group)) for year, group in groupby(items, key=lambda i: i["year"])]


def _scope_q(user) -> Q:
    return path_q(user, Capability.VIEW, "person__unit__path") | path_q(
        user, Capability.VIEW, "unit__path"
    )


_CHAR = CharField()
_DATE = DateField()

# Per table: (queryset, code field, code name, year expr, document, date, detail)
_PARTS = {
    "rating": (RatingRecord, "rating_id", "rating__name", F("year"), Value("", output_field=_CHAR), Value(None, output_field=_DATE), Value("", output_field=_CHAR), "year"),
    "honour": (HonourRecord, "honour_id", "honour__name", F("achievement_year"), F("decision_number"), F("decision_date"), F("issuer"), "achievement_year"),
    "initiative": (InitiativeRecord, "kind_id", "kind__name", F("year"), F("document"), F("document_date"), F("title"), "year"),
    "discipline": (DisciplineRecord, "form_id", "form__name", ExtractYear("start"), F("decision"), F("start"), Value("", output_field=_CHAR), "start__year"),
}  # fmt: skip

COLUMNS = (
    "e_kind",
    "e_id",
    "s_person",
    "s_unit",
    "s_name",
    "s_sort",
    "o_name",
    "e_code",
    "e_code_name",
    "e_year",
    "e_doc",
    "e_date",
    "e_detail",
)


def _part(kind: str, user, f: dict) -> QuerySet:
    model, code_field, code_name, year_expr, doc, date, detail, year_field = _PARTS[kind]
    qs = model.objects.filter(_scope_q(user))
    if f.get("code"):
        qs = qs.filter(**{code_field: f["code"]})
    if f.get("year_from"):
        qs = qs.filter(**{f"{year_field}__gte": f["year_from"]})
    if f.get("year_to"):
        qs = qs.filter(**{f"{year_field}__lte": f["year_to"]})
    if f.get("unit_path"):
        qs = qs.filter(
            Q(person__unit__path__startswith=f["unit_path"])
            | Q(unit__path__startswith=f["unit_path"])
        )
    if f.get("subject") == "individual":
        qs = qs.filter(person__isnull=False)
    elif f.get("subject") == "collective":
        qs = qs.filter(unit__isnull=False)
    for term in search_terms(f.get("q")):
        qs = qs.filter(Q(person__name_folded__contains=term) | Q(unit__name_folded__contains=term))
    # Every column is an annotation, added in the same order in every part, so the UNION lines up.
    return (
        qs.order_by()
        .annotate(
            e_kind=Value(kind, output_field=_CHAR),
            e_id=F("pk"),
            s_person=F("person_id"),
            s_unit=F("unit_id"),
            s_name=Coalesce(F("person__full_name"), F("unit__name"), output_field=_CHAR),
            s_sort=Coalesce(F("person__sort_key"), F("unit__sort_key"), output_field=_CHAR),
            o_name=Coalesce(F("person__unit__name"), F("unit__name"), output_field=_CHAR),
            e_code=F(code_field),
            e_code_name=F(code_name),
            e_year=year_expr,
            e_doc=doc,
            e_date=date,
            e_detail=detail,
        )
        .values(*COLUMNS)
    )


def register_rows(user, filters: dict) -> QuerySet:
    """Register rows in the user's view scope matching ``filters``, as dicts (one query)."""
    kinds = [filters["kind"]] if filters.get("kind") in _PARTS else list(_PARTS)
    parts = [_part(k, user, filters) for k in kinds]
    if len(parts) == 1:
        return parts[0]
    return parts[0].union(*parts[1:], all=True)
