"""The number book (sổ số văn bản): list, reserve ("giữ số"), cancel ("hủy số"), export.

Included in the URL list by views/movements.py. Numbers are never edited or deleted.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.core.exports import unit_label, xlsx_response
from vinhdanh.core.listing import paginate
from vinhdanh.core.models import NumberStatus

from ..forms.numbers import NumberCancelForm, NumberFilterForm, NumberReserveForm
from ..permissions import EmulationError
from ..selectors import numbers as selectors
from ..services import numbers as services

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."


def _require_manage(user) -> None:
    if not has_capability(user, Capability.MANAGE_EMULATION):
        raise Http404(NOT_FOUND)


def _render_book(request, reserve_form=None, status=200):
    user = request.user
    form = NumberFilterForm(request.GET or None, issuers=selectors.issuer_choices(user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.number_book(user, filters)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                n.display,
                n.get_doc_type_display(),
                n.issuer_name or n.issuer_abbreviation,
                n.year,
                n.title,
                n.doc_date,
                n.get_status_display(),
                str(n.reserved_by) if n.reserved_by_id else "",
                n.reserved_at,
                n.cancel_reason,
            )
            for n in qs.iterator(chunk_size=2000)
        )
        headers = [
            "Số, ký hiệu",
            "Loại văn bản",
            "Cơ quan ban hành",
            "Năm",
            "Trích yếu",
            "Ngày văn bản",
            "Trạng thái",
            "Người giữ số",
            "Thời điểm giữ số",
            "Lý do hủy",
        ]
        return xlsx_response("so-so-van-ban.xlsx", "Sổ số văn bản", headers, rows,
                             report="Sổ cấp số văn bản", unit=unit_label(request.user))  # fmt: skip
    issuers = selectors.issuers_for(user)
    return render(
        request,
        "emulation/numbers/book.html",
        {
            "form": form,
            "page": paginate(qs, request),
            "reserve_form": reserve_form or NumberReserveForm(issuers=issuers),
            "can_reserve": bool(issuers),
            "RESERVED": NumberStatus.RESERVED,
        },
        status=status,
    )


@login_required
def number_book(request):
    _require_manage(request.user)
    return _render_book(request)


@login_required
@require_POST
def number_reserve(request):
    _require_manage(request.user)
    form = NumberReserveForm(request.POST, issuers=selectors.issuers_for(request.user))
    if form.is_valid():
        try:
            data = dict(form.cleaned_data)
            number = services.number_book_reserve(
                request.user, issuer_key=data.pop("issuer"), **data
            )
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã giữ số {number.display}.")
            return redirect("emulation:number_book")
    return _render_book(request, reserve_form=form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def number_cancel(request, pk):
    _require_manage(request.user)
    number = services.number_in_book_or_404(request.user, pk)
    form = NumberCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.number_book_cancel(request.user, number, reason=form.cleaned_data["reason"])
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã hủy số {number.display}. Số này không được cấp lại.")
            return redirect("emulation:number_book")
    return render(
        request,
        "emulation/numbers/cancel.html",
        {"number": number, "form": form},
        status=422 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("so-van-ban/", number_book, name="number_book"),
    path("so-van-ban/giu-so/", number_reserve, name="number_reserve"),
    path("so-van-ban/<int:pk>/huy/", number_cancel, name="number_cancel"),
]
