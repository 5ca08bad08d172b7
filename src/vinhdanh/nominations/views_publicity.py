"""Officers' side of publicity: publish a dossier's list on the portal, moderate public comments."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import get_scoped_or_404, has_capability
from vinhdanh.core.listing import paginate

from . import services_publicity as svc
from .enums import CommentStatus
from .models import Dossier


class PublicityForm(forms.Form):
    days = forms.IntegerField(
        label="Số ngày làm việc công khai",
        min_value=svc.MIN_DAYS,
        max_value=svc.MAX_DAYS,
        initial=5,
        error_messages={
            "required": "Nhập số ngày công khai.",
            "invalid": "Số ngày phải là số nguyên.",
            "min_value": f"Số ngày công khai tối thiểu là {svc.MIN_DAYS}.",
            "max_value": f"Số ngày công khai tối đa là {svc.MAX_DAYS}.",
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Trả lời",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Nhập nội dung trả lời."},
    )


def _receiving_dossier(user, pk):
    return get_scoped_or_404(
        Dossier.objects.select_related("receiving_unit", "sending_unit"),
        user,
        Capability.MANAGE_NOMINATIONS,
        path_field="receiving_unit__path",
        pk=pk,
    )


@login_required
def publicity(request, pk):
    dossier = _receiving_dossier(request.user, pk)
    form = PublicityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = svc.start_publicity(request.user, dossier, form.cleaned_data["days"])
        except svc.PublicityError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Đã công khai danh sách từ {dossier.publicity_from:%d/%m/%Y} "
                f"đến hết {dossier.publicity_to:%d/%m/%Y}.",
            )
            return redirect("nominations:publicity", pk=dossier.pk)
    nominees = dossier.nominees.select_related("person", "unit", "honour").order_by(
        "position", "id"
    )
    return render(
        request,
        "nominations/publicity/publicity.html",
        {
            "dossier": dossier,
            "form": form,
            "nominees": nominees,
            "is_public": svc.is_public(dossier),
            "comments": svc.comments_for_dossier(dossier),
        },
    )


@login_required
@require_POST
def publicity_stop(request, pk):
    dossier = _receiving_dossier(request.user, pk)
    try:
        svc.stop_publicity(request.user, dossier)
    except svc.PublicityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã kết thúc công khai danh sách.")
    return redirect("nominations:publicity", pk=dossier.pk)


@login_required
def comment_moderation(request):
    if not has_capability(request.user, Capability.MANAGE_NOMINATIONS):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in CommentStatus.values and status != "all":
        status = CommentStatus.PENDING
    qs = svc.moderation_queryset(request.user, "" if status == "all" else status)
    page = paginate(qs, request)
    return render(
        request,
        "nominations/publicity/moderation.html",
        {"page": page, "status": status, "statuses": CommentStatus.choices},
    )


@login_required
@require_POST
def comment_moderate(request, pk):
    comment = get_object_or_404(svc.moderation_queryset(request.user), pk=pk)
    action = request.POST.get("action", "")
    answer = request.POST.get("answer", "")
    if action == "answer":
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Nhập nội dung trả lời trước khi lưu.")
            return redirect(_back(request))
        answer = form.cleaned_data["answer"]
    try:
        svc.moderate_comment(request.user, comment, action, answer)
    except svc.PublicityError as exc:
        messages.error(request, str(exc))
    else:
        done = {
            "publish": "Đã duyệt đăng ý kiến.",
            "hide": "Đã ẩn ý kiến.",
            "answer": "Đã lưu trả lời.",
        }
        messages.success(request, done[action])
    return redirect(_back(request))


def _back(request):
    status = request.POST.get("status", "")
    url = reverse("nominations:comment_moderation")
    return f"{url}?status={status}" if status in CommentStatus.values or status == "all" else url
