"""Forms for units and people. They only parse input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from .divisions import provinces, wards_of
from .enums import Gender, UnitLevel
from .models import Unit

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)
DATE_MESSAGES = {"invalid": "Ngày không đúng định dạng dd/mm/yyyy."}
REQUIRED = {"required": "Trường này là bắt buộc."}


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={**DATE_MESSAGES, **REQUIRED},
        help_text=help_text,
    )


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown indented by depth so the select reads like the tree."""

    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


class UnitForm(forms.Form):
    parent = UnitChoiceField(
        label="Đơn vị cấp trên",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— Không có (đơn vị cấp cao nhất) —",
        error_messages={"invalid_choice": "Chọn đơn vị cấp trên trong danh sách."},
    )
    code = forms.CharField(
        label="Mã đơn vị",
        max_length=40,
        help_text="Mã duy nhất, ví dụ HN.SYT",
        error_messages=REQUIRED,
    )
    name = forms.CharField(label="Tên đơn vị", max_length=255, error_messages=REQUIRED)
    abbreviation = forms.CharField(
        label="Tên viết tắt",
        max_length=30,
        help_text="Dùng trong số hiệu văn bản, ví dụ SYT",
        error_messages=REQUIRED,
    )
    level = forms.ChoiceField(label="Cấp", choices=UnitLevel.choices, error_messages=REQUIRED)
    # Plain integers behind the selects: the service checks that the ward belongs to the province
    # and says so in words, instead of a generic "invalid choice".
    province_code = forms.IntegerField(label="Tỉnh/thành phố", required=False, widget=forms.Select)
    ward_code = forms.IntegerField(label="Xã/phường/đặc khu", required=False, widget=forms.Select)
    address = forms.CharField(label="Địa chỉ (số nhà, đường)", max_length=255, required=False)
    active_from = date_field("Hoạt động từ")
    pending_review = forms.BooleanField(
        label="Đang xem xét (kỷ luật, thanh tra, khiếu nại)", required=False
    )
    pending_review_note = forms.CharField(
        label="Lý do đang xem xét", max_length=255, required=False
    )

    def __init__(self, *args, parents=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["parent"]  # moving has its own screen
        else:
            self.fields["parent"].queryset = parents if parents is not None else Unit.objects.none()
        self.fields["province_code"].widget.choices = [
            ("", "— Chọn tỉnh/thành phố —"),
            *provinces(),
        ]
        province = (
            self.data.get("province_code") if self.is_bound else self.initial.get("province_code")
        )
        try:
            province = int(province) if province else None
        except (TypeError, ValueError):
            province = None
        self.fields["ward_code"].widget.choices = [("", "— Chọn xã/phường —"), *wards_of(province)]
        self.fields["province_code"].widget.attrs.update(
            {
                "hx-get": reverse("orgs:ward_options"),
                "hx-target": "#id_ward_code",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )


class UnitMoveForm(forms.Form):
    parent = UnitChoiceField(
        label="Đơn vị cấp trên mới",
        queryset=Unit.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": "Chọn đơn vị cấp trên trong danh sách."},
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Unit.objects.none()


class UnitCloseForm(forms.Form):
    on = date_field("Ngừng hoạt động từ ngày", required=True)
    note = forms.CharField(label="Căn cứ (số quyết định, ghi chú)", max_length=255, required=False)


class PersonForm(forms.Form):
    unit = UnitChoiceField(
        label="Đơn vị công tác",
        queryset=Unit.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": "Chọn đơn vị trong danh sách."},
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150, error_messages=REQUIRED)
    gender = forms.ChoiceField(
        label="Giới tính", choices=[("", "— Chọn —"), *Gender.choices], error_messages=REQUIRED
    )
    date_of_birth = date_field("Ngày sinh")
    cccd = forms.CharField(
        label="Số CCCD",
        max_length=12,
        min_length=12,
        help_text="12 chữ số",
        error_messages={
            **REQUIRED,
            "min_length": "CCCD phải gồm đúng 12 chữ số.",
            "max_length": "CCCD phải gồm đúng 12 chữ số.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    position = forms.CharField(label="Chức vụ", max_length=150, required=False)
    is_leader = forms.BooleanField(label="Giữ chức vụ lãnh đạo, quản lý", required=False)
    is_direct_worker = forms.BooleanField(label="Người lao động trực tiếp", required=False)
    hired_on = date_field("Ngày bắt đầu công tác")
    pending_review = forms.BooleanField(
        label="Đang xem xét (kỷ luật, thanh tra, khiếu nại)", required=False
    )
    pending_review_note = forms.CharField(
        label="Lý do đang xem xét", max_length=255, required=False
    )

    def __init__(self, *args, units=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]  # transfers go through person_move
        else:
            self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class PersonMoveForm(forms.Form):
    unit = UnitChoiceField(
        label="Chuyển đến đơn vị",
        queryset=Unit.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": "Chọn đơn vị trong danh sách."},
    )
    on = date_field("Từ ngày", required=True)
    position = forms.CharField(
        label="Chức vụ tại đơn vị mới",
        max_length=150,
        required=False,
        help_text="Để trống nếu giữ nguyên",
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
