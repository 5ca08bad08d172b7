"""Screens for people: list with search and filters, create, edit, transfer, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, get_scoped_or_404, has_capability
from vinhdanh.core.exports import unit_label, xlsx_response
from vinhdanh.core.listing import PAGE_SIZE, Column, apply_sort, keyset_paginate, paginate
from vinhdanh.core.text import search_terms

from . import selectors, services
from .enums import Gender
from .forms import PersonForm, PersonMoveForm
from .models import Person
from .services import OrgsError
from .views import apply_error, require_edit_somewhere, require_view

PERSON_COLUMNS = [
    Column("name", "Họ và tên", ("name_order",)),
    Column("dob", "Ngày sinh", ("date_of_birth",)),
    Column("position", "Chức vụ", None),
    Column("unit", "Đơn vị", ("unit__sort_key",)),
    Column("hired_on", "Ngày bắt đầu công tác", ("hired_on",)),
]
FLAG_FILTERS = {
    "leader": "is_leader",
    "direct": "is_direct_worker",
    "pending": "pending_review",
    "active": "active_unit",
}


def _flag(value: str | None) -> bool | None:
    return {"1": True, "0": False}.get(value or "")


def people_filter_from(request) -> selectors.PeopleFilter:
    g = request.GET
    f = selectors.PeopleFilter(q=g.get("q", "").strip(), subtree=g.get("subtree", "1") != "0")
    unit_ref = g.get("unit", "").strip()
    if unit_ref:
        f.unit = selectors.resolve_unit(request.user, unit_ref)
        f.unit_missing = f.unit is None  # unknown or outside scope: show nothing, not everything
    if g.get("gender") in Gender.values:
        f.gender = g["gender"]
    for param, attr in FLAG_FILTERS.items():
        setattr(f, attr, _flag(g.get(param)))
    return f


def unit_options(user, selected) -> str:
    """The unit filter's <option>s, indented by depth; built here because a template loop
    over a few hundred units costs more than the whole people query."""
    rows = (
        selectors.units_visible(user)
        .order_by("path")
        .values_list("pk", "name", "depth", "active_to")
    )
    selected_pk = getattr(selected, "pk", None)
    # The same HTML format_html_join would give, with only the names escaped (the other
    # parts are numbers and fixed text): a few hundred options in a couple of milliseconds.
    return mark_safe(  # noqa: S308 - every value from the database goes through escape()
        "".join(
            f'<option value="{pk}"{" selected" if pk == selected_pk else ""}>'
            f"{'— ' * depth}{escape(name)}{' (đã ngừng)' if closed else ''}</option>"
            for pk, name, depth, closed in rows
        )
    )


def _search_page(qs, request):
    """A search's page and its total from one query (``COUNT(*) OVER ()``): the trigram
    index scan that finds the matches, most of a search's database time, runs once instead
    of twice (count, then page). The matches are sorted anyway, so the window costs nothing
    more. Anything unusual (no match, a page past the end, an odd page number) takes the
    usual ``paginate`` path, which handles it the same way as every list."""
    raw = request.GET.get("page") or "1"
    if not raw.isdigit() or int(raw) < 1:
        return paginate(qs, request)
    number = int(raw)
    bottom = (number - 1) * PAGE_SIZE
    rows = list(qs.annotate(search_total=Window(Count("pk")))[bottom : bottom + PAGE_SIZE])
    if not rows:
        return paginate(qs, request)
    paginator = Paginator(qs, PAGE_SIZE)
    paginator.__dict__["count"] = rows[0].search_total  # the cached_property, already known
    return Page(rows, number, paginator)


def url_pattern(name: str) -> str:
    """``reverse(name, args=[pk])`` as a format string with ``{}`` for the pk."""
    return reverse(name, args=[987654321]).replace("987654321", "{}")


def get_person(user, pk: int) -> Person:
    return get_scoped_or_404(Person.objects.select_related("unit"), user, Capability.VIEW, pk=pk)


@login_required
@require_GET
def person_list(request):
    require_view(request.user)
    f = people_filter_from(request)
    qs, sort = apply_sort(selectors.people_list(request.user, f), request, PERSON_COLUMNS, "name")
    if request.GET.get("export") == "xlsx":
        return _people_export(qs, request.user)
    if search_terms(f.q):
        page = _search_page(qs, request)
    elif sort == "name":
        # The default order (name, then id) continues by row after page 10: the same cost on
        # every page of a long list (core.listing.keyset_paginate).
        page = keyset_paginate(qs, request, "sort_key")
    else:
        page = paginate(qs, request)
    # Reversing two URLs per row costs more than the query; build them from one pattern each.
    profile_url = url_pattern("registry:person_profile")
    unit_url = url_pattern("orgs:unit_detail")
    for p in page.object_list:
        p.profile_url = profile_url.format(p.pk)
        p.unit_url = unit_url.format(p.unit_id)
    return render(
        request,
        "orgs/person_list.html",
        {
            "page": page,
            "sort": sort,
            "columns": PERSON_COLUMNS,
            # The template writes {{ unit_options }}: the unit filter's options, built in
            # Python (a template loop over hundreds of units costs more than the search).
            "unit_options": unit_options(request.user, f.unit),
            "genders": Gender.choices,
            "f": f,
            "can_edit": has_capability(request.user, Capability.EDIT_ORGS),
        },
    )


PEOPLE_EXPORT_HEADERS = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Số CCCD",
    "Chức vụ",
    "Lãnh đạo, quản lý",
    "Lao động trực tiếp",
    "Mã đơn vị",
    "Đơn vị",
    "Ngày bắt đầu công tác",
    "Đang xem xét",
]


def _people_export(qs, user):
    yes = "Có"
    rows = (
        (
            p.full_name,
            p.get_gender_display(),
            p.date_of_birth,
            p.cccd,
            p.position,
            yes if p.is_leader else "",
            yes if p.is_direct_worker else "",
            p.unit.code,
            p.unit.name,
            p.hired_on,
            (p.pending_review_note or yes) if p.pending_review else "",
        )
        for p in qs.iterator(chunk_size=2000)
    )
    return xlsx_response("ca-nhan.xlsx", "Cá nhân", PEOPLE_EXPORT_HEADERS, rows,
                         report="Danh sách cá nhân", unit=unit_label(user))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    user = request.user
    require_edit_somewhere(user)
    units = selectors.unit_choices(user)
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = units.filter(pk=request.GET["unit"]).first()
    form = PersonForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            person = services.person_create(user, unit=unit, **data)
        except OrgsError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"Đã thêm {person.full_name} vào {unit.name}.")
            return redirect("orgs:person_memberships", pk=person.pk)
    return render(request, "orgs/person_form.html", {"form": form, "title": "Thêm cá nhân"})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = get_person(request.user, pk)
    services.require_edit(request.user, person.unit)
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(request.user, person, **form.cleaned_data)
        except OrgsError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"Đã lưu thông tin {person.full_name}.")
            return redirect("orgs:person_memberships", pk=person.pk)
    return render(
        request,
        "orgs/person_form.html",
        {"form": form, "person": person, "title": f"Sửa thông tin {person.full_name}"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_move(request, pk):
    person = get_person(request.user, pk)
    services.require_edit(request.user, person.unit)
    units = selectors.unit_choices(request.user).exclude(pk=person.unit_id)
    form = PersonMoveForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        position = form.cleaned_data["position"].strip() or None
        try:
            person = services.person_move(
                request.user,
                person,
                unit=form.cleaned_data["unit"],
                on=form.cleaned_data["on"],
                position=position,
            )
        except OrgsError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, f"Đã chuyển {person.full_name} sang {person.unit.name}.")
            return redirect("orgs:person_memberships", pk=person.pk)
    current = selectors.memberships_of(person).filter(end__isnull=True).first()
    return render(
        request, "orgs/person_move.html", {"form": form, "person": person, "current": current}
    )


@login_required
@require_GET
def person_memberships(request, pk):
    person = get_person(request.user, pk)
    return render(
        request,
        "orgs/person_memberships.html",
        {
            "person": person,
            "memberships": selectors.memberships_of(person),
            "can_edit": can_on_unit(request.user, Capability.EDIT_ORGS, person.unit),
        },
    )
