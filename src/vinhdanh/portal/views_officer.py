"""Officers' page for exemplar stories (requires MANAGE_NOMINATIONS on the person's or unit's
unit)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability, path_q, scope_paths
from vinhdanh.core.listing import paginate

from . import services
from .forms import StoryForm
from .models import ExemplarStory

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền truy cập."


def _stories(user):
    cap = Capability.MANAGE_NOMINATIONS
    qs = ExemplarStory.objects.select_related("person__unit", "unit").order_by("-updated_at", "-id")
    if "" in scope_paths(user, cap):
        return qs
    return qs.filter(path_q(user, cap, "unit__path") | path_q(user, cap, "person__unit__path"))


def _require(user):
    if not has_capability(user, Capability.MANAGE_NOMINATIONS):
        raise Http404(NOT_FOUND)


def _get(user, pk):
    story = _stories(user).filter(pk=pk).first()
    if story is None:
        raise Http404(NOT_FOUND)
    return story


@login_required
def story_manage(request):
    _require(request.user)
    page = paginate(_stories(request.user), request)
    return render(request, "portal/officer/story_manage.html", {"page": page})


@login_required
def story_edit(request, pk=None):
    _require(request.user)
    story = _get(request.user, pk) if pk else ExemplarStory()
    form = StoryForm(request.POST or None, instance=story, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.save_story(request.user, form.save(commit=False))
        except services.PortalError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu gương điển hình.")
            return redirect("portal:story_manage")
    return render(request, "portal/officer/story_form.html", {"form": form, "story": story})


@login_required
@require_POST
def story_publish(request, pk):
    _require(request.user)
    story = _get(request.user, pk)
    publish = request.POST.get("publish") == "1"
    services.set_story_published(request.user, story, publish)
    messages.success(
        request, "Đã đăng lên cổng thông tin." if publish else "Đã gỡ khỏi cổng thông tin."
    )
    return redirect("portal:story_manage")
