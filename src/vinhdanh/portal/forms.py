from __future__ import annotations

from django import forms

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import scoped
from vinhdanh.orgs.models import Person, Unit

from .models import ExemplarStory

REQUIRED = "Vui lòng nhập {}."


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Họ và tên",
        max_length=150,
        error_messages={"required": REQUIRED.format("họ và tên")},
    )
    contact = forms.CharField(
        label="Điện thoại hoặc thư điện tử",
        max_length=150,
        error_messages={"required": REQUIRED.format("số điện thoại hoặc thư điện tử để liên hệ")},
    )
    nominee = forms.TypedChoiceField(label="Góp ý về", required=False, coerce=int, empty_value=None)
    content = forms.CharField(
        label="Nội dung góp ý",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": REQUIRED.format("nội dung góp ý"),
            "max_length": "Nội dung góp ý tối đa 5.000 ký tự.",
        },
    )
    # Honeypot: hidden from people by CSS; robots fill it in.
    website = forms.CharField(label="Trang web", required=False)

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", "Cả danh sách")] + [
            (n.pk, n.display_name) for n in nominees
        ]

    def clean_contact(self):
        value = self.cleaned_data["contact"].strip()
        digits = sum(ch.isdigit() for ch in value)
        if "@" not in value and digits < 8:
            raise forms.ValidationError(
                "Nhập số điện thoại (ít nhất 8 chữ số) hoặc địa chỉ thư điện tử hợp lệ."
            )
        return value


class SerialForm(forms.Form):
    serial = forms.CharField(
        label="Số vào sổ ghi trên bằng, giấy khen",
        max_length=40,
        error_messages={"required": "Nhập số vào sổ ghi trên bằng, giấy khen."},
    )


class StoryForm(forms.ModelForm):
    class Meta:
        model = ExemplarStory
        fields = ["title", "person", "unit", "summary", "body"]
        error_messages = {
            "title": {"required": "Nhập tiêu đề."},
            "summary": {"required": "Nhập tóm tắt."},
            "body": {"required": "Nhập nội dung."},
        }
        labels = {"person": "Cá nhân", "unit": "Tập thể"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cap = Capability.MANAGE_NOMINATIONS
        self.fields["person"].queryset = scoped(
            Person.objects.select_related("unit").order_by("sort_key", "id"),
            user,
            cap,
            path_field="unit__path",
        )
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} – {p.unit.name}"
        self.fields["unit"].queryset = scoped(
            Unit.objects.order_by("sort_key", "id"), user, cap, path_field="path"
        )

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("unit"):
            raise forms.ValidationError("Chọn cá nhân hoặc tập thể được nêu gương.")
        if data.get("person") and data.get("unit"):
            raise forms.ValidationError("Chỉ chọn một: cá nhân hoặc tập thể.")
        return data
