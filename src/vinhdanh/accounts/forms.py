from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import validate_password

from .backends import AccountLocked
from .enums import Role, SigningMode


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản đã bị vô hiệu hóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = authenticate(self.request, username=username, password=password)
            except AccountLocked as exc:
                raise forms.ValidationError(str(exc), code="locked") from exc
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


# --- user management ---------------------------------------------------------------------

_PASSWORD_MESSAGES = {
    "password_too_short": "Mật khẩu quá ngắn: cần ít nhất {min_length} ký tự.",
    "password_too_common": "Mật khẩu này quá phổ biến, dễ bị đoán.",
    "password_entirely_numeric": "Mật khẩu không được chỉ gồm chữ số.",
    "password_too_similar": "Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử.",
}


def validate_password_vi(password: str, user=None) -> None:
    """AUTH_PASSWORD_VALIDATORS, with each message in Vietnamese (Django's vi catalogue is partial)."""
    try:
        validate_password(password, user)
    except forms.ValidationError as exc:
        messages = []
        for err in exc.error_list:
            template = _PASSWORD_MESSAGES.get(err.code)
            messages.append(
                template.format(**(err.params or {})) if template else " ".join(err.messages)
            )
        raise forms.ValidationError(messages) from exc


class VnPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Mật khẩu hiện tại không chính xác.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không khớp.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields[
            "new_password1"
        ].help_text = "Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số."
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"

    def clean(self):
        # Replaces SetPasswordForm.clean so that every message is Vietnamese.
        p1 = self.cleaned_data.get("new_password1")
        p2 = self.cleaned_data.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "new_password2",
                forms.ValidationError(
                    self.error_messages["password_mismatch"], code="password_mismatch"
                ),
            )
        elif p2:
            try:
                validate_password_vi(p2, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password2", exc)
        return self.cleaned_data


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label="Tên đăng nhập",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={
            "invalid": "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . @ + - _"
        },
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        widget=forms.PasswordInput(render_value=True),
        help_text="Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số. Người dùng nên đổi sau lần đăng nhập đầu.",
    )
    role = forms.ChoiceField(label="Vai trò", choices=[("", "— Chọn vai trò —"), *Role.choices])
    unit = UnitChoiceField(label="Đơn vị", queryset=None, empty_label="— Chọn đơn vị —")

    def __init__(self, *args, units, role_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["role"].required = role_required
        self.fields["unit"].required = role_required
        for name in ("username", "full_name", "password", "role", "unit"):
            self.fields[name].error_messages["required"] = "Trường này là bắt buộc."

    def clean_username(self):
        from django.contrib.auth import get_user_model

        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                f"Tên đăng nhập “{username}” đã được dùng; hãy chọn tên khác."
            )
        return username

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(
                username=data.get("username", ""),
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password_vi(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        if bool(data.get("role")) != bool(data.get("unit")):
            self.add_error("unit" if data.get("role") else "role", "Hãy chọn cả vai trò và đơn vị.")
        return data


class UserEditForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên", max_length=150, error_messages={"required": "Trường này là bắt buộc."}
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(
        label="Vai trò",
        choices=[("", "— Chọn vai trò —"), *Role.choices],
        error_messages={"required": "Hãy chọn vai trò."},
    )
    unit = UnitChoiceField(
        label="Đơn vị",
        queryset=None,
        empty_label="— Chọn đơn vị —",
        error_messages={
            "required": "Hãy chọn đơn vị.",
            "invalid_choice": "Đơn vị không thuộc phạm vi bạn quản lý.",
        },
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class UserFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên, tên đăng nhập", required=False)
    role = forms.ChoiceField(
        label="Vai trò", choices=[("", "Tất cả"), *Role.choices], required=False
    )
    unit = UnitChoiceField(label="Đơn vị", queryset=None, required=False, empty_label="Tất cả")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=100,
        help_text="Ví dụ: Phần mềm quản lý cán bộ của Sở",
        error_messages={"required": "Hãy đặt tên gợi nhớ cho mã truy cập."},
    )


class SigningCapacityForm(forms.Form):
    mode = forms.ChoiceField(label="Cách ký", choices=SigningMode.choices)
    position = forms.CharField(
        label="Chức vụ của người ký", max_length=120, help_text="Ví dụ: PHÓ CHỦ TỊCH"
    )
    head_title = forms.CharField(
        label="Chức vụ người đứng đầu",
        max_length=120,
        required=False,
        help_text="Với KT., Q., TL., TUQ.: ví dụ CHỦ TỊCH, GIÁM ĐỐC",
    )
    collective = forms.CharField(
        label="Tập thể (TM.)",
        max_length=200,
        required=False,
        help_text="Ví dụ: ỦY BAN NHÂN DÂN",
    )
