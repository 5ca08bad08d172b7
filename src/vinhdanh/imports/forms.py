from django import forms

from .enums import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại dữ liệu", choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        help_text="Dùng tệp mẫu; hệ thống kiểm tra toàn bộ tệp và cho xem trước trước khi ghi.",
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = [(k, ImportKind(k).label) for k in kinds]
            if len(kinds) == 1:
                self.fields["kind"].initial = kinds[0]


class ConfirmForm(forms.Form):
    agree = forms.BooleanField(
        label="Tôi đã xem bản xem trước và đồng ý ghi dữ liệu này vào hệ thống",
        error_messages={"required": "Hãy đánh dấu ô xác nhận trước khi nhập."},
    )
    identity = forms.BooleanField(label="Tôi xác nhận thay đổi thông tin nhân thân", required=False)

    def __init__(self, *args, identity_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if identity_count:
            self.fields[
                "identity"
            ].label = f"Tôi xác nhận thay đổi thông tin nhân thân của {identity_count} người"
