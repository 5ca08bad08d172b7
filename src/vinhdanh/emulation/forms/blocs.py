"""Forms of blocs. Rules beyond field types live in services (EmulationError)."""

from __future__ import annotations

from django import forms

from vinhdanh.accounts.enums import Capability
from vinhdanh.core.models import DocumentType
from vinhdanh.orgs.models import Unit

from ..enums import BlocKind
from ..models import Bloc
from ..services.blocs import BLOC_DOC_TYPES
from .movements import DATE_FORMATS, UnitChoiceField, units_for
from .numbers import DATE_WIDGET, year_choices


class BlocFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên, ký hiệu", required=False)
    year = forms.TypedChoiceField(
        label="Năm", required=False, coerce=int, empty_value=None, choices=year_choices()
    )
    owner = forms.ModelChoiceField(
        label="Thuộc Hội đồng của",
        required=False,
        queryset=Unit.objects.none(),
        empty_label="Tất cả",
    )
    kind = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "Tất cả"), *BlocKind.choices]
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class BlocForm(forms.ModelForm):
    class Meta:
        model = Bloc
        fields = ["owner", "kind", "name", "abbreviation", "year", "theme", "flag_cap_share", "leading_seats"]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = UnitChoiceField(
            label="Thuộc Hội đồng TĐKT của",
            queryset=units_for(user, Capability.MANAGE_EMULATION),
            initial=self.instance.owner_id if self.instance.pk else None,
        )

    def _post_clean(self):
        # Uniqueness and ownership are checked by the service with a message naming the bloc.
        pass


class MemberAddForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị thành viên", queryset=Unit.objects.none())
    rotation_order = forms.IntegerField(
        label="Thứ tự luân phiên", min_value=0, required=False, help_text="Để trống: cuối danh sách"
    )
    female_share = forms.DecimalField(
        label="Tỷ lệ nữ (0–1)", min_value=0, max_value=1, decimal_places=3, required=False
    )

    def __init__(self, *args, user, bloc, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user).exclude(
            pk__in=bloc.members.values("unit_id")
        )


class LeadersForm(forms.Form):
    head = forms.ModelChoiceField(label="Trưởng khối", queryset=Unit.objects.none())
    deputy = forms.ModelChoiceField(label="Khối phó", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, bloc, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(bloc_memberships__bloc=bloc).order_by(
            "bloc_memberships__rotation_order", "pk"
        )
        self.fields["head"].queryset = units
        self.fields["deputy"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("head") and data.get("deputy") and data["head"] == data["deputy"]:
            raise forms.ValidationError("Trưởng khối và Khối phó phải là hai đơn vị khác nhau.")
        return data


class BlocDocumentForm(forms.Form):
    doc_type = forms.ChoiceField(
        label="Loại văn bản",
        choices=[(t.value, t.label) for t in DocumentType if t in BLOC_DOC_TYPES],
    )
    title = forms.CharField(label="Trích yếu", max_length=500)
    doc_date = forms.DateField(label="Ngày văn bản", widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    signer = forms.CharField(label="Người ký", max_length=150, required=False)
    upload = forms.FileField(label="Tệp đính kèm (PDF, DOCX, XLSX, PNG, JPG)", required=False)
