"""Forms for register rows. Validation beyond field types lives in services (RegistryError)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from vinhdanh.catalogue.selectors import honours_for
from vinhdanh.orgs.models import Unit

from .models import AwardKind, DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord
from .selectors import ENTRY_KINDS


def _date_inputs(form: forms.ModelForm, *names: str) -> None:
    for name in names:
        form.fields[name].widget = forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}
        )
        form.fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]


class _EntryForm(forms.ModelForm):
    def __init__(self, *args, subject_kind: str = "individual", **kwargs):
        kwargs.setdefault("prefix", self.kind)
        super().__init__(*args, **kwargs)
        self.subject_kind = subject_kind
        # Registers are usually filled in for the year just ended.
        for name in ("year", "achievement_year"):
            if name in self.fields and self.instance.pk is None:
                self.fields[name].initial = timezone.localdate().year - 1

    def validate_unique(self):
        """Duplicates are refused by the service, with a message naming the existing entry."""
        return None

    def _post_clean(self):
        # Model validation runs in the service; the form only checks field types.
        pass


class RatingForm(_EntryForm):
    kind = "rating"

    class Meta:
        model = RatingRecord
        fields = ["year", "rating", "note"]


class HonourForm(_EntryForm):
    kind = "honour"

    class Meta:
        model = HonourRecord
        fields = [
            "honour",
            "achievement_year",
            "decision_number",
            "decision_date",
            "issuer",
            "signer",
            "award_kind",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_kind"].required = False  # blank: thường xuyên (the usual case)
        self.fields["honour"].queryset = (
            honours_for(self.subject_kind).select_related(None).order_by("category", "position")
        )
        _date_inputs(self, "decision_date")

    def clean_award_kind(self):
        return self.cleaned_data.get("award_kind") or AwardKind.REGULAR


class InitiativeForm(_EntryForm):
    kind = "initiative"

    class Meta:
        model = InitiativeRecord
        fields = ["kind", "scope", "year", "title", "document", "document_date", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_inputs(self, "document_date")


class DisciplineForm(_EntryForm):
    kind = "discipline"

    class Meta:
        model = DisciplineRecord
        fields = ["form", "start", "end", "decision", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_inputs(self, "start", "end")


ENTRY_FORMS: dict[str, type[_EntryForm]] = {
    "rating": RatingForm,
    "honour": HonourForm,
    "initiative": InitiativeForm,
    "discipline": DisciplineForm,
}


class PendingReviewForm(forms.Form):
    reason = forms.CharField(label="Lý do đang xem xét", max_length=255, required=False)


class EntrySearchForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại mục", required=False, choices=[("", "Tất cả")] + ENTRY_KINDS
    )
    code = forms.CharField(label="Mã", required=False)
    year_from = forms.IntegerField(label="Từ năm", required=False, min_value=1945, max_value=2100)
    year_to = forms.IntegerField(label="Đến năm", required=False, min_value=1945, max_value=2100)
    unit = forms.ModelChoiceField(
        label="Đơn vị (gồm cấp dưới)",
        required=False,
        queryset=Unit.objects.none(),
        empty_label="Tất cả",
    )
    q = forms.CharField(label="Tên cá nhân, tập thể", required=False)
    subject = forms.ChoiceField(
        label="Đối tượng",
        required=False,
        choices=[("", "Tất cả"), ("individual", "Cá nhân"), ("collective", "Tập thể")],
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise forms.ValidationError("Từ năm phải nhỏ hơn hoặc bằng đến năm.")
        return data
