"""Forms of the rules screens: setting a jurisdiction parameter."""

from __future__ import annotations

from django import forms

from vinhdanh.accounts.enums import Capability
from vinhdanh.orgs.selectors import unit_choices

from .selectors import param_specs


class ParameterForm(forms.Form):
    key = forms.ChoiceField(label="Tham số")
    jurisdiction = forms.ModelChoiceField(
        label="Áp dụng cho đơn vị (và các đơn vị trực thuộc)",
        queryset=None,
        required=False,
        empty_label="Toàn quốc",
    )
    value = forms.DecimalField(label="Giá trị", max_digits=8, decimal_places=4)
    valid_from = forms.DateField(
        label="Áp dụng từ ngày", input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )  # fmt: skip
    note = forms.CharField(label="Căn cứ, ghi chú", max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        specs = param_specs()
        self.fields["key"].choices = [
            (k, f"{k} — {s.description}") for k, s in sorted(specs.items())
        ]
        self.fields["jurisdiction"].queryset = unit_choices(user, Capability.EDIT_CATALOGUE)

    def clean(self):
        data = super().clean()
        spec = param_specs().get(data.get("key", ""))
        value = data.get("value")
        if (
            spec is not None
            and value is not None
            and (spec.default is None or isinstance(spec.default, int))
        ):
            if value != value.to_integral_value():
                self.add_error("value", "Tham số này nhận số nguyên.")
            else:
                data["value"] = int(value)
        return data
