"""Views of the emulation cycle: reviews of a period (sơ kết, tổng kết) of a bloc or a movement.

A review is reached through its owner: who cannot see the bloc (or the movement) gets 404;
who sees it but may not manage it gets 403 on the write actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.core.files import file_response

from ..enums import ReviewStatus
from ..forms.reviews import ReviewFileForm, ReviewForm
from ..models import PeriodReview
from ..permissions import (
    EmulationError,
    bloc_or_404,
    can_manage_movement,
    is_bloc_head,
    movement_or_404,
)
from ..selectors import reviews as selectors
from ..services import reviews as services

NOT_ALLOWED = "Bạn không có quyền lập hoặc lưu báo cáo sơ kết, tổng kết này."


def _render_list(request, *, bloc=None, movement=None, form=None, status=200):
    user = request.user
    if bloc is not None:
        reviews = selectors.reviews_of_bloc(bloc)
        can_manage = is_bloc_head(user, bloc)
        template = "emulation/reviews/list_bloc.html"
    else:
        reviews = selectors.reviews_of_movement(movement)
        can_manage = can_manage_movement(user, movement)
        template = "emulation/reviews/list_movement.html"
    if form is None and can_manage:
        year = bloc.year if bloc is not None else movement.start.year
        form = ReviewForm(initial={"title": f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year}"})  # fmt: skip
    return render(
        request,
        template,
        {
            "bloc": bloc,
            "movement": movement,
            "reviews": reviews.order_by("-period_end", "-pk"),
            "can_manage": can_manage,
            "form": form,
        },
        status=status,
    )


def _create(request, *, bloc=None, movement=None):
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review = services.review_create(request.user, bloc=bloc, movement=movement, **form.cleaned_data)  # fmt: skip
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lập “{review.title}”. Tạo dự thảo từ dữ liệu để tải về chỉnh sửa.")  # fmt: skip
            return redirect("emulation:review_detail", review.pk)
    return _render_list(request, bloc=bloc, movement=movement, form=form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def review_list(request, pk):
    bloc = bloc_or_404(request.user, pk)
    if request.method == "POST":
        if not is_bloc_head(request.user, bloc):
            raise PermissionDenied(NOT_ALLOWED)
        return _create(request, bloc=bloc)
    return _render_list(request, bloc=bloc)


@login_required
@require_http_methods(["GET", "POST"])
def movement_reviews(request, pk):
    movement = movement_or_404(request.user, pk)
    if request.method == "POST":
        if not can_manage_movement(request.user, movement):
            raise PermissionDenied(NOT_ALLOWED)
        return _create(request, movement=movement)
    return _render_list(request, movement=movement)


def _review_or_404(user, review_pk) -> PeriodReview:
    review = get_object_or_404(
        PeriodReview.objects.select_related(
            "bloc",
            "bloc__owner",
            "movement",
            "movement__launching_unit",
            "number",
            "draft_file",
            "final_file",
        ),  # fmt: skip
        pk=review_pk,
    )
    # Visible only through its owner: the same 404 as for the bloc or the movement.
    if review.bloc_id:
        bloc_or_404(user, review.bloc_id)
    else:
        movement_or_404(user, review.movement_id)
    return review


def _render_detail(request, review, *, file_form=None, error=None, status=200):
    can_manage = services.can_manage_review(request.user, review)
    is_draft = review.status == ReviewStatus.DRAFT
    return render(
        request,
        "emulation/reviews/detail.html",
        {
            "review": review,
            "bloc": review.bloc if review.bloc_id else None,
            "movement": review.movement if review.movement_id else None,
            "fig": selectors.review_figures(review),
            "can_manage": can_manage and is_draft,
            "file_form": file_form or (ReviewFileForm() if can_manage and is_draft else None),
            "error": error,
            "small_definition": selectors.SMALL_COLLECTIVE_DEFINITION,
            "direct_definition": selectors.DIRECT_WORKER_DEFINITION,
        },
        status=status,
    )


@login_required
def review_detail(request, review_pk):
    return _render_detail(request, _review_or_404(request.user, review_pk))


@login_required
@require_POST
def review_draft(request, review_pk):
    user = request.user
    review = _review_or_404(user, review_pk)
    if not services.can_manage_review(user, review):
        raise PermissionDenied(NOT_ALLOWED)
    try:
        services.review_draft(user, review)
    except EmulationError as exc:
        return _render_detail(request, review, error=str(exc), status=422)
    messages.success(request, "Đã tạo dự thảo báo cáo từ dữ liệu. Tải về để chỉnh sửa.")
    return redirect("emulation:review_detail", review.pk)


@login_required
@require_POST
def review_file(request, review_pk):
    user = request.user
    review = _review_or_404(user, review_pk)
    if not services.can_manage_review(user, review):
        raise PermissionDenied(NOT_ALLOWED)
    form = ReviewFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            review = services.review_file(user, review, form.cleaned_data["upload"])
        except EmulationError as exc:
            form.add_error("upload" if "Tệp" in str(exc) or "tệp" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"Đã lưu hồ sơ báo cáo, số {review.number.display}.")
            return redirect("emulation:review_detail", review.pk)
    return _render_detail(request, review, file_form=form, status=422)


@login_required
def review_download(request, review_pk, which):
    review = _review_or_404(request.user, review_pk)
    stored = {"du-thao": review.draft_file, "ban-chinh": review.final_file}.get(which)
    if stored is None:
        raise Http404("Báo cáo chưa có tệp này.")
    return file_response(stored)


urlpatterns = [
    path("khoi/<int:pk>/so-ket-tong-ket/", review_list, name="review_list"),
    path("phong-trao/<int:pk>/so-ket-tong-ket/", movement_reviews, name="movement_reviews"),
    path("so-ket-tong-ket/<int:review_pk>/", review_detail, name="review_detail"),
    path("so-ket-tong-ket/<int:review_pk>/du-thao/", review_draft, name="review_draft"),
    path("so-ket-tong-ket/<int:review_pk>/luu-ho-so/", review_file, name="review_file"),
    path(
        "so-ket-tong-ket/<int:review_pk>/tai-ve/<str:which>/",
        review_download,
        name="review_download",
    ),
]
