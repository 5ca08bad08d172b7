"""Dossier pages: lists (outgoing/incoming), detail, draft create/edit, nominees."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability
from vinhdanh.core.exports import unit_label, xlsx_response
from vinhdanh.core.listing import paginate
from vinhdanh.rules.enums import STATUS_BADGES, STATUS_LABELS

from . import selectors, services, workflow
from .assignment import ASSIGNABLE
from .enums import DossierStatus
from .forms import DossierFilterForm, DossierForm, NomineeForm
from .models import Nominee
from .services import NominationsError

TABS = {"di": "Hồ sơ gửi đi", "den": "Hồ sơ nhận được"}


def _not_found():
    return Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def _require_manager(user) -> None:
    if not has_capability(user, Capability.MANAGE_NOMINATIONS):
        raise _not_found()


def _editable(user, dossier) -> bool:
    return dossier.status in services.EDITABLE_STATUSES and can_on_unit(
        user, Capability.MANAGE_NOMINATIONS, dossier.sending_unit
    )


def _add_error(form, exc: NominationsError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def dossier_list(request):
    _require_manager(request.user)
    tab = request.GET.get("tab", "di")
    tab = tab if tab in TABS else "di"
    form = DossierFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.dossier_list(request.user, tab, filters)
    today = timezone.localdate()
    if request.GET.get("export") == "xlsx":
        return _export(qs, tab, today, request.user)
    page = paginate(qs, request)
    for d in page:
        d.overdue = bool(d.due_on and d.due_on < today and d.status in selectors.OPEN_STEPS)
    return render(
        request,
        "nominations/dossier_list.html",
        {"page": page, "form": form, "tab": tab, "tabs": TABS},
    )


def _export(qs, tab: str, today, user):
    headers = ["Mã", "Trích yếu", "Loại hình", "Năm", "Đơn vị đề nghị", "Cấp tiếp nhận",
               "Số đối tượng", "Trạng thái", "Hạn xử lý", "Quá hạn"]  # fmt: skip
    rows = (
        [d.pk, d.title, d.get_kind_display(), d.year, d.sending_unit.name, d.receiving_unit.name,
         d.nominee_count, d.get_status_display(),
         d.due_on,
         "Quá hạn" if d.due_on and d.due_on < today and d.status in selectors.OPEN_STEPS else ""]
        for d in qs
    )  # fmt: skip
    name = "ho-so-nhan-duoc.xlsx" if tab == "den" else "ho-so-gui-di.xlsx"
    return xlsx_response(name, TABS[tab], headers, rows, report=f"Hồ sơ đề nghị khen thưởng — {TABS[tab].lower()}",
                         unit=unit_label(user))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    _require_manager(request.user)
    form = DossierForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(request.user, data=form.cleaned_data)
        except NominationsError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, "Đã tạo hồ sơ dự thảo. Thêm đối tượng đề nghị.")
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(request, "nominations/dossier_form.html", {"form": form, "dossier": None})


@login_required
@require_http_methods(["GET", "POST"])
def dossier_edit(request, pk: int):
    _require_manager(request.user)
    dossier = selectors.dossier_or_404(request.user, pk)
    if not _editable(request.user, dossier):
        raise _not_found()
    form = DossierForm(request.POST or None, instance=dossier, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(request.user, dossier, data=form.cleaned_data)
        except NominationsError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, "Đã lưu hồ sơ.")
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(request, "nominations/dossier_form.html", {"form": form, "dossier": dossier})


@login_required
def dossier_detail(request, pk: int):
    _require_manager(request.user)
    from .views_workflow import allowed_actions

    dossier = selectors.dossier_or_404(request.user, pk)
    nominees = list(selectors.nominees_of(dossier))
    from vinhdanh.council.standing import vote_standings

    standings = vote_standings(nominees)
    for n in nominees:
        n.verdict_label = STATUS_LABELS.get(n.verdict_status, "Chưa kiểm tra")
        n.verdict_badge = STATUS_BADGES.get(n.verdict_status, "")
        n.standing = standings.get(n.pk)
    show_votes = dossier.status in (
        DossierStatus.AT_COUNCIL, DossierStatus.APPROVED, DossierStatus.DECIDED
    ) or any(s.voted or s.ballot_open for s in standings.values())  # fmt: skip
    return render(
        request,
        "nominations/dossier_detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "show_votes": show_votes,
            "events": selectors.events_of(dossier),
            "attachments": selectors.attachments_of(dossier),
            "editable": _editable(request.user, dossier),
            "actions": allowed_actions(request.user, dossier),
            "decides": dossier.status in (DossierStatus.APPRAISAL, DossierStatus.AT_COUNCIL)
            and can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit),
            "assigns": dossier.status in ASSIGNABLE
            and can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit),
            "manages_publicity": dossier.status
            in (DossierStatus.RECEIVED, DossierStatus.APPRAISAL, DossierStatus.AT_COUNCIL)
            and can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit),
            "problems": workflow.submit_problems(dossier)
            if _editable(request.user, dossier)
            else [],
        },
    )


def _draft_for_edit(request, pk: int):
    _require_manager(request.user)
    dossier = selectors.dossier_or_404(request.user, pk)
    if not _editable(request.user, dossier):
        raise _not_found()
    return dossier


@login_required
@require_http_methods(["GET", "POST"])
def nominee_add(request, pk: int):
    dossier = _draft_for_edit(request, pk)
    return _nominee_form(request, dossier, None)


@login_required
@require_http_methods(["GET", "POST"])
def nominee_edit(request, pk: int, nominee_pk: int):
    dossier = _draft_for_edit(request, pk)
    nominee = get_object_or_404(Nominee, dossier=dossier, pk=nominee_pk)
    return _nominee_form(request, dossier, nominee)


def _nominee_form(request, dossier, nominee):
    q = request.GET.get("q", "").strip()
    initial = {}
    if nominee is not None:
        initial = {
            "kind": nominee.kind, "person": nominee.person_id, "unit": nominee.unit_id,
            "outsider_name": nominee.outsider_name, "outsider_details": nominee.outsider_details,
            "honour": nominee.honour_id, "justification": nominee.justification,
        }  # fmt: skip
    form = NomineeForm(request.POST or None, dossier=dossier, q=q, current=nominee, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.nominee_save(request.user, dossier, nominee, data=form.cleaned_data)
        except NominationsError as exc:
            _add_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã lưu {saved.display_name}: {STATUS_LABELS.get(saved.verdict_status, '')}.",
            )
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(
        request,
        "nominations/nominee_form.html",
        {"form": form, "dossier": dossier, "nominee": nominee, "q": q},
    )


@login_required
@require_http_methods(["GET", "POST"])
def nominee_delete(request, pk: int, nominee_pk: int):
    dossier = _draft_for_edit(request, pk)
    nominee = get_object_or_404(
        Nominee.objects.select_related("person", "unit", "honour"), dossier=dossier, pk=nominee_pk
    )
    if request.method == "POST":
        try:
            services.nominee_delete(request.user, nominee)
        except NominationsError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã bỏ {nominee.display_name} khỏi hồ sơ.")
        return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(
        request, "nominations/nominee_confirm_delete.html", {"dossier": dossier, "nominee": nominee}
    )


@login_required
@require_POST
def verdicts_refresh(request, pk: int):
    dossier = _draft_for_edit(request, pk)
    count = services.verdicts_refresh(request.user, dossier)
    messages.success(request, f"Đã kiểm tra lại tiêu chuẩn của {count} đối tượng.")
    return redirect(reverse("nominations:dossier_detail", args=[dossier.pk]))
