"""Assigning a dossier to a specialist of the receiving office, with each one's workload."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit

from . import selectors
from .assignment import ASSIGNABLE, dossier_assign, specialists_of, workloads
from .services import NominationsError


class AssignForm(forms.Form):
    specialist = forms.ModelChoiceField(
        label="Chuyên viên thụ lý", queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    reason = forms.CharField(
        label="Lý do (bắt buộc khi giao lại)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, unit, loads, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["specialist"]
        field.queryset = specialists_of(unit)
        field.label_from_instance = lambda u: (
            f"{u.full_name or u.username} — đang thụ lý {loads.get(u.pk, 0)} hồ sơ"
        )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_assign_view(request, pk: int):
    dossier = selectors.dossier_or_404(request.user, pk)
    if not can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit):
        raise PermissionDenied("Chỉ cấp tiếp nhận mới phân công chuyên viên thụ lý.")
    loads = {u["pk"]: n for u, n in workloads(dossier.receiving_unit)}
    form = AssignForm(
        request.POST or None,
        unit=dossier.receiving_unit,
        loads=loads,
        initial={"specialist": dossier.assigned_to_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier_assign(
                request.user,
                dossier,
                specialist=form.cleaned_data["specialist"],
                reason=form.cleaned_data["reason"],
            )
        except NominationsError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Đã giao hồ sơ cho {form.cleaned_data['specialist']}.")
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    return render(
        request,
        "nominations/dossier_assign.html",
        {"dossier": dossier, "form": form, "assignable": dossier.status in ASSIGNABLE},
    )
