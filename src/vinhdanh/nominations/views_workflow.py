"""Transition buttons of a dossier (each a POST with the version the page showed) and the
receiver's per-nominee outcome form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.catalogue.models import Honour

from . import selectors, workflow
from .enums import DOSSIER_TRANSITIONS, DossierStatus, NomineeOutcome
from .models import Nominee
from .services import NominationsError
from .views import _require_manager

S = DossierStatus
# action slug: (label, side, target status or None, needs a reason, asks for confirmation)
ACTIONS = {
    "gui": ("Gửi hồ sơ", "sender", S.SUBMITTED, False, True),
    "rut-lai": ("Rút lại hồ sơ", "sender", S.RECALLED, True, True),
    "tiep-nhan": ("Tiếp nhận", "receiver", S.RECEIVED, False, False),
    "tham-dinh": ("Bắt đầu thẩm định", "receiver", S.APPRAISAL, False, False),
    "trinh-hoi-dong": ("Trình Hội đồng", "receiver", S.AT_COUNCIL, False, True),
    "thong-qua": ("Ghi nhận đã thông qua", "receiver", S.APPROVED, False, True),
    "tra-lai": ("Trả lại hồ sơ", "receiver", S.RETURNED, True, True),
    "chuyen-len": ("Chuyển lên cấp trên", "receiver", None, False, True),
}


# What each action does, said in the confirmation dialog before it is sent (core/app.js).
CONSEQUENCES = {
    "gui": "Hồ sơ được gửi lên cấp tiếp nhận và lấy số tờ trình; không sửa được khi đang chờ xử lý.",
    "rut-lai": "Hồ sơ được rút về đơn vị; cấp tiếp nhận không còn thấy hồ sơ để xử lý.",
    "tiep-nhan": "Hồ sơ được ghi nhận đã tiếp nhận; hạn xử lý bước sau bắt đầu tính.",
    "tham-dinh": "Hồ sơ chuyển sang thẩm định; hạn thẩm định bắt đầu tính.",
    "trinh-hoi-dong": "Hồ sơ được trình Hội đồng Thi đua – Khen thưởng để xét, biểu quyết.",
    "thong-qua": "Hồ sơ được ghi nhận đã được Hội đồng thông qua theo kết quả biểu quyết.",
    "tra-lai": "Hồ sơ được trả về đơn vị đề nghị kèm lý do; đơn vị nhận được thông báo.",
    "chuyen-len": "Một hồ sơ mới với các đối tượng được chấp thuận được lập gửi cấp trên.",
}


def allowed_actions(user, dossier) -> list[tuple[str, str]]:
    """(slug, label) of the buttons the user may press on the dossier now."""
    sides = {
        "sender": can_on_unit(user, Capability.MANAGE_NOMINATIONS, dossier.sending_unit),
        "receiver": can_on_unit(user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit),
    }
    found = []
    for slug, (label, side, to, _r, _c) in ACTIONS.items():
        if not sides[side]:
            continue
        if to is None:
            ok = dossier.status == S.APPROVED and not dossier.forwards.exists()
        else:
            ok = to in DOSSIER_TRANSITIONS.get(dossier.status, set())
        if ok:
            found.append((slug, label))
    return found


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Lý do", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    nominees = forms.ModelMultipleChoiceField(
        label="Chỉ trả lại các đối tượng (để trống: trả lại cả hồ sơ)",
        queryset=Nominee.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, dossier, slug, **kwargs):
        super().__init__(*args, **kwargs)
        if slug == "tra-lai":
            self.fields["nominees"].queryset = dossier.nominees.select_related("person", "unit")
            self.fields["nominees"].label_from_instance = lambda n: n.display_name
        else:
            del self.fields["nominees"]
        if not ACTIONS[slug][3]:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True


def _run(user, dossier, slug, data):
    version = data["version"]
    reason = data.get("reason", "")
    if slug == "gui":
        return workflow.submit(user, dossier, version)
    if slug == "rut-lai":
        return workflow.recall(user, dossier, version, reason)
    if slug == "tiep-nhan":
        return workflow.receive(user, dossier, version)
    if slug == "tham-dinh":
        return workflow.start_appraisal(user, dossier, version)
    if slug == "trinh-hoi-dong":
        return workflow.send_to_council(user, dossier, version)
    if slug == "thong-qua":
        return workflow.approve(user, dossier, version)
    if slug == "tra-lai":
        return workflow.return_dossier(user, dossier, version, reason, data.get("nominees") or ())
    return workflow.forward(user, dossier, version)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_action(request, pk: int, slug: str):
    _require_manager(request.user)
    dossier = selectors.dossier_or_404(request.user, pk)
    if slug not in dict(allowed_actions(request.user, dossier)):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    label, _side, _to, _needs_reason, confirm = ACTIONS[slug]
    data = request.POST if request.method == "POST" else None
    form = ActionForm(data, dossier=dossier, slug=slug, initial={"version": dossier.version})
    if data is not None and (form.is_valid() and (not confirm or "confirm" in data)):
        try:
            result = _run(request.user, dossier, slug, form.cleaned_data)
        except NominationsError as exc:
            form.add_error("reason" if exc.field == "reason" and "reason" in form.fields else None,
                           exc.message)  # fmt: skip
        else:
            messages.success(request, f"{label}: đã thực hiện.")
            return redirect("nominations:dossier_detail", pk=result.pk)
    return render(
        request,
        "nominations/dossier_action.html",
        {
            "dossier": dossier,
            "form": form,
            "label": label,
            "slug": slug,
            "consequence": CONSEQUENCES.get(slug, ""),
        },  # fmt: skip
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả xét",
        choices=[
            (c.value, c.label) for c in NomineeOutcome if c.value in workflow.DECIDED_OUTCOMES
        ],
    )
    downgraded_to = forms.ModelChoiceField(
        label="Chuyển sang hình thức", queryset=Honour.objects.filter(is_active=True),
        required=False,
    )  # fmt: skip
    reason = forms.CharField(label="Lý do", max_length=500, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def nominee_outcome(request, pk: int, nominee_pk: int):
    _require_manager(request.user)
    dossier = selectors.dossier_or_404(request.user, pk)
    if not can_on_unit(request.user, Capability.MANAGE_NOMINATIONS, dossier.receiving_unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    nominee = get_object_or_404(
        Nominee.objects.select_related("person", "unit", "honour"), dossier=dossier, pk=nominee_pk
    )
    initial = {"outcome": nominee.outcome, "downgraded_to": nominee.downgraded_to_id,
               "reason": nominee.outcome_reason}  # fmt: skip
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        nominee.dossier = dossier
        try:
            workflow.decide_nominee(request.user, nominee, **form.cleaned_data)
        except NominationsError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Đã ghi kết quả xét của {nominee.display_name}.")
            return redirect("nominations:dossier_detail", pk=dossier.pk)
    from vinhdanh.council.standing import vote_standing

    ctx = {"dossier": dossier, "nominee": nominee, "form": form,
           "standing": vote_standing(nominee, honour=nominee.honour)}  # fmt: skip
    return render(request, "nominations/nominee_outcome.html", ctx)
