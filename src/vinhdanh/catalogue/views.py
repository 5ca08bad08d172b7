"""The catalogue screens: everyone with VIEW reads; only the national administrator changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability, is_national_admin

from . import forms, legal, selectors, services
from .models import DisciplineForm, Honour, InitiativeKind, InitiativeScope


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form: type[djforms.ModelForm]
    model: type | None = None  # code models: editable and deletable
    anchor: str = ""


SECTIONS: dict[str, Section] = {
    s.slug: s
    for s in [
        Section(
            "danh-hieu", "danh hiệu, hình thức khen thưởng", forms.HonourForm, Honour, "danh-hieu"
        ),
        Section(
            "he-so-tien-thuong", "hệ số tiền thưởng", forms.RewardMultipleForm, anchor="tien-thuong"
        ),
        Section("luong-co-so", "mức lương cơ sở", forms.BaseSalaryForm, anchor="luong-co-so"),
        Section(
            "nguong-bieu-quyet",
            "ngưỡng biểu quyết hội đồng",
            forms.VoteThresholdForm,
            anchor="nguong",
        ),
        Section(
            "loai-sang-kien",
            "loại sáng kiến, đề tài",
            forms.InitiativeKindForm,
            InitiativeKind,
            "sang-kien",
        ),
        Section(
            "pham-vi", "phạm vi ảnh hưởng", forms.InitiativeScopeForm, InitiativeScope, "sang-kien"
        ),
        Section(
            "ky-luat", "hình thức kỷ luật", forms.DisciplineFormForm, DisciplineForm, "ky-luat"
        ),
    ]
}


def _require_view(user) -> None:
    if not has_capability(user, Capability.VIEW):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def _require_edit(user) -> None:
    _require_view(user)
    if not is_national_admin(user):
        raise PermissionDenied(services.NATIONAL_ONLY)


def _section(slug: str) -> Section:
    try:
        return SECTIONS[slug]
    except KeyError as exc:
        raise Http404("Không có mục danh mục này.") from exc


def _with_builtin(qs) -> list:
    rows = list(qs)
    for row in rows:
        row.builtin = services.is_builtin(row)
    return rows


@login_required
def index(request):
    _require_view(request.user)
    multiples = list(selectors.multiples_list())
    for m in multiples:
        # 1.50 → "1,5": the Vietnamese decimal comma, no trailing zeros
        m.display = f"{m.multiple.normalize():f}".replace(".", ",")
    thresholds = list(selectors.thresholds_list())
    salaries = list(selectors.base_salaries_list())
    ctx = {
        "can_edit": is_national_admin(request.user),
        "ratings": selectors.ratings_list(),
        "honour_groups": selectors.honours_by_category(),
        "multiples": multiples,
        "multiples_in_force": selectors.in_force_ids(
            multiples, lambda r: (r.honour_id, r.subject_kind)
        ),
        "salaries": salaries,
        "salaries_in_force": selectors.in_force_ids(salaries, lambda r: 0),
        "thresholds": thresholds,
        "thresholds_in_force": selectors.in_force_ids(thresholds, lambda r: r.honour_id),
        "kinds": _with_builtin(selectors.initiative_kinds_list()),
        "scopes": _with_builtin(selectors.initiative_scopes_list()),
        "discipline_forms": _with_builtin(selectors.discipline_forms_list()),
    }
    return render(request, "catalogue/index.html", ctx)


def _apply_error(form, exc: Exception) -> None:
    if isinstance(exc, services.CatalogueError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    elif isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            form.add_error(None, exc.messages)


def _create(section: Section, actor, data: dict[str, Any]):
    if section.model is not None:
        return services.code_entry_create(actor, section.model, data)
    if section.slug == "he-so-tien-thuong":
        return services.multiple_create(actor, **data)
    if section.slug == "luong-co-so":
        return services.base_salary_create(actor, **data)
    return services.threshold_create(actor, **data)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request, section):
    _require_edit(request.user)
    sec = _section(section)
    form = sec.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = _create(sec, request.user, dict(form.cleaned_data))
        except (services.CatalogueError, ValidationError) as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, f"Đã thêm {sec.title}: {obj}.")
            return redirect(f"{reverse('catalogue:index')}#{sec.anchor}")
    return render(request, "catalogue/form.html", {"form": form, "section": sec, "obj": None})


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, section, pk):
    _require_edit(request.user)
    sec = _section(section)
    if sec.model is None:
        raise Http404("Mục này chỉ được thêm dòng mới, không sửa dòng cũ.")
    obj = get_object_or_404(sec.model, pk=pk)
    form = sec.form(request.POST or None, instance=sec.model.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.code_entry_update(request.user, sec.model, pk, dict(form.cleaned_data))
        except (services.CatalogueError, ValidationError) as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, f"Đã cập nhật {sec.title}: {obj}.")
            return redirect(f"{reverse('catalogue:index')}#{sec.anchor}")
    return render(request, "catalogue/form.html", {"form": form, "section": sec, "obj": obj})


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request, section, pk):
    _require_edit(request.user)
    sec = _section(section)
    if sec.model is None:
        raise Http404("Mục này không xóa được.")
    obj = get_object_or_404(sec.model, pk=pk)
    error = None
    if services.is_builtin(obj):
        error = "Đây là mã theo quy định, không được xóa."
    if request.method == "POST" and error is None:
        try:
            services.code_entry_delete(request.user, obj)
        except services.CatalogueError as exc:
            error = exc.message
        else:
            messages.success(request, f"Đã xóa {sec.title}: {obj}.")
            return redirect(f"{reverse('catalogue:index')}#{sec.anchor}")
    return render(
        request, "catalogue/confirm_delete.html", {"obj": obj, "section": sec, "error": error}
    )


def _parse_day(raw: str | None):
    """A date from the picker (YYYY-MM-DD) or typed dd/mm/yyyy; None when empty or invalid."""
    import datetime as dt

    raw = (raw or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


@login_required
def parameters_by_date(request):
    """Tham số theo thời gian: every dated parameter, and which row applies on a chosen date."""
    _require_view(request.user)
    raw = request.GET.get("ngay", "")
    on = _parse_day(raw)
    error = None
    if on is None:
        if raw:
            error = "Ngày không hợp lệ; hãy chọn ngày hoặc nhập theo dạng dd/mm/yyyy."
        on = timezone.localdate()
    salaries = list(selectors.base_salaries_list())
    multiples = list(selectors.multiples_list())
    for m in multiples:
        m.display = f"{m.multiple.normalize():f}".replace(".", ",")
    thresholds = list(selectors.thresholds_list())
    salaries_on = selectors.in_force_ids(salaries, lambda r: 0, on)
    multiples_on = selectors.in_force_ids(multiples, lambda r: (r.honour_id, r.subject_kind), on)
    thresholds_on = selectors.in_force_ids(thresholds, lambda r: r.honour_id, on)
    salary = next((s for s in salaries if s.pk in salaries_on), None)
    lapsed = sorted(
        {
            m.citation
            for m in multiples
            if m.valid_to is not None
            and m.valid_to < on
            and m.valid_from <= on
            and not any(
                o.pk in multiples_on
                and o.honour_id == m.honour_id
                and o.subject_kind == m.subject_kind
                for o in multiples
            )
        }
    )
    ctx = {
        "on": on,
        "picker_value": on.isoformat(),
        "error": error,
        "salary": salary,
        "salaries": salaries,
        "salaries_on": salaries_on,
        "multiples": multiples,
        "multiples_on": multiples_on,
        "multiples_count": len(multiples_on),
        "thresholds": thresholds,
        "thresholds_on": thresholds_on,
        "lapsed": lapsed,
        "can_edit": is_national_admin(request.user),
    }
    return render(request, "catalogue/parameters_by_date.html", ctx)


@login_required
def legal_texts(request):
    """Căn cứ pháp lý: the legal texts, their dates, and the rules and parameters citing each."""
    _require_view(request.user)
    return render(request, "catalogue/legal_texts.html", {"entries": legal.legal_index()})
