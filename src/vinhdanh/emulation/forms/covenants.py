"""Forms of the bloc's covenant: general part, one commitment, the signatories, the signing."""

from __future__ import annotations

from django import forms

from vinhdanh.orgs.models import Unit

from ..models import Covenant
from .movements import DATE_FORMATS, _dates
from .numbers import DATE_WIDGET


class CovenantForm(forms.ModelForm):
    class Meta:
        model = Covenant
        fields = ["theme", "basis", "place", "signed_on"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3})}
        labels = {"signed_on": "Ngày ký (dự kiến)"}
        help_texts = {"basis": "Mỗi căn cứ một dòng, ví dụ: Kế hoạch số 282/KH-UBND ngày 30/11/2023 của UBND Thành phố"}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "signed_on")

    def _post_clean(self):
        pass


class ItemForm(forms.Form):
    content = forms.CharField(
        label="Nội dung cam kết", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class SignatoriesForm(forms.Form):
    """``name_<unit id>`` and ``position_<unit id>`` for each member unit."""

    def __init__(self, *args, members: list[Unit], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for unit in members:
            name, position = current.get(unit.pk, ("", ""))
            self.fields[f"name_{unit.pk}"] = forms.CharField(
                label=f"Người ký của {unit.name}", required=False, max_length=150, initial=name
            )
            self.fields[f"position_{unit.pk}"] = forms.CharField(
                label=f"Chức vụ người ký của {unit.name}",
                required=False,
                max_length=150,
                initial=position,
            )

    def rows(self):
        return [(u, self[f"name_{u.pk}"], self[f"position_{u.pk}"]) for u in self.members]

    def signatories(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {u.pk: (data.get(f"name_{u.pk}", ""), data.get(f"position_{u.pk}", "")) for u in self.members}  # fmt: skip


class SignForm(forms.Form):
    signed_on = forms.DateField(label="Ngày ký", widget=DATE_WIDGET, input_formats=DATE_FORMATS)
