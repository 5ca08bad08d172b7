"""Public pages of the portal (no login): decisions, certificate verification, publicity lists
with comments, exemplar stories. Never shows a CCCD, a date of birth or money."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from vinhdanh.core.listing import paginate

from . import selectors, services
from .forms import CommentForm, SerialForm


def home(request):
    return render(request, "portal/home.html", selectors.home_context())


def decision_list(request):
    q = request.GET.get("q", "").strip()[:100]
    page = paginate(selectors.public_decisions(q), request, per_page=20)
    return render(request, "portal/decision_list.html", {"page": page, "q": q})


def decision_detail(request, pk):
    decision = get_object_or_404(selectors.public_decisions(), pk=pk)
    page = paginate(selectors.public_decision_lines(decision), request, per_page=50)
    return render(request, "portal/decision_detail.html", {"decision": decision, "page": page})


def verify(request):
    form = SerialForm(request.GET or None)
    certificate = None
    searched = False
    if form.is_valid():
        searched = True
        certificate = selectors.certificate_by(serial=form.cleaned_data["serial"])
    return render(
        request,
        "portal/verify.html",
        {"form": form, "certificate": certificate, "searched": searched},
    )


def verify_token(request, token):
    certificate = selectors.certificate_by(token=token)
    return render(
        request,
        "portal/verify.html",
        {"form": SerialForm(), "certificate": certificate, "searched": True},
        status=200 if certificate else 404,
    )


def publicity_list(request):
    page = paginate(selectors.open_publicity(), request)
    return render(request, "portal/publicity_list.html", {"page": page})


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def publicity_detail(request, pk):
    dossier = get_object_or_404(selectors.open_publicity(), pk=pk)
    nominees = list(selectors.public_nominees(dossier))
    form = CommentForm(request.POST or None, nominees=nominees)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A robot filled the hidden field: answer as if accepted, keep nothing.
            messages.success(request, "Cảm ơn bạn đã góp ý. Ý kiến sẽ được đăng sau khi duyệt.")
            return redirect("portal:publicity_detail", pk=dossier.pk)
        nominee = next((n for n in nominees if n.pk == form.cleaned_data["nominee"]), None)
        try:
            services.submit_comment(
                dossier,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                content=form.cleaned_data["content"],
                nominee=nominee,
                ip=_client_ip(request),
            )
        except services.PortalError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Cảm ơn bạn đã góp ý. Ý kiến sẽ được đăng sau khi duyệt.")
            return redirect("portal:publicity_detail", pk=dossier.pk)
    return render(
        request,
        "portal/publicity_detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "form": form,
            "comments": selectors.published_comments(dossier),
        },
    )


def story_list(request):
    page = paginate(
        selectors.published_stories().only("id", "title", "summary", "published_at"), request
    )
    return render(request, "portal/story_list.html", {"page": page})


def story_detail(request, pk):
    story = get_object_or_404(
        selectors.published_stories()
        .select_related("person__unit", "unit")
        .only(
            "id",
            "title",
            "summary",
            "body",
            "published_at",
            "person__full_name",
            "person__unit__name",
            "unit__name",
        ),
        pk=pk,
    )
    if not story.published:
        raise Http404
    return render(request, "portal/story_detail.html", {"story": story})
