"""Profile pages (a person's or a collective's whole register) and the register search."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, get_scoped_or_404, has_capability
from vinhdanh.core.exports import unit_label, xlsx_response
from vinhdanh.core.listing import Column, paginate
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.selectors import units_visible
from vinhdanh.rules.profile import profile_verdicts
from vinhdanh.rules.selectors import cached

from . import selectors, services
from .forms import ENTRY_FORMS, EntrySearchForm, PendingReviewForm
from .services import ENTRY_MODELS, RegistryError

SUBJECT_TYPES = {"ca-nhan": "person", "tap-the": "unit"}


def mask_cccd(cccd: str) -> str:
    return "•" * max(len(cccd) - 4, 0) + cccd[-4:]


def _get_subject(user, subject_type: str, pk: int):
    if subject_type == "person":
        return get_scoped_or_404(Person.objects.select_related("unit"), user, pk=pk)
    return get_scoped_or_404(Unit.objects.select_related("parent"), user, path_field="path", pk=pk)


def _profile_url(subject) -> str:
    if isinstance(subject, Person):
        return reverse("registry:person_profile", args=[subject.pk])
    return reverse("registry:unit_profile", args=[subject.pk])


def _prerender(form, choice_keys: tuple) -> None:
    """An unbound entry form's fields as HTML (`form.fields_html`, which _register.html
    prints instead of rendering field by field): the same HTML, rendered once per form kind,
    subject kind, year and catalogue state within the short cache. The selects' options are
    most of a profile page's template time."""
    if form.is_bound:
        return
    key = ("entry-form", type(form).__name__, form.subject_kind, timezone.localdate(), choice_keys)
    form.fields_html = cached(
        key,
        # Safe: the joined output of the autoescaping template engine.
        lambda: mark_safe(  # noqa: S308
            "".join(render_to_string("components/field.html", {"field": bf}) for bf in form)
        ),
    )


def _plain_choices(form) -> tuple:
    """Give each catalogue select its options as a list read with one plain query.

    A ModelChoiceField otherwise iterates its queryset with `.iterator()`, which on
    PostgreSQL opens a server-side cursor (DECLARE, FETCH, CLOSE: three round trips) for a
    few dozen rows. The options and their HTML are the same; validation still uses the
    queryset. The lists are catalogue rows, kept a few seconds (rules.selectors.cached).
    """
    keys = []
    for name, field in form.fields.items():
        if isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField):
            key = ("choices", type(form).__name__, name, str(field.queryset.query))
            options = cached(key, lambda f=field: _options(f))  # catalogue rows: short cache
            field.choices = options
            keys.append(key)
    return tuple(keys)


def _options(field) -> list[tuple]:
    options = [(field.prepare_value(obj), field.label_from_instance(obj))
               for obj in field.queryset]  # fmt: skip
    if field.empty_label is not None:
        options.insert(0, ("", field.empty_label))
    return options


def _entry_url_patterns() -> tuple[str, str]:
    """registry:entry_edit and entry_delete as format strings with {kind} and {pk}."""
    edit, delete = (
        reverse(name, args=["KINDXYZ", 987654321])
        .replace("KINDXYZ", "{kind}")
        .replace("987654321", "{pk}")
        for name in ("registry:entry_edit", "registry:entry_delete")
    )
    return edit, delete


def _render_profile(request, subject, *, bound: dict | None = None, review_form=None, status=200):
    user = request.user
    is_person = isinstance(subject, Person)
    unit = subject.unit if is_person else subject
    can_edit = can_on_unit(user, Capability.EDIT_REGISTER, unit)
    subject_kind = "individual" if is_person else "collective"
    forms = []
    if can_edit:
        bound = bound or {}
        forms = [
            (k, selectors.ENTRY_KIND_LABELS[k], bound.get(k) or cls(subject_kind=subject_kind))
            for k, cls in ENTRY_FORMS.items()
        ]
        for _kind, _label, form in forms:
            _prerender(form, _plain_choices(form))
    timeline = (
        selectors.timeline_for(person=subject)
        if is_person
        else selectors.timeline_for(unit=subject)
    )
    if can_edit:  # the rows' links from one reversed pattern each, not two reverse() per row
        edit_url, delete_url = _entry_url_patterns()
        for _year, items in timeline:
            for item in items:
                item["edit_url"] = edit_url.format(kind=item["kind"], pk=item["obj"].pk)
                item["delete_url"] = delete_url.format(kind=item["kind"], pk=item["obj"].pk)
    ctx = {
        "subject": subject,
        "is_person": is_person,
        "can_edit": can_edit,
        "forms": forms,
        "open_form": next(iter(bound), None) if bound else None,
        "review_form": review_form
        or PendingReviewForm(initial={"reason": subject.pending_review_note}),
        "timeline": timeline,
        "entry_kinds": selectors.ENTRY_KINDS,
        "subject_slug": "ca-nhan" if is_person else "tap-the",
        # A person's history is built from the timeline just read (no second read).
        "eligibility": profile_verdicts(subject, timeline=timeline if is_person else None),
    }
    if is_person:
        ctx["person"] = subject
        ctx["cccd"] = (
            subject.cccd
            if can_on_unit(user, Capability.EDIT_ORGS, unit)
            else mask_cccd(subject.cccd)
        )
        ctx["memberships"] = list(
            Membership.objects.filter(person=subject)
            .select_related("unit")
            .order_by("-start", "-id")
        )
        template = "registry/person_profile.html"
    else:
        ctx["unit"] = subject
        ctx["children"] = list(
            subject.children.annotate(member_count=Count("people")).order_by("sort_key", "pk")
        )
        ctx["member_count"] = Person.objects.filter(unit=subject).count()
        template = "registry/unit_profile.html"
    return render(request, template, ctx, status=status)


@login_required
def person_profile(request, pk):
    return _render_profile(request, _get_subject(request.user, "person", pk))


@login_required
def unit_profile(request, pk):
    return _render_profile(request, _get_subject(request.user, "unit", pk))


def _require_edit_unit(user, unit) -> None:
    if not can_on_unit(user, Capability.EDIT_REGISTER, unit):
        raise PermissionDenied(
            "Bạn không có quyền cập nhật sổ thi đua, khen thưởng của đơn vị này."
        )


def _add_error(form, exc: RegistryError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@require_POST
def entry_add(request, subject_type, pk, kind):
    if kind not in ENTRY_FORMS or subject_type not in SUBJECT_TYPES:
        raise Http404
    subject = _get_subject(request.user, SUBJECT_TYPES[subject_type], pk)
    is_person = isinstance(subject, Person)
    _require_edit_unit(request.user, subject.unit if is_person else subject)
    form = ENTRY_FORMS[kind](request.POST, subject_kind="individual" if is_person else "collective")
    if form.is_valid():
        subject_kw = {"person": subject} if is_person else {"unit": subject}
        try:
            record = services.entry_create(request.user, kind, **subject_kw, **form.cleaned_data)
        except RegistryError as exc:
            _add_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã thêm vào sổ: {selectors.ENTRY_KIND_LABELS[kind].lower()} năm {_year_of(record)}.",
            )
            return redirect(f"{_profile_url(subject)}#nam-{_year_of(record)}")
    return _render_profile(request, subject, bound={kind: form}, status=422)


def _year_of(record) -> int:
    for attr in ("achievement_year", "year"):
        if hasattr(record, attr):
            return getattr(record, attr)
    return record.start.year


def _get_record(user, kind: str, pk: int):
    if kind not in ENTRY_MODELS:
        raise Http404
    record = ENTRY_MODELS[kind].objects.select_related("person__unit", "unit").filter(pk=pk).first()
    if record is None or not can_on_unit(user, Capability.VIEW, services.record_unit(record)):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    return record


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, kind, pk):
    record = _get_record(request.user, kind, pk)
    _require_edit_unit(request.user, services.record_unit(record))
    subject_kind = "individual" if record.person_id else "collective"
    form = ENTRY_FORMS[kind](request.POST or None, instance=record, subject_kind=subject_kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(request.user, record, **form.cleaned_data)
        except RegistryError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, "Đã cập nhật mục trong sổ.")
            return redirect(f"{_profile_url(record.subject)}#nam-{_year_of(record)}")
    return render(
        request,
        "registry/entry_form.html",
        {
            "form": form,
            "record": record,
            "kind_label": selectors.ENTRY_KIND_LABELS[kind],
            "back": _profile_url(record.subject),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request, kind, pk):
    record = _get_record(request.user, kind, pk)
    _require_edit_unit(request.user, services.record_unit(record))
    back = _profile_url(record.subject)
    if request.method == "POST":
        services.entry_delete(request.user, record)
        messages.success(request, "Đã xóa mục khỏi sổ.")
        return redirect(back)
    return render(
        request,
        "registry/entry_confirm_delete.html",
        {
            "record": record,
            "kind": kind,
            "kind_label": selectors.ENTRY_KIND_LABELS[kind],
            "back": back,
        },
    )


@login_required
@require_POST
def pending_review(request, subject_type, pk):
    if subject_type not in SUBJECT_TYPES:
        raise Http404
    subject = _get_subject(request.user, SUBJECT_TYPES[subject_type], pk)
    form = PendingReviewForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("action") == "clear":
            services.pending_review_clear(request.user, subject)
            messages.success(request, "Đã bỏ đánh dấu đang xem xét.")
        else:
            services.pending_review_set(
                request.user, subject, reason=form.cleaned_data.get("reason", "")
            )
            messages.success(request, "Đã đánh dấu đang xem xét.")
    except RegistryError as exc:
        form.add_error("reason", exc.message)
        return _render_profile(request, subject, review_form=form, status=422)
    return redirect(_profile_url(subject))


ENTRY_COLUMNS = [
    Column("kind", "Loại", ("e_kind",)),
    Column("subject", "Cá nhân / tập thể", ("s_sort",)),
    Column("unit", "Đơn vị", ("o_name",)),
    Column("code", "Mã", ("e_code",)),
    Column("year", "Năm", ("e_year",)),
    Column("date", "Ngày văn bản", ("e_date",)),
]
EXPORT_HEADERS = [
    "Loại",
    "Đối tượng",
    "Cá nhân / tập thể",
    "Đơn vị",
    "Mã",
    "Tên",
    "Năm",
    "Số văn bản",
    "Ngày",
    "Chi tiết",
]


def _sort(qs, request):
    requested = request.GET.get("sort") or "-year"
    key, desc = requested.lstrip("-"), requested.startswith("-")
    for col in ENTRY_COLUMNS:
        if col.key == key:
            field = col.order_by[0]
            # A UNION can only be ordered by its own columns; e_id breaks ties stably.
            return qs.order_by(
                f"-{field}" if desc else field, "s_sort", "-e_id" if desc else "e_id"
            ), requested
    return qs.order_by("-e_year", "s_sort", "e_id"), "-year"


@login_required
def entry_list(request):
    user = request.user
    if not has_capability(user, Capability.VIEW):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    units = units_visible(user).order_by("path")
    form = EntrySearchForm(request.GET or None, units=units)
    filters: dict = {}
    if form.is_bound and form.is_valid():
        filters = dict(form.cleaned_data)
        if filters.get("unit"):
            filters["unit_path"] = filters["unit"].path
        if filters.get("code"):
            filters["code"] = filters["code"].strip().upper()
    qs, current = _sort(selectors.register_rows(user, filters), request)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                selectors.ENTRY_KIND_LABELS[r["e_kind"]],
                "Cá nhân" if r["s_person"] else "Tập thể",
                r["s_name"],
                r["o_name"],
                r["e_code"],
                r["e_code_name"],
                r["e_year"],
                r["e_doc"],
                r["e_date"],
                r["e_detail"],
            )
            for r in qs.iterator(chunk_size=2000)
        )
        return xlsx_response(
            "so-thi-dua-khen-thuong.xlsx", "Sổ thi đua khen thưởng", EXPORT_HEADERS, rows,
            report="Sổ thi đua, khen thưởng", unit=unit_label(user),
        )  # fmt: skip
    page = paginate(qs, request)
    page.object_list = list(page.object_list)
    for row in page.object_list:
        row["kind_label"] = selectors.ENTRY_KIND_LABELS[row["e_kind"]]
    return render(
        request,
        "registry/entry_list.html",
        {"form": form, "page": page, "columns": ENTRY_COLUMNS, "current": current},
    )
