from __future__ import annotations

from django import forms

from vinhdanh.orgs.models import Unit

from .models import (
    BaseSalary,
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    RewardMultiple,
    VoteThreshold,
)


class _NoUniqueCheck:
    """Duplicates are refused by the services with a clearer message than Django's."""

    def validate_unique(self):
        return None


class HonourForm(_NoUniqueCheck, forms.ModelForm):
    class Meta:
        model = Honour
        fields = [
            "code", "name", "short_name", "category", "for_individual", "for_collective", "for_household",
            "decider", "authority", "carries_money", "issuer", "rank", "position", "is_active",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Unit.objects.filter(active_to__isnull=True).order_by(
            "path"
        )
        self.fields["code"].help_text = "Chữ in hoa không dấu, số, dấu gạch dưới; ví dụ KNC_BYT"
        self.fields["authority"].required = True

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean(self):
        data = super().clean()
        if not (
            data.get("for_individual") or data.get("for_collective") or data.get("for_household")
        ):
            raise forms.ValidationError(
                "Chọn ít nhất một đối tượng: cá nhân, tập thể hoặc hộ gia đình."
            )
        return data


class RewardMultipleForm(_NoUniqueCheck, forms.ModelForm):
    class Meta:
        model = RewardMultiple
        fields = ["honour", "subject_kind", "multiple", "valid_from", "valid_to", "citation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].widget.attrs["placeholder"] = "dd/mm/yyyy"
        self.fields["valid_to"].widget.attrs["placeholder"] = "dd/mm/yyyy"

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "Ngày hết áp dụng phải sau ngày bắt đầu áp dụng.")
        return data


class BaseSalaryForm(_NoUniqueCheck, forms.ModelForm):
    class Meta:
        model = BaseSalary
        fields = ["valid_from", "amount", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].widget.attrs["placeholder"] = "dd/mm/yyyy"


class VoteThresholdForm(_NoUniqueCheck, forms.ModelForm):
    share = forms.DecimalField(
        label="Tỷ lệ phiếu đồng ý (%) trên tổng số thành viên",
        min_value=0,
        max_value=100,
        decimal_places=0,
    )

    class Meta:
        model = VoteThreshold
        fields = ["honour", "share", "valid_from", "citation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].widget.attrs["placeholder"] = "dd/mm/yyyy"

    def clean_share(self):
        return self.cleaned_data["share"] / 100


class InitiativeKindForm(_NoUniqueCheck, forms.ModelForm):
    class Meta:
        model = InitiativeKind
        fields = ["code", "name"]


class InitiativeScopeForm(_NoUniqueCheck, forms.ModelForm):
    class Meta:
        model = InitiativeScope
        fields = ["code", "name", "rank"]


class DisciplineFormForm(_NoUniqueCheck, forms.ModelForm):
    class Meta:
        model = DisciplineForm
        fields = ["code", "name", "severity"]
