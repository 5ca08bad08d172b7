"""Views of the emulation cycle: the bloc's covenant (giao ước thi đua).

Who cannot see the bloc gets 404; members read and download; the head's officers (and the
owner's) write (403 otherwise). After signing every write answers with the service's refusal.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.orgs.models import Unit

from ..forms.covenants import CovenantForm, ItemForm, SignatoriesForm, SignForm
from ..models import Covenant, CovenantItem, CovenantSignature
from ..permissions import EmulationError, bloc_or_404, is_bloc_head
from ..services import covenants as services

NOT_HEAD = "Chỉ Trưởng khối hoặc cơ quan thường trực Hội đồng mới thực hiện được thao tác này."
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _head_or_403(user, bloc) -> None:
    if not is_bloc_head(user, bloc):
        raise PermissionDenied(NOT_HEAD)


def _covenant(bloc) -> Covenant | None:
    return Covenant.objects.filter(bloc=bloc).select_related("number").first()


def _covenant_or_404(bloc) -> Covenant:
    covenant = _covenant(bloc)
    if covenant is None:
        raise Http404("Khối chưa lập giao ước thi đua.")
    return covenant


def _members(bloc) -> list[Unit]:
    return list(Unit.objects.filter(bloc_memberships__bloc=bloc).order_by("sort_key", "pk"))


@login_required
def covenant(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    cov = _covenant(bloc)
    items, signatures = [], {}
    if cov is not None:
        items = list(cov.items.order_by("position"))
        signatures = {s.unit_id: s for s in CovenantSignature.objects.filter(covenant=cov)}
    rows = [(unit, signatures.get(unit.pk)) for unit in _members(bloc)]
    signed = services.is_signed(cov)
    can_manage = is_bloc_head(user, bloc)
    return render(
        request,
        "emulation/covenants/detail.html",
        {
            "bloc": bloc,
            "covenant": cov,
            "items": items,
            "rows": rows,
            "signed": signed,
            "can_manage": can_manage,
            "can_edit": can_manage and not signed,
            "item_form": ItemForm() if can_manage and cov and not signed else None,
            "missing": services.missing_signatories(cov) if cov and not signed else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_edit(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _head_or_403(user, bloc)
    cov = _covenant(bloc)
    initial = {} if cov else {"theme": bloc.theme}
    form = CovenantForm(request.POST or None, instance=cov, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.covenant_save(user, bloc, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu thông tin giao ước.")
            return redirect("emulation:covenant", bloc.pk)
    return render(
        request,
        "emulation/covenants/form.html",
        {"bloc": bloc, "form": form, "covenant": cov},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def covenant_item_add(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _head_or_403(user, bloc)
    cov = _covenant_or_404(bloc)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.item_add(user, cov, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã thêm nội dung cam kết.")
            return redirect("emulation:covenant", bloc.pk)
    return render(
        request,
        "emulation/covenants/item_form.html",
        {"bloc": bloc, "form": form, "item": None},
        status=422,
    )


def _item_or_404(bloc, item_pk) -> CovenantItem:
    return get_object_or_404(
        CovenantItem.objects.select_related("covenant", "covenant__bloc"),
        pk=item_pk,
        covenant__bloc=bloc,
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_item_edit(request, pk, item_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    item = _item_or_404(bloc, item_pk)
    _head_or_403(user, bloc)
    form = ItemForm(request.POST or None, initial={"content": item.content})
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(user, item, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã sửa cam kết số {item.position}.")
            return redirect("emulation:covenant", bloc.pk)
    return render(
        request,
        "emulation/covenants/item_form.html",
        {"bloc": bloc, "form": form, "item": item},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_item_delete(request, pk, item_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    item = _item_or_404(bloc, item_pk)
    _head_or_403(user, bloc)
    error = None
    if request.method == "POST":
        try:
            services.item_delete(user, item)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã xóa cam kết số {item.position}.")
            return redirect("emulation:covenant", bloc.pk)
    return render(
        request,
        "emulation/covenants/item_delete.html",
        {"bloc": bloc, "item": item, "error": error},
        status=422 if error else 200,
    )


@login_required
@require_POST
def covenant_item_move(request, pk, item_pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    item = _item_or_404(bloc, item_pk)
    _head_or_403(user, bloc)
    try:
        services.item_move(user, item, up=request.POST.get("direction") == "up")
    except EmulationError as exc:
        messages.error(request, str(exc))
    return redirect("emulation:covenant", bloc.pk)


@login_required
@require_http_methods(["GET", "POST"])
def covenant_signatories(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _head_or_403(user, bloc)
    cov = _covenant_or_404(bloc)
    current = {
        s.unit_id: (s.signatory_name, s.signatory_position)
        for s in CovenantSignature.objects.filter(covenant=cov)
    }
    form = SignatoriesForm(request.POST or None, members=_members(bloc), current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.signatories_save(user, cov, form.signatories())
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu người ký của các đơn vị.")
            return redirect("emulation:covenant", bloc.pk)
    return render(
        request,
        "emulation/covenants/signatories.html",
        {"bloc": bloc, "form": form, "covenant": cov},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_sign(request, pk):
    user = request.user
    bloc = bloc_or_404(user, pk)
    _head_or_403(user, bloc)
    cov = _covenant_or_404(bloc)
    form = SignForm(request.POST or None, initial={"signed_on": cov.signed_on})
    if request.method == "POST" and form.is_valid():
        try:
            cov = services.covenant_sign(user, cov, **form.cleaned_data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã ký kết giao ước, số {cov.number.display}.")
            return redirect("emulation:covenant", bloc.pk)
    return render(
        request,
        "emulation/covenants/sign.html",
        {
            "bloc": bloc,
            "covenant": cov,
            "form": form,
            "missing": services.missing_signatories(cov),
            "item_count": cov.items.count(),
        },
        status=422 if request.method == "POST" else 200,
    )


def _filename(bloc, ext: str) -> str:
    return f"Giao-uoc-thi-dua-{bloc.abbreviation}-{bloc.year}.{ext}"


@login_required
def covenant_docx(request, pk):
    bloc = bloc_or_404(request.user, pk)
    cov = _covenant_or_404(bloc)
    response = HttpResponse(services.covenant_docx(cov), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(bloc, "docx")}"'
    return response


@login_required
def covenant_pdf(request, pk):
    bloc = bloc_or_404(request.user, pk)
    cov = _covenant_or_404(bloc)
    response = HttpResponse(services.covenant_pdf(cov), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(bloc, "pdf")}"'
    return response


urlpatterns = [
    path("khoi/<int:pk>/giao-uoc/", covenant, name="covenant"),
    path("khoi/<int:pk>/giao-uoc/sua/", covenant_edit, name="covenant_edit"),
    path("khoi/<int:pk>/giao-uoc/cam-ket/them/", covenant_item_add, name="covenant_item_add"),
    path(
        "khoi/<int:pk>/giao-uoc/cam-ket/<int:item_pk>/sua/",
        covenant_item_edit,
        name="covenant_item_edit",
    ),
    path(
        "khoi/<int:pk>/giao-uoc/cam-ket/<int:item_pk>/xoa/",
        covenant_item_delete,
        name="covenant_item_delete",
    ),
    path(
        "khoi/<int:pk>/giao-uoc/cam-ket/<int:item_pk>/di-chuyen/",
        covenant_item_move,
        name="covenant_item_move",
    ),
    path("khoi/<int:pk>/giao-uoc/nguoi-ky/", covenant_signatories, name="covenant_signatories"),
    path("khoi/<int:pk>/giao-uoc/ky-ket/", covenant_sign, name="covenant_sign"),
    path("khoi/<int:pk>/giao-uoc/tai-ve.docx", covenant_docx, name="covenant_docx"),
    path("khoi/<int:pk>/giao-uoc/tai-ve.pdf", covenant_pdf, name="covenant_pdf"),
]
