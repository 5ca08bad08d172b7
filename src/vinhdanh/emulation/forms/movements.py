"""Forms of movements. Rules beyond field types live in services (EmulationError)."""

from __future__ import annotations

from django import forms

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import scoped
from vinhdanh.core.models import DocumentType
from vinhdanh.orgs.models import Unit

from ..enums import MovementKind, MovementStatus
from ..models import Milestone, Movement
from .numbers import DATE_WIDGET, year_choices

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _dates(form, *names):
    for name in names:
        form.fields[name].widget = forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}
        )
        form.fields[name].input_formats = DATE_FORMATS


def units_for(user, capability=Capability.VIEW):
    return scoped(
        Unit.objects.filter(active_to__isnull=True), user, capability, path_field="path"
    ).order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"


class MovementFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo chủ đề", required=False)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *MovementStatus.choices]
    )
    kind = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *MovementKind.choices]
    )
    year = forms.TypedChoiceField(
        label="Năm", required=False, coerce=int, empty_value=None, choices=year_choices()
    )


class MovementForm(forms.ModelForm):
    class Meta:
        model = Movement
        fields = ["launching_unit", "authority", "theme", "kind", "start", "end", "audience", "criteria", "parent", "launch_level", "scope"]  # fmt: skip
        widgets = {"criteria": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launching_unit"] = UnitChoiceField(
            label="Đơn vị phát động",
            queryset=units_for(user, Capability.MANAGE_EMULATION),
            initial=self.instance.launching_unit_id if self.instance.pk else None,
        )
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda m: (
            f"{m.theme} ({m.launching_unit.name}, {m.start:%Y})"
        )
        _dates(self, "start", "end")

    def _post_clean(self):
        # Cross-field rules are checked by the service.
        pass


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "title", "due", "remind_days_before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "due")


class ParticipantForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị tham gia", queryset=Unit.objects.none())
    joined_on = forms.DateField(
        label="Tham gia từ", required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("prefix", "p")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)


class MovementDocumentForm(forms.Form):
    doc_type = forms.ChoiceField(
        label="Lấy số của đơn vị phát động, loại văn bản",
        required=False,
        choices=[("", "— Văn bản do nơi khác ban hành —"), *DocumentType.choices],
    )
    external_number = forms.CharField(
        label="Số hiệu (văn bản do nơi khác ban hành)",
        max_length=60,
        required=False,
        help_text="Ví dụ 282/KH-UBND",
    )
    title = forms.CharField(label="Trích yếu", max_length=500)
    doc_date = forms.DateField(label="Ngày văn bản", widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    upload = forms.FileField(label="Tệp đính kèm (PDF, DOCX, XLSX, PNG, JPG)", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "d")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if bool(data.get("doc_type")) == bool((data.get("external_number") or "").strip()):
            raise forms.ValidationError(
                "Chọn loại văn bản để lấy số của đơn vị phát động, hoặc ghi số hiệu văn bản do nơi khác ban hành (không cả hai)."
            )
        return data
