"""Forms of the council app (dates as dd/mm/yyyy)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability
from vinhdanh.accounts.permissions import scoped
from vinhdanh.orgs.models import PATH_STEP, Unit

from .models import Council, CouncilMeeting, CouncilMember

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def voters_for(unit):
    """Active accounts that may vote on ``unit`` (a voting role granted on it or an ancestor)."""
    step = PATH_STEP + 1
    ancestors = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
    roles = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.COUNCIL_VOTE in caps]
    return (
        get_user_model()
        .objects.filter(
            is_active=True, role_grants__role__in=roles, role_grants__unit__path__in=ancestors
        )
        .distinct()
        .order_by("full_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.username})" if obj.full_name else obj.username


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["unit", "name", "abbreviation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped(
            Unit.objects.filter(active_to__isnull=True),
            user,
            Capability.MANAGE_NOMINATIONS,
            path_field="path",
        ).order_by("path")
        self.fields["abbreviation"].help_text = "Ký hiệu dùng trong số biên bản, thường là HĐTĐKT."

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def _post_clean(self):
        pass


class MemberForm(forms.ModelForm):
    user = UserChoiceField(
        label="Tài khoản biểu quyết điện tử",
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=(
            "Để trống nếu thành viên không có tài khoản: khi có mặt bỏ phiếu giấy (Thư ký nhập "
            "kết quả kiểm phiếu), khi vắng mặt gửi phiếu bằng văn bản."
        ),
    )

    class Meta:
        model = CouncilMember
        fields = ["full_name", "position", "role", "user", "term_start", "term_end"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = voters_for(council.unit)
        for name in ("term_start", "term_end"):
            self.fields[name].widget = DATE_WIDGET
            self.fields[name].input_formats = DATE_FORMATS

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def _post_clean(self):
        pass


class EndTermForm(forms.Form):
    term_end = forms.DateField(
        label="Nhiệm kỳ kết thúc ngày", widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = CouncilMeeting
        fields = ["date", "place"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = DATE_WIDGET
        self.fields["date"].input_formats = DATE_FORMATS

    def _post_clean(self):
        pass


class VoteForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="Ý kiến",
        choices=[("1", "Đồng ý"), ("0", "Không đồng ý")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


class WrittenVoteForm(VoteForm):
    member = forms.ModelChoiceField(
        label="Thành viên vắng mặt", queryset=CouncilMember.objects.none()
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.order_fields(["member", "approve"])


class PaperTallyForm(forms.Form):
    yes = forms.IntegerField(label="Số phiếu đồng ý", min_value=0, initial=0)
    no = forms.IntegerField(label="Số phiếu không đồng ý", min_value=0, initial=0)
    invalid = forms.IntegerField(label="Số phiếu trắng, không hợp lệ", min_value=0, initial=0)
    tally = forms.FileField(
        label="Biên bản kiểm phiếu có chữ ký (PDF)",
        help_text="Chỉ ghi số phiếu theo từng lựa chọn; không ghi tên người bỏ phiếu.",
    )
