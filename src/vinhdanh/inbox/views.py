"""The work inbox, notifications (bell, list, read marks, preferences), help and feedback.

Every page here is the signed-in user's own (their work, their notifications): an anonymous
visitor is sent to the login page; the feedback list is the national administrator's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from vinhdanh.accounts.permissions import is_national_admin
from vinhdanh.core.listing import paginate

from . import services
from .forms import FeedbackForm, PreferenceForm
from .models import Feedback, Notification
from .selectors import work_items, work_summary


@login_required
@require_GET
def work(request):
    items = work_items(request.user)
    kind = request.GET.get("loai", "")
    shown = [i for i in items if i.kind == kind] if kind else items
    return render(
        request,
        "inbox/work.html",
        {"items": shown, "summary": work_summary(items), "kind": kind, "total": len(items)},
    )


@login_required
@require_GET
def counts(request):
    """The navigation's badges, loaded by htmx after the page (no query added to any page):
    the total next to "Việc cần xử lý", out-of-band the bell and each menu item's kinds."""
    from vinhdanh.core.nav import NAV_ITEMS

    items = work_items(request.user)
    by_kind = {k: n for k, _label, n in work_summary(items)}
    badges = {
        "-".join(i.badge): sum(by_kind.get(k, 0) for k in i.badge) for i in NAV_ITEMS if i.badge
    }
    return render(
        request,
        "inbox/_counts.html",
        {"work": len(items), "unread": services.unread_count(request.user), "badges": badges},
    )


@login_required
@require_GET
def notification_list(request):
    qs = Notification.objects.filter(user=request.user)
    if request.GET.get("chua-doc"):
        qs = qs.filter(read_at__isnull=True)
    return render(
        request,
        "inbox/notifications.html",
        {
            "page": paginate(qs, request),
            "unread": services.unread_count(request.user),
            "only_unread": bool(request.GET.get("chua-doc")),
        },
    )


@login_required
@require_POST
def notification_read(request, pk):
    n = services.mark_read(request.user, pk)
    if request.POST.get("open") and n.url and url_has_allowed_host_and_scheme(n.url, None):
        return redirect(n.url)
    return redirect("inbox:notifications")


@login_required
@require_POST
def notifications_read_all(request):
    n = services.mark_all_read(request.user)
    messages.success(request, f"Đã đánh dấu {n} thông báo là đã đọc.")
    return redirect("inbox:notifications")


@login_required
def preferences(request):
    pref = services.preference_for(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"channel": pref.channel, "daily_digest": pref.daily_digest},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(request.user, **form.cleaned_data)
        except services.InboxError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu tùy chọn nhận thông báo.")
            return redirect("inbox:preferences")
    return render(request, "inbox/preferences.html", {"form": form})


@login_required
@require_GET
def help_page(request):
    return render(request, "inbox/help.html")


@login_required
def feedback(request):
    form = FeedbackForm(request.POST or None, initial={"page": request.GET.get("trang", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_create(request.user, **form.cleaned_data)
        except services.InboxError as exc:
            form.add_error("content", str(exc))
        else:
            messages.success(request, "Cảm ơn bạn, góp ý đã được gửi tới quản trị hệ thống.")
            return redirect("inbox:feedback")
    return render(request, "inbox/feedback.html", {"form": form})


@login_required
@require_GET
def feedback_list(request):
    if not is_national_admin(request.user):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    page = paginate(Feedback.objects.select_related("user"), request)
    return render(request, "inbox/feedback_list.html", {"page": page})
