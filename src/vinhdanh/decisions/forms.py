"""Forms of the decisions app; rules live in services (DecisionsError)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from vinhdanh.catalogue.models import Honour
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.registry.models import AwardKind

from .models import CertificateBlank, Decision, DecisionStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_widget():
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["issuer", "title", "award_kind", "signer", "legal_basis", "recipients"]
        widgets = {
            "title": forms.TextInput(attrs={"size": 80}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else Unit.objects.none()
        self.fields["signer"].queryset = signers_for(units)
        self.fields["signer"].required = False
        self.fields["award_kind"].required = False  # blank: thường xuyên
        self.fields["title"].initial = self.fields["title"].initial or "Về việc khen thưởng"
        if self.instance.pk:
            self.fields["issuer"].disabled = True

    def clean_award_kind(self):
        return self.cleaned_data.get("award_kind") or AwardKind.REGULAR


class LineForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Cá nhân trong hệ thống", queryset=Person.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label="Tập thể trong hệ thống", queryset=Unit.objects.none(), required=False
    )
    name = forms.CharField(label="Hoặc họ tên / tên (nhập tay)", max_length=255, required=False)
    details = forms.CharField(label="Chức vụ, đơn vị", max_length=500, required=False)
    subject_kind = forms.ChoiceField(
        label="Đối tượng (khi nhập tay)",
        choices=[("individual", "Cá nhân"), ("household", "Hộ gia đình")],
        initial="individual",
    )
    honour = forms.ModelChoiceField(
        label="Hình thức khen thưởng", queryset=Honour.objects.filter(is_active=True)
    )
    achievement_year = forms.IntegerField(label="Năm thành tích", min_value=1945, max_value=2100)

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people.select_related("unit").order_by("sort_key")
        if units is not None:
            self.fields["unit"].queryset = units.order_by("path")
        self.fields["achievement_year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        chosen = [bool(data.get("person")), bool(data.get("unit")), bool(data.get("name"))]
        if sum(chosen) != 1:
            raise forms.ValidationError(
                "Chọn đúng một đối tượng: một cá nhân, một tập thể hoặc ghi tên người ngoài hệ thống."
            )
        return data


def signers_for(units):
    """Users holding a "Lãnh đạo, người ký" grant with a recorded signing capacity on one of
    ``units`` or above them (the service checks the exact issuer)."""
    from django.contrib.auth import get_user_model

    from vinhdanh.accounts.models import RoleGrant

    User = get_user_model()
    if units is None:
        return User.objects.none()
    paths = list(units.values_list("path", flat=True))
    ancestor_ids = {int(p) for path in paths for p in path.strip(".").split(".") if p}
    grants = (
        RoleGrant.objects.filter(role="signer", unit_id__in=ancestor_ids)
        .exclude(sign_position="")
        .exclude(sign_mode="")
    )
    return User.objects.filter(pk__in=grants.values("user_id"), is_active=True).order_by(
        "full_name"
    )


class IssueForm(forms.Form):
    date = forms.DateField(label="Ngày ký", input_formats=DATE_FORMATS, widget=_date_widget())
    signer = forms.ModelChoiceField(
        label="Người ký",
        queryset=None,
        help_text="Khối chữ ký lấy theo chức vụ ký đã ghi cho người này (KT., TM., Q., TL., TUQ.)",
    )

    def __init__(self, *args, issuer=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk=issuer.pk) if issuer is not None else None
        self.fields["signer"].queryset = signers_for(units)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Lý do hủy bỏ", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label="Lý do vẫn khen thưởng (không in trên quyết định)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Lý do gỡ khỏi cổng thông tin",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ExternalDecisionForm(forms.ModelForm):
    """A decision made by another body, recorded here with its scan (PDF)."""

    date = forms.DateField(label="Ngày ký", input_formats=DATE_FORMATS, widget=_date_widget())
    scan = forms.FileField(label="Bản chụp quyết định (PDF)", required=False)

    class Meta:
        model = Decision
        fields = [
            "issuer",
            "external_number",
            "date",
            "external_issuer_name",
            "external_authority",
            "title",
            "award_kind",
            "answers_dossier",
        ]
        labels = {"issuer": "Đơn vị ghi nhận"}
        widgets = {"title": forms.TextInput(attrs={"size": 80})}

    def __init__(self, *args, units=None, dossiers=None, **kwargs):
        from vinhdanh.catalogue.enums import Authority

        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else Unit.objects.none()
        self.fields["external_number"].required = True
        self.fields["external_number"].help_text = "Ví dụ: 1234/QĐ-TTg"
        self.fields["external_issuer_name"].required = True
        self.fields["external_issuer_name"].help_text = "Ví dụ: Thủ tướng Chính phủ"
        self.fields["external_authority"] = forms.ChoiceField(
            label="Thẩm quyền", choices=[("", "—")] + Authority.choices, required=False
        )
        self.fields["answers_dossier"].queryset = (
            dossiers if dossiers is not None else self.fields["answers_dossier"].queryset.none()
        )
        self.fields["answers_dossier"].required = False
        self.fields["award_kind"].required = False  # blank: thường xuyên
        self.fields["title"].initial = self.fields["title"].initial or "Về việc khen thưởng"
        if self.instance.pk:
            self.fields["issuer"].disabled = True

    def clean_award_kind(self):
        return self.cleaned_data.get("award_kind") or AwardKind.REGULAR


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    origin = forms.ChoiceField(
        label="Loại",
        choices=[("", "Tất cả"), ("internal", "Do đơn vị ban hành"), ("external", "Của cấp khác")],
        required=False,
    )
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả")] + DecisionStatus.choices, required=False
    )
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)


class BlankForm(forms.ModelForm):
    """A blank and the calibrated position (mm from the top-left corner) of each field."""

    class Meta:
        model = CertificateBlank
        fields = ["name", "honour", "width_mm", "height_mm"]

    def __init__(self, *args, **kwargs):
        from .certificates import DEFAULT_POSITIONS, FIELDS, MARK_MM, OFFSET_KEY

        super().__init__(*args, **kwargs)
        positions = {**DEFAULT_POSITIONS, **(self.instance.positions or {})}
        offset = positions.get(OFFSET_KEY) or {}
        for part, label in (("x", "ngang"), ("y", "dọc")):
            self.fields[f"offset_{part}"] = forms.DecimalField(
                label=f"Độ lệch máy in, {label} (mm)",
                min_value=-50,
                max_value=50,
                decimal_places=1,
                initial=offset.get(part, 0),
                required=False,
                help_text=(
                    f"In trang thử, đo tâm dấu + (phải cách mép {MARK_MM} mm). In lệch "
                    f"{'sang phải' if part == 'x' else 'xuống dưới'} 2 mm (đo được "
                    f"{MARK_MM + 2} mm) thì nhập -2; lệch ngược lại thì nhập số dương."
                ),
            )
        for key, label in FIELDS.items():
            for part, part_label, max_value in (
                ("x", "ngang (mm)", 400),
                ("y", "dọc (mm)", 400),
                ("size", "cỡ chữ (pt)", 72),
            ):
                self.fields[f"{key}_{part}"] = forms.DecimalField(
                    label=f"{label}: {part_label}",
                    min_value=0,
                    max_value=max_value,
                    decimal_places=1,
                    initial=positions[key][part],
                    required=False,  # empty: the position kept (or the default)
                )

    def save(self, commit=True):
        from .certificates import DEFAULT_POSITIONS, FIELDS, OFFSET_KEY

        kept = {**DEFAULT_POSITIONS, **(self.instance.positions or {})}
        self.instance.positions = {
            key: {
                part: float(
                    self.cleaned_data.get(f"{key}_{part}")
                    if self.cleaned_data.get(f"{key}_{part}") is not None
                    else kept[key][part]
                )
                for part in ("x", "y", "size")
            }
            for key in FIELDS
        }
        offset = {part: float(self.cleaned_data.get(f"offset_{part}") or 0) for part in ("x", "y")}
        if any(offset.values()):
            self.instance.positions[OFFSET_KEY] = offset
        return super().save(commit)
