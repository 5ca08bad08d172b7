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


IMPORT_SESSION_KEY = "nominations_import"


@login_required
@require_http_methods(["GET", "POST"])
def nominee_import(request, pk: int):
    """Upload → preview (kept in the session) → confirm."""
    from django import forms

    from . import imports

    class UploadForm(forms.Form):
        file = forms.FileField(label="Tệp Excel (.xlsx)")

    dossier = _draft_for_edit(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(IMPORT_SESSION_KEY) or {}
        if stored.get("dossier") == dossier.pk:
            try:
                count = imports.confirm(request.user, dossier, stored["rows"])
            except NominationsError as exc:
                messages.error(request, exc.message)
                rows = stored["rows"]
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
                messages.success(request, f"Đã thêm {count} đối tượng vào hồ sơ.")
                return redirect("nominations:dossier_detail", pk=dossier.pk)
        form = UploadForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            form.add_error("file", "Chỉ nhận tệp Excel (.xlsx).")
        else:
            try:
                rows = imports.parse(dossier, upload.read())
            except NominationsError as exc:
                form.add_error("file", exc.message)
            else:
                request.session[IMPORT_SESSION_KEY] = {"dossier": dossier.pk, "rows": rows}
    return render(
        request,
        "nominations/nominee_import.html",
        {"dossier": dossier, "form": form, "rows": rows, "headers": imports.HEADERS,
         "has_errors": any(r["error"] for r in rows or [])},
    )  # fmt: skip
