"""Forms of registration. Rules beyond field types live in services (EmulationError)."""

from __future__ import annotations

from django import forms

from vinhdanh.orgs.models import Person, Unit

from ..enums import RegistrationKind
from ..models import EmulationModel
from ..selectors.registrations import collective_honours, individual_honours
from .movements import DATE_FORMATS

MAX_UPLOAD = 5 * 1024 * 1024


class DeadlineForm(forms.Form):
    registration_deadline = forms.DateField(
        label="Hạn đăng ký thi đua",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        help_text="Để trống nếu không đặt hạn.",
    )


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo họ tên", required=False)
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False, empty_label="Tất cả"
    )
    honour = forms.ModelChoiceField(
        label="Danh hiệu", queryset=collective_honours(), required=False, empty_label="Tất cả"
    )
    kind = forms.ChoiceField(
        label="Đối tượng", required=False, choices=[("", "Tất cả"), *RegistrationKind.choices]
    )
    warning_only = forms.BooleanField(label="Chỉ đăng ký có cảnh báo", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by(
            "sort_key", "pk"
        )
        self.fields["honour"].queryset = (collective_honours() | individual_honours()).order_by(
            "position", "code"
        )


class CollectiveForm(forms.Form):
    honours = forms.ModelMultipleChoiceField(
        label="Danh hiệu tập thể đăng ký",
        queryset=collective_honours(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class EmulationModelForm(forms.ModelForm):
    class Meta:
        model = EmulationModel
        fields = ["name", "description", "indicators"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.Textarea(attrs={"rows": 4, "placeholder": "Mỗi chỉ tiêu một dòng"}),
        }


class IndividualForm(forms.Form):
    """One title for one or many people of the unit's subtree (the picker's checkboxes)."""

    honour = forms.ModelChoiceField(
        label="Danh hiệu cá nhân", queryset=individual_honours(), empty_label="— Chọn danh hiệu —"
    )
    people = forms.ModelMultipleChoiceField(
        label="Người được đăng ký",
        queryset=Person.objects.none(),
        error_messages={
            "required": "Chọn ít nhất một người.",
            "invalid_choice": "Người được chọn không thuộc đơn vị.",
        },
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(
            unit__path__startswith=unit.path
        ).select_related("unit")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)", help_text="Cột: Số CCCD, Họ và tên, Danh hiệu (mã)."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp Excel .xlsx.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp quá lớn (tối đa 5 MB).")
        return upload
