"""Reusable reads of units and people, always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Concat

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import path_q, scope_paths, scoped
from vinhdanh.core.text import search_terms

from .models import Membership, Person, Unit


def units_visible(user, capability: str = Capability.VIEW):
    return Unit.objects.filter(path_q(user, capability, "path"))


def people_visible(user, capability: str = Capability.VIEW):
    return scoped(Person.objects.all(), user, capability, path_field="unit__path")


DASHBOARD_CACHE_SECONDS = 300


def dashboard_counts(user) -> dict[str, int]:
    """Headline counts for the home page, cached per scope for a few minutes.

    Counting a province's million register rows on every visit of the home page would cost
    more than the page itself; the figures are a summary, not a ledger.
    """
    import hashlib

    from django.core.cache import cache

    from vinhdanh.registry.models import HonourRecord

    roots = scope_paths(user, Capability.VIEW)
    key = "dashboard:" + hashlib.sha256("|".join(roots).encode()).hexdigest()[:32]
    cached = cache.get(key)
    if cached is not None:
        return cached
    units = units_visible(user)
    if "" in roots:
        people = Person.objects.all()
        honours = HonourRecord.objects.all()
    else:
        unit_ids = list(units.values_list("pk", flat=True))
        people = Person.objects.filter(unit_id__in=unit_ids)
        honours = HonourRecord.objects.filter(
            Q(person__unit_id__in=unit_ids) | Q(unit_id__in=unit_ids)
        )
    counts = {
        "units": units.count(),
        "people": people.count(),
        "honours": honours.count(),
        "pending": people.filter(pending_review=True).count()
        + units.filter(pending_review=True).count(),
    }
    cache.set(key, counts, DASHBOARD_CACHE_SECONDS)
    return counts


# Units -------------------------------------------------------------------------------------


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)
    matched: bool = True

    @property
    def open_children(self) -> int:
        return sum(1 for c in self.children if c.unit.active_to is None)


def unit_search(qs: QuerySet, query: str | None) -> QuerySet:
    for term in search_terms(query):
        qs = qs.filter(name_folded__contains=term)
    return qs


def unit_tree(user, *, q: str | None = None, include_closed: bool = True) -> list[TreeNode]:
    """The units the user may see as a forest, siblings in Vietnamese order; one query.

    With ``q``, only matching units and their visible ancestors are kept.
    """
    qs = (
        units_visible(user)
        .annotate(people_count=Count("people"))
        .order_by("depth", "sort_key", "pk")
    )
    if not include_closed:
        qs = qs.filter(active_to__isnull=True)
    units = list(qs)
    terms = search_terms(q)
    nodes = {u.pk: TreeNode(u, matched=all(t in u.name_folded for t in terms)) for u in units}
    roots: list[TreeNode] = []
    for u in units:  # parents come first: ordered by depth
        parent = nodes.get(u.parent_id)
        (parent.children if parent else roots).append(nodes[u.pk])
    if terms:
        roots = _prune(roots)
    return roots


def _prune(nodes: list[TreeNode]) -> list[TreeNode]:
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.matched or node.children:
            kept.append(node)
    return kept


def units_for_export(user):
    return (
        units_visible(user)
        .select_related("parent")
        .annotate(people_count=Count("people"))
        .order_by("path")
    )


def unit_choices(
    user, capability: str = Capability.EDIT_ORGS, *, exclude_subtree_of: Unit | None = None
):
    """Active units the user may act on, in tree order, for select boxes."""
    qs = units_visible(user, capability).filter(active_to__isnull=True).order_by("path")
    if exclude_subtree_of is not None:
        qs = qs.exclude(path__startswith=exclude_subtree_of.path)
    return qs


def resolve_unit(user, ref: str | int | None, capability: str = Capability.VIEW) -> Unit | None:
    """A unit visible to the user by id or by code (the API and filters accept both)."""
    if ref in (None, ""):
        return None
    ref = str(ref).strip()
    qs = units_visible(user, capability)
    lookup = Q(code__iexact=ref)
    if ref.isdigit():
        lookup |= Q(pk=int(ref))
    return qs.filter(lookup).order_by("pk").first()


# People ------------------------------------------------------------------------------------


@dataclass
class PeopleFilter:
    q: str = ""
    unit: Unit | None = None
    subtree: bool = True
    gender: str = ""
    is_leader: bool | None = None
    is_direct_worker: bool | None = None
    pending_review: bool | None = None
    active_unit: bool | None = None
    unit_missing: bool = False  # a unit was asked for but is unknown or outside the scope


def people_list(user, f: PeopleFilter | None = None) -> QuerySet:
    """People the user may see, filtered; rows carry their unit (select_related).

    The scope and the unit filters are first resolved to unit ids (one small query) so that
    the count and the page are plain ``unit_id IN (...)`` on the person table, without a join
    over every person. With a search, ``name_order`` sorts by an expression so that
    PostgreSQL takes the trigram index and sorts the few matches, instead of walking the
    whole ``sort_key`` index and filtering (50 ms → 10 ms on 100,000 people).
    """
    f = f or PeopleFilter()
    name_order = Concat("sort_key", Value("")) if search_terms(f.q) else F("sort_key")
    qs = Person.objects.select_related("unit").search(f.q).alias(name_order=name_order)
    if f.unit_missing:
        return qs.none()
    if (
        f.unit is not None
        or f.active_unit is not None
        or "" not in scope_paths(user, Capability.VIEW)
    ):
        units = units_visible(user)
        if f.unit is not None:
            units = (
                units.filter(path__startswith=f.unit.path)
                if f.subtree
                else units.filter(pk=f.unit.pk)
            )
        if f.active_unit is not None:
            units = units.filter(active_to__isnull=f.active_unit)
        if search_terms(f.q):
            # A search finds its few matches through the trigram index first; the scope is
            # then a semi-join on the unit key, which saves reading the ids beforehand (a
            # round trip) and planning a list of hundreds of literals.
            qs = qs.filter(unit_id__in=units.order_by().values("pk"))
        else:
            qs = qs.filter(unit_id__in=list(units.order_by().values_list("pk", flat=True)))
    if f.gender:
        qs = qs.filter(gender=f.gender)
    for name in ("is_leader", "is_direct_worker", "pending_review"):
        value = getattr(f, name)
        if value is not None:
            qs = qs.filter(**{name: value})
    return qs.order_by("name_order", "pk")


def memberships_of(person: Person):
    return Membership.objects.filter(person=person).select_related("unit").order_by("-start", "-pk")
