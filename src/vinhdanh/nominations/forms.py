"""Forms for preparing a dossier and its nominees."""

from __future__ import annotations

from django import forms

from vinhdanh.accounts.enums import Capability
from vinhdanh.catalogue.models import Honour
from vinhdanh.core.text import fold
from vinhdanh.emulation.permissions import movements_visible
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.orgs.selectors import units_visible

from .enums import AttachmentKind, DossierKind, DossierStatus, NomineeKind
from .models import Dossier, Nominee

PICKER_LIMIT = 50


class DossierForm(forms.ModelForm):
    class Meta:
        model = Dossier
        fields = ["kind", "title", "year", "sending_unit", "receiving_unit", "movement"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        senders = units_visible(user, Capability.MANAGE_NOMINATIONS).filter(active_to__isnull=True)
        self.fields["sending_unit"].queryset = senders.order_by("path")
        self.fields["receiving_unit"].queryset = Unit.objects.filter(
            active_to__isnull=True
        ).order_by("path")
        self.fields["receiving_unit"].required = False
        self.fields[
            "receiving_unit"
        ].help_text = "Một đơn vị cấp trên của đơn vị đề nghị; để trống: cấp trên trực tiếp."
        self.fields["movement"].required = False
        # only the movements the user may see (launched in or joined by a unit of their scope)
        self.fields["movement"].queryset = movements_visible(user).order_by("-start", "pk")
        self.fields["movement"].label = "Phong trào thi đua (hồ sơ theo phong trào)"
        self.fields["kind"].choices = DossierKind.choices


class NomineeForm(forms.Form):
    kind = forms.ChoiceField(label="Đối tượng", choices=NomineeKind.choices)
    person = forms.ModelChoiceField(label="Cá nhân", queryset=Person.objects.none(), required=False)
    unit = forms.ModelChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    outsider_name = forms.CharField(
        label="Họ tên / tên hộ gia đình (ngoài hệ thống)", max_length=255, required=False
    )
    outsider_details = forms.CharField(
        label="Thông tin thêm (quốc tịch, địa chỉ, chức vụ)", max_length=500, required=False
    )
    honour = forms.ModelChoiceField(
        label="Đề nghị danh hiệu/hình thức", queryset=Honour.objects.filter(is_active=True)
    )
    justification = forms.CharField(
        label="Giải trình (căn cứ xét thủ công)", widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )  # fmt: skip

    def __init__(self, *args, dossier: Dossier, q: str = "", current=None, **kwargs):
        super().__init__(*args, **kwargs)
        root = dossier.sending_unit.path
        people = Person.objects.filter(unit__path__startswith=root).select_related("unit")
        units = Unit.objects.filter(path__startswith=root, active_to__isnull=True)
        if q:
            folded = fold(q)
            people = people.filter(name_folded__contains=folded)
            units = units.filter(name_folded__contains=folded)
        if not self.is_bound:
            # Options shown: the search's matches (and the current subject); the bound form
            # validates against the whole subtree.
            keep_p = [current.person_id] if current and current.person_id else []
            keep_u = [current.unit_id] if current and current.unit_id else []
            people_ids = list(
                people.order_by("sort_key").values_list("pk", flat=True)[:PICKER_LIMIT]
            )
            unit_ids = list(units.order_by("sort_key").values_list("pk", flat=True)[:PICKER_LIMIT])
            people = Person.objects.filter(pk__in=people_ids + keep_p).select_related("unit")
            units = Unit.objects.filter(pk__in=unit_ids + keep_u)
        else:
            people = Person.objects.filter(unit__path__startswith=root).select_related("unit")
            units = Unit.objects.filter(path__startswith=root, active_to__isnull=True)
        self.fields["person"].queryset = people.order_by("sort_key")
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} – {p.unit.name}"
        self.fields["unit"].queryset = units.order_by("sort_key")
        self.fields["honour"].label_from_instance = lambda h: h.name


class DossierFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả")] + DossierStatus.choices, required=False
    )
    kind = forms.ChoiceField(
        label="Loại hình", choices=[("", "Tất cả")] + DossierKind.choices, required=False
    )
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.filter(active_to__isnull=True), required=False,
        empty_label="Tất cả",
    )  # fmt: skip
    overdue = forms.BooleanField(label="Chỉ hồ sơ quá hạn", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            units_visible(user).filter(active_to__isnull=True).order_by("path")
        )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=AttachmentKind.choices)
    nominee = forms.ModelChoiceField(
        label="Của đối tượng", queryset=Nominee.objects.none(), required=False,
        empty_label="Chung cho cả hồ sơ",
    )  # fmt: skip
    file = forms.FileField(
        label="Tệp (PDF, Word, Excel, ảnh PNG/JPEG)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nominee"]
        field.queryset = dossier.nominees.select_related("person", "unit")
        field.label_from_instance = lambda n: n.display_name


class ReplaceForm(forms.Form):
    file = forms.FileField(label="Bản đã chỉnh sửa")
