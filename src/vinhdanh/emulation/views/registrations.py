"""Views of the emulation cycle: registrations (đăng ký thi đua). Each module lists its own
urlpatterns.

A bloc outside the user's view answers 404 on every page; inside it, the registration page of
a member the user may not act for answers 403, and every write goes through the services,
which refuse a member's officers after the bloc's deadline (the owner's officers correct).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.core.exports import xlsx_response
from vinhdanh.core.listing import paginate
from vinhdanh.orgs.models import Person, Unit

from ..forms.registrations import (
    CollectiveForm,
    DeadlineForm,
    EmulationModelForm,
    ImportForm,
    IndividualForm,
    RegistrationFilterForm,
)
from ..models import EmulationModel, Registration
from ..permissions import (
    EmulationError,
    acting_members,
    bloc_or_404,
    is_bloc_head,
    is_owner_officer,
)
from ..selectors import registration_files as files
from ..selectors import registrations as selectors
from ..services import registrations as services

NOT_ACTING = "Bạn không thể đăng ký thay đơn vị này trong khối."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _member_or_404(bloc, unit_pk) -> Unit:
    member = bloc.members.select_related("unit").filter(unit_id=unit_pk).first()
    if member is None:
        raise Http404("Đơn vị này không phải thành viên của khối.")
    return member.unit


def _acting_or_403(user, bloc, unit) -> None:
    if not (is_owner_officer(user, bloc) or unit in acting_members(user, bloc)):
        raise PermissionDenied(NOT_ACTING)


# -- the bloc's list -------------------------------------------------------------------------


def _filters(request, bloc):
    units = [m.unit for m in bloc.members.select_related("unit").order_by("unit__sort_key")]
    form = RegistrationFilterForm(request.GET or None, units=units)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, filters, units


@login_required
def registration_list(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    form, filters, units = _filters(request, bloc)
    is_head = is_bloc_head(user, bloc)
    acting = units if is_owner_officer(user, bloc) else acting_members(user, bloc)
    return render(
        request,
        "emulation/registrations/list.html",
        {
            "bloc": bloc,
            "form": form,
            "page": paginate(selectors.registration_list(bloc, filters), request),
            "counts": selectors.registration_counts(bloc),
            "models": selectors.models_for_bloc(bloc),
            "acting": acting,
            "is_head": is_head,
            "can_recheck": is_head or bool(acting),
            "deadline_form": DeadlineForm(
                initial={"registration_deadline": bloc.registration_deadline}
            )
            if is_head
            else None,  # fmt: skip
            "deadline_passed": services.deadline_passed(bloc),
        },
    )


@login_required
@require_GET
def registration_export(request, pk, fmt):
    bloc = bloc_or_404(request.user, pk)
    _form, filters, _units = _filters(request, bloc)
    regs = selectors.registration_list(bloc, filters)
    name = f"dang-ky-thi-dua-{bloc.abbreviation}-{bloc.year}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", f"Đăng ký {bloc.year}", files.EXPORT_HEADERS, files.export_rows(regs.iterator()),
                             report=f"Đăng ký danh hiệu thi đua năm {bloc.year}", unit=f"{bloc.name} ({bloc.abbreviation})")  # fmt: skip
    if fmt == "docx":
        models = selectors.models_for_bloc(bloc, filters.get("unit"))
        response = HttpResponse(files.export_docx(bloc, regs, models), content_type=files.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    raise Http404("Định dạng xuất không hỗ trợ.")


@login_required
@require_POST
def registration_deadline(request, pk):
    bloc = bloc_or_404(request.user, pk)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied("Chỉ Trưởng khối hoặc cơ quan thường trực Hội đồng mới đặt được hạn đăng ký.")  # fmt: skip
    form = DeadlineForm(request.POST)
    if form.is_valid():
        services.registration_deadline_set(request.user, bloc, deadline=form.cleaned_data["registration_deadline"])  # fmt: skip
        messages.success(request, "Đã lưu hạn đăng ký thi đua.")
    else:
        messages.error(request, "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy.")
    return redirect("emulation:registration_list", bloc.pk)


@login_required
@require_POST
def registration_recheck(request, pk):
    bloc = bloc_or_404(request.user, pk)
    try:
        checked, changed = services.warnings_recompute(request.user, bloc)
    except EmulationError as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, f"Đã kiểm tra lại {checked} đăng ký; {changed} cảnh báo thay đổi.")
    return redirect("emulation:registration_list", bloc.pk)


# -- a member's page -------------------------------------------------------------------------


def _picker(unit, ticked: set[int], q: str | None = None) -> list:
    """The picker's rows: the people already ticked first, then the search's results."""
    chosen = selectors.people_for_unit(unit, ids=ticked) if ticked else []
    return [*chosen, *(p for p in selectors.people_for_unit(unit, q) if p.pk not in ticked)]


def _ticked(values) -> set[int]:
    return {int(v) for v in values if str(v).isdigit()}


def _unit_page(request, bloc, unit, *, status=200, **forms):
    data = selectors.unit_registrations(bloc, unit)
    individual = forms.get("individual_form")
    ticked = _ticked(individual.data.getlist("people")) if individual is not None else set()
    context = {
        "bloc": bloc,
        "unit": unit,
        "data": data,
        "collective_form": forms.get("collective_form")
        or CollectiveForm(initial={"honours": sorted(data["collective_codes"])}),  # fmt: skip
        "model_form": forms.get("model_form") or EmulationModelForm(),
        "individual_form": forms.get("individual_form") or IndividualForm(unit=unit),
        "import_form": ImportForm(),
        "people": _picker(unit, ticked),
        "ticked": ticked,
        "errors": forms.get("errors", []),
        "locked": services.deadline_passed(bloc) and not is_owner_officer(request.user, bloc),
    }
    return render(request, "emulation/registrations/unit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def registration_unit(request, pk, unit_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(user, bloc, unit)
    if request.method == "GET":
        return _unit_page(request, bloc, unit)
    action = request.POST.get("action")
    try:
        if action == "collective":
            form = CollectiveForm(request.POST)
            if not form.is_valid():
                return _unit_page(request, bloc, unit, status=422, collective_form=form)
            done = services.collective_set(user, bloc, unit, honours=form.cleaned_data["honours"])
            messages.success(request, f"Đã lưu danh hiệu tập thể: thêm {len(done['added'])}, bỏ {len(done['removed'])}.")  # fmt: skip
        elif action == "model":
            form = EmulationModelForm(request.POST)
            if not form.is_valid():
                return _unit_page(request, bloc, unit, status=422, model_form=form)
            services.model_save(user, bloc, unit, **form.cleaned_data)
            messages.success(request, "Đã thêm mô hình thi đua.")
        elif action == "individual":
            form = IndividualForm(request.POST, unit=unit)
            if not form.is_valid():
                return _unit_page(request, bloc, unit, status=422, individual_form=form)
            honour = form.cleaned_data["honour"]
            regs = services.registrations_add(user, bloc, unit, [(p, honour) for p in form.cleaned_data["people"]])  # fmt: skip
            warned = sum(1 for r in regs if r.warning)
            text = f"Đã đăng ký {len(regs)} người danh hiệu {honour.name}."
            if warned:
                text += f" {warned} đăng ký có cảnh báo khó đạt: xem lý do trong danh sách."
            messages.success(request, text)
        else:
            raise Http404("Thao tác không hợp lệ.")
    except EmulationError as exc:
        bound = {
            "collective": "collective_form",
            "model": "model_form",
            "individual": "individual_form",
        }[action]
        form.add_error(None, str(exc))
        return _unit_page(request, bloc, unit, status=422, **{bound: form})
    return redirect("emulation:registration_unit", bloc.pk, unit.pk)


@login_required
@require_GET
def registration_people(request, pk, unit_pk):
    """The people picker (htmx): rows of the unit's subtree matching ?q= accent-free."""
    bloc = bloc_or_404(request.user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(request.user, bloc, unit)
    # People already ticked stay on top, ticked, whatever the new search finds.
    ticked = _ticked(request.GET.getlist("people"))
    return render(
        request,
        "emulation/registrations/_people_rows.html",
        {"people": _picker(unit, ticked, request.GET.get("q")), "ticked": ticked},
    )


def _registration_or_404(bloc, reg_pk) -> Registration:
    return get_object_or_404(Registration.objects.select_related("unit", "person", "honour", "bloc"), pk=reg_pk, bloc=bloc)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def registration_delete(request, pk, reg_pk):
    bloc = bloc_or_404(request.user, pk)
    reg = _registration_or_404(bloc, reg_pk)
    _acting_or_403(request.user, bloc, reg.unit)
    error = None
    if request.method == "POST":
        try:
            services.registration_delete(request.user, reg)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã xóa đăng ký.")
            return redirect("emulation:registration_unit", bloc.pk, reg.unit_id)
    what = f"{reg.person.full_name if reg.person_id else reg.unit.name} – {reg.honour.name}"
    return render(request, "emulation/registrations/confirm.html", {"bloc": bloc, "unit": reg.unit, "what": what, "title": "Xóa đăng ký", "error": error}, status=422 if error else 200)  # fmt: skip


def _model_or_404(bloc, unit, model_pk) -> EmulationModel:
    return get_object_or_404(EmulationModel, pk=model_pk, bloc=bloc, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request, pk, unit_pk, model_pk):
    bloc = bloc_or_404(request.user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(request.user, bloc, unit)
    model = _model_or_404(bloc, unit, model_pk)
    form = EmulationModelForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.model_save(request.user, bloc, unit, instance=model, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã cập nhật mô hình thi đua.")
            return redirect("emulation:registration_unit", bloc.pk, unit.pk)
    return render(request, "emulation/registrations/model_form.html", {"bloc": bloc, "unit": unit, "form": form}, status=422 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def model_delete(request, pk, unit_pk, model_pk):
    bloc = bloc_or_404(request.user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(request.user, bloc, unit)
    model = _model_or_404(bloc, unit, model_pk)
    error = None
    if request.method == "POST":
        try:
            services.model_delete(request.user, model)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã xóa mô hình thi đua.")
            return redirect("emulation:registration_unit", bloc.pk, unit.pk)
    return render(request, "emulation/registrations/confirm.html", {"bloc": bloc, "unit": unit, "what": f"Mô hình “{model.name}”", "title": "Xóa mô hình thi đua", "error": error}, status=422 if error else 200)  # fmt: skip


# -- Excel -----------------------------------------------------------------------------------


@login_required
@require_GET
def import_template(request, pk, unit_pk):
    bloc = bloc_or_404(request.user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(request.user, bloc, unit)
    response = HttpResponse(files.import_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-dang-ky-thi-dua.xlsx"'
    return response


@login_required
@require_POST
def import_preview(request, pk, unit_pk):
    bloc = bloc_or_404(request.user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(request.user, bloc, unit)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _unit_page(request, bloc, unit, status=422, errors=[e for errs in form.errors.values() for e in errs])  # fmt: skip
    preview = files.import_preview(bloc, unit, form.cleaned_data["file"])
    return render(
        request,
        "emulation/registrations/import_preview.html",
        {"bloc": bloc, "unit": unit, "preview": preview},
        status=422 if preview["errors"] else 200,
    )


@login_required
@require_POST
def import_confirm(request, pk, unit_pk):
    """Write the previewed rows (sent back as person:code pairs, checked again)."""
    bloc = bloc_or_404(request.user, pk)
    unit = _member_or_404(bloc, unit_pk)
    _acting_or_403(request.user, bloc, unit)
    wanted = []
    for item in request.POST.getlist("pair"):
        person_pk, _, code = item.partition(":")
        if person_pk.isdigit() and code:
            wanted.append((int(person_pk), code))
    people = Person.objects.filter(pk__in={p for p, _ in wanted}).select_related("unit").in_bulk()
    honours = {h.code: h for h in selectors.individual_honours().filter(code__in={c for _, c in wanted})}  # fmt: skip
    pairs = [(people[p], honours[c]) for p, c in wanted if p in people and c in honours]
    try:
        if len(pairs) != len(wanted):
            raise EmulationError("Dữ liệu xác nhận không khớp tệp đã kiểm tra; hãy tải tệp lên lại.")  # fmt: skip
        regs = services.registrations_add(request.user, bloc, unit, pairs)
    except EmulationError as exc:
        return _unit_page(request, bloc, unit, status=422, errors=[str(exc)])
    messages.success(request, f"Đã đăng ký {len(regs)} dòng từ tệp Excel.")
    return redirect("emulation:registration_unit", bloc.pk, unit.pk)


urlpatterns = [
    path("khoi/<int:pk>/dang-ky/", registration_list, name="registration_list"),
    path("khoi/<int:pk>/dang-ky/xuat.<str:fmt>", registration_export, name="registration_export"),
    path("khoi/<int:pk>/dang-ky/han/", registration_deadline, name="registration_deadline"),
    path("khoi/<int:pk>/dang-ky/kiem-tra-lai/", registration_recheck, name="registration_recheck"),
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/", registration_unit, name="registration_unit"
    ),
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/nguoi/",
        registration_people,
        name="registration_people",
    ),  # fmt: skip
    path(
        "khoi/<int:pk>/dang-ky/<int:reg_pk>/xoa/", registration_delete, name="registration_delete"
    ),
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/mo-hinh/<int:model_pk>/",
        model_edit,
        name="registration_model_edit",
    ),  # fmt: skip
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/mo-hinh/<int:model_pk>/xoa/",
        model_delete,
        name="registration_model_delete",
    ),  # fmt: skip
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/mau-excel/",
        import_template,
        name="registration_import_template",
    ),  # fmt: skip
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/nhap-excel/",
        import_preview,
        name="registration_import_preview",
    ),  # fmt: skip
    path(
        "khoi/<int:pk>/dang-ky/don-vi/<int:unit_pk>/nhap-excel/xac-nhan/",
        import_confirm,
        name="registration_import_confirm",
    ),  # fmt: skip
]
