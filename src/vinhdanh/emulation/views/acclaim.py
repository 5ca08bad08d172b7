"""Views of the emulation cycle: the acclaim vote (tab “Bình xét, suy tôn”) and the page where
the owner's officer proposes the Government flag among all blocs' leaders."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.orgs.models import Unit

from ..enums import BallotStatus
from ..forms.acclaim import FlagForm, OpenBallotForm, VoteForm
from ..models import Bloc, BlocMember, Proposal
from ..permissions import (
    EmulationError,
    acting_members,
    bloc_or_404,
    blocs_visible,
    is_bloc_head,
    is_owner_officer,
)
from ..selectors.acclaim import acclaim_tally, get_ballot, voted_members
from ..services import acclaim as svc


@login_required
def acclaim(request, pk):
    bloc = bloc_or_404(request.user, pk)
    ballot = get_ballot(bloc)
    head = is_bloc_head(request.user, bloc)
    members = [m.unit for m in BlocMember.objects.filter(bloc=bloc).select_related("unit")]
    ctx = {
        "bloc": bloc,
        "ballot": ballot,
        "is_head": head,
        "members": members,
        "is_owner": is_owner_officer(request.user, bloc),
    }
    if ballot is None:
        form = OpenBallotForm(
            request.POST or None, bloc=bloc, initial={"seats": bloc.leading_seats}
        )
        if request.method == "POST" and head and form.is_valid():
            try:
                svc.open_ballot(
                    request.user,
                    bloc,
                    seats=form.cleaned_data["seats"],
                    meeting=form.cleaned_data["meeting"],
                )
            except EmulationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Đã mở bỏ phiếu suy tôn.")
                return redirect("emulation:acclaim", bloc.pk)
        ctx["open_form"] = form
        return render(request, "emulation/acclaim/ballot.html", ctx)
    ballot.bloc = bloc
    voted = voted_members(ballot)
    can_vote_for = [u for u in acting_members(request.user, bloc) if u.pk not in voted]
    form = None
    if ballot.status == BallotStatus.OPEN and can_vote_for:
        form = VoteForm(
            request.POST or None, members=members, voters=can_vote_for, seats=ballot.seats
        )
        if request.method == "POST" and request.POST.get("form") == "vote" and form.is_valid():
            by_id = {u.pk: u for u in members}
            try:
                svc.cast_ballot(request.user, ballot, by_id[form.cleaned_data["member"]],
                                [by_id[i] for i in form.cleaned_data["candidates"]])  # fmt: skip
            except EmulationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, "Đã ghi nhận phiếu bầu (phiếu kín: không lưu ai chọn đơn vị nào)."
                )
                return redirect("emulation:acclaim", bloc.pk)
    ctx.update(
        form=form,
        tally=acclaim_tally(bloc, ballot),
        voted=[u for u in members if u.pk in voted],
        proposals=Proposal.objects.filter(bloc=bloc)
        .select_related("unit", "honour")
        .order_by("honour_id", "-votes"),
    )
    return render(request, "emulation/acclaim/ballot.html", ctx)


@login_required
def acclaim_close(request, pk):
    bloc = bloc_or_404(request.user, pk)
    ballot = get_ballot(bloc)
    if ballot is None:
        raise Http404
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied("Chỉ Trưởng khối kết thúc được việc suy tôn.")
    ballot.bloc = bloc
    if request.method == "POST":
        try:
            proposals = svc.close_ballot(request.user, ballot)
        except EmulationError as exc:
            messages.error(request, str(exc))
        else:
            names = ", ".join(p.unit.name for p in proposals) or "không có đơn vị nào được phiếu"
            messages.success(
                request, f"Đã kết thúc bỏ phiếu. Đề nghị Cờ thi đua cấp tỉnh: {names}."
            )
        return redirect("emulation:acclaim", bloc.pk)
    tally = acclaim_tally(bloc, ballot)
    return render(
        request, "emulation/acclaim/close.html", {"bloc": bloc, "ballot": ballot, "tally": tally}
    )


def _owners(user):
    """Owners (councils' units) of visible blocs on which the user is the owner's officer."""
    ids = blocs_visible(user).values_list("owner_id", flat=True).distinct()
    return [
        u
        for u in Unit.objects.filter(pk__in=ids).order_by("sort_key")
        if can_on_unit(user, Capability.MANAGE_EMULATION, u)
    ]


@login_required
def flag_proposals(request):
    owners = _owners(request.user)
    if not owners:
        raise Http404(
            "Chỉ cơ quan thường trực Hội đồng Thi đua – Khen thưởng quản lý khối dùng trang này."
        )
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = FlagForm(
        data, owners=owners, initial={"owner": owners[0].pk, "year": dt.date.today().year - 1}
    )
    rows, cap, owner, year = [], 0, None, None
    if form.is_valid():
        owner = next(u for u in owners if u.pk == form.cleaned_data["owner"])
        year = form.cleaned_data["year"]
        if request.method == "POST":
            try:
                created = svc.propose_government_flag(request.user, owner, year)
            except EmulationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, f"Đã đề nghị Cờ thi đua của Chính phủ cho {len(created)} đơn vị."
                )
            return redirect(f"{reverse('emulation:flag_proposals')}?owner={owner.pk}&year={year}")
        rows, cap = svc.government_candidates(owner, year)
    existing = []
    if owner is not None:
        existing = list(
            Proposal.objects.filter(bloc__owner=owner, year=year, honour_id=svc.GOVERNMENT_FLAG)
            .select_related("bloc", "unit").order_by("bloc__name")
        )  # fmt: skip
    blocs = Bloc.objects.filter(owner=owner, year=year).count() if owner else 0
    return render(request, "emulation/acclaim/flag.html",
                  {"form": form, "rows": rows, "cap": cap, "owner": owner, "year": year, "existing": existing, "blocs": blocs})  # fmt: skip


urlpatterns = [
    path("khoi/<int:pk>/suy-ton/", acclaim, name="acclaim"),
    path("khoi/<int:pk>/suy-ton/ket-thuc/", acclaim_close, name="acclaim_close"),
    path("co-thi-dua-chinh-phu/", flag_proposals, name="flag_proposals"),
]
