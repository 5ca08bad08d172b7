"""Forms of a bloc's meetings: the meeting with one attendance row per member, the minutes upload."""

from __future__ import annotations

from django import forms

from vinhdanh.orgs.models import Unit

from ..models import Meeting
from .movements import DATE_FORMATS, _dates


class MeetingForm(forms.ModelForm):
    """``present_<unit id>`` and ``delegates_<unit id>`` fields follow the meeting's own fields."""

    class Meta:
        model = Meeting
        fields = ["kind", "date", "place", "chair_unit", "chair_name", "guests", "agenda", "conclusions"]  # fmt: skip
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
            "guests": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, members: list[Unit], attendance: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "date")
        self.fields["date"].input_formats = DATE_FORMATS
        self.fields["chair_unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in members]).order_by("sort_key")  # fmt: skip
        self.fields["chair_unit"].required = False
        self.members = members
        attendance = attendance or {}
        for unit in members:
            present, delegates = attendance.get(unit.pk, (True, ""))
            self.fields[f"present_{unit.pk}"] = forms.BooleanField(
                label=f"{unit.name} có mặt", required=False, initial=present
            )
            self.fields[f"delegates_{unit.pk}"] = forms.CharField(
                label=f"Đại biểu {unit.name}", required=False, max_length=500, initial=delegates
            )

    def attendance_rows(self):
        return [(u, self[f"present_{u.pk}"], self[f"delegates_{u.pk}"]) for u in self.members]

    def main_fields(self):
        return [self[name] for name in self._meta.fields]

    def attendance(self) -> dict[int, tuple[bool, str]]:
        data = self.cleaned_data
        return {u.pk: (bool(data.get(f"present_{u.pk}")), data.get(f"delegates_{u.pk}") or "") for u in self.members}  # fmt: skip

    def meeting_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}

    def _post_clean(self):
        # The service writes the meeting; the model form only parses and validates fields.
        pass


class MinutesUploadForm(forms.Form):
    upload = forms.FileField(
        label="Biên bản đã chỉnh sửa (.docx hoặc .pdf)",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )
