"""Forms of the acclaim vote and the government-flag proposals."""

from __future__ import annotations

import datetime as dt

from django import forms

from ..enums import MeetingKind
from ..models import Meeting


class OpenBallotForm(forms.Form):
    seats = forms.IntegerField(
        label="Số đơn vị được chọn tối đa mỗi phiếu", min_value=1, max_value=50
    )
    meeting = forms.ModelChoiceField(
        label="Tại hội nghị tổng kết năm", queryset=Meeting.objects.none(), required=False,
        empty_label="— (không gắn hội nghị)",
    )  # fmt: skip

    def __init__(self, *args, bloc, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            bloc=bloc, kind=MeetingKind.YEAR_END
        ).order_by("-date")


class VoteForm(forms.Form):
    member = forms.TypedChoiceField(label="Bỏ phiếu thay cho đơn vị", coerce=int)
    candidates = forms.TypedMultipleChoiceField(
        label="Đơn vị được suy tôn", coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text="Không được chọn chính đơn vị mình.",
    )  # fmt: skip

    def __init__(self, *args, members, voters, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(u.pk, u.name) for u in voters]
        self.fields["candidates"].choices = [(u.pk, u.name) for u in members]
        self.fields["candidates"].label = f"Đơn vị được suy tôn (chọn tối đa {seats})"
        self.seats = seats

    def clean(self):
        data = super().clean()
        chosen = data.get("candidates") or []
        if data.get("member") in chosen:
            self.add_error("candidates", "Không được bỏ phiếu cho chính đơn vị mình.")
        if len(chosen) > self.seats:
            self.add_error("candidates", f"Mỗi phiếu chọn tối đa {self.seats} đơn vị.")
        return data


class FlagForm(forms.Form):
    owner = forms.TypedChoiceField(label="Hội đồng Thi đua – Khen thưởng của", coerce=int)
    year = forms.IntegerField(
        label="Năm", min_value=2000, max_value=2100, initial=lambda: dt.date.today().year - 1
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(u.pk, u.name) for u in owners]
