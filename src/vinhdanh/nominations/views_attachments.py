"""Attachment pages: upload, replace with an edited version, remove, download, and the
achievement report drafted from the register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import attachments as service
from . import selectors
from .forms import AttachmentForm, ReplaceForm
from .models import Attachment, Nominee
from .services import NominationsError
from .views import _add_error, _draft_for_edit, _require_manager


@login_required
@require_http_methods(["GET", "POST"])
def attachment_add(request, pk: int):
    dossier = _draft_for_edit(request, pk)
    initial = {"nominee": request.GET.get("doi_tuong") or None}
    form = AttachmentForm(request.POST or None, request.FILES or None, dossier=dossier,
                          initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.attachment_upload(
                request.user, dossier, data["file"], kind=data["kind"], nominee=data["nominee"]
            )
        except NominationsError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, f"Đã đính kèm {data['file'].name}.")
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(request, "nominations/attachment_form.html", {"form": form, "dossier": dossier})


@login_required
@require_http_methods(["GET", "POST"])
def attachment_replace(request, pk: int, attachment_pk: int):
    dossier = _draft_for_edit(request, pk)
    attachment = get_object_or_404(
        Attachment.objects.select_related("file", "nominee"), dossier=dossier, pk=attachment_pk
    )
    form = ReplaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.attachment_replace(request.user, attachment, form.cleaned_data["file"])
        except NominationsError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, "Đã thay bằng bản mới.")
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(
        request,
        "nominations/attachment_replace.html",
        {"form": form, "dossier": dossier, "attachment": attachment},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk: int, attachment_pk: int):
    dossier = _draft_for_edit(request, pk)
    attachment = get_object_or_404(
        Attachment.objects.select_related("file"), dossier=dossier, pk=attachment_pk
    )
    if request.method == "POST":
        service.attachment_delete(request.user, attachment)
        messages.success(request, f"Đã gỡ {attachment.file.original_name}.")
        return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(
        request,
        "nominations/attachment_confirm_delete.html",
        {"dossier": dossier, "attachment": attachment},
    )


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    from vinhdanh.core.files import file_response

    _require_manager(request.user)
    dossier = selectors.dossier_or_404(request.user, pk)
    attachment = get_object_or_404(
        Attachment.objects.select_related("file"), dossier=dossier, pk=attachment_pk
    )
    return file_response(attachment.file)


@login_required
@require_POST
def achievement_report(request, pk: int, nominee_pk: int):
    dossier = _draft_for_edit(request, pk)
    nominee = get_object_or_404(
        Nominee.objects.select_related("person__unit", "unit", "honour", "dossier__sending_unit"),
        dossier=dossier,
        pk=nominee_pk,
    )
    try:
        service.achievement_report_generate(request.user, nominee)
    except NominationsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"Đã lập báo cáo thành tích của {nominee.display_name}: tải về, bổ sung rồi tải lên "
            "bản đã sửa bằng nút «Thay bản mới».",
        )
    return redirect("nominations:dossier_detail", pk=dossier.pk)
