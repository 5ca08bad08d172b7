"""Forms of the number book."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from vinhdanh.core.models import DocumentType, NumberStatus

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def year_choices(blank: str = "Tất cả") -> list[tuple[str, str]]:
    this = timezone.localdate().year
    return [("", blank)] + [(str(y), str(y)) for y in range(this + 1, this - 10, -1)]


class NumberFilterForm(forms.Form):
    issuer = forms.ChoiceField(label="Cơ quan ban hành", required=False)
    doc_type = forms.ChoiceField(
        label="Loại văn bản", required=False, choices=[("", "Tất cả"), *DocumentType.choices]
    )
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *NumberStatus.choices]
    )

    def __init__(self, *args, issuers: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [("", "Tất cả"), *issuers]
        self.fields["year"].choices = year_choices()


class NumberReserveForm(forms.Form):
    issuer = forms.ChoiceField(label="Cơ quan ban hành")
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocumentType.choices)
    year = forms.TypedChoiceField(label="Năm", coerce=int)
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    doc_date = forms.DateField(label="Ngày văn bản", required=False, widget=DATE_WIDGET)

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [(i.key, i.label) for i in issuers]
        self.fields["year"].choices = year_choices()[1:]
        self.fields["year"].initial = timezone.localdate().year


class NumberCancelForm(forms.Form):
    reason = forms.CharField(
        label="Lý do hủy số",
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Cần ghi lý do hủy số."},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Cần ghi lý do hủy số.")
        return reason
