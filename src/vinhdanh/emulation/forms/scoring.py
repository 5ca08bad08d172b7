"""Forms of scoring: table settings, criteria, reopening, evidence. The sheet itself is built
per criterion in the view (one points and one note input per scored item)."""

from __future__ import annotations

from django import forms

from ..enums import CriterionKind, CrossScoringMethod, TieBreak
from ..models import Criterion

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
TIE_CHOICES = [("", "—")] + [
    (v, label) for v, label in TieBreak.choices if v != TieBreak.FEMALE_SHARE
]


class TableForm(forms.Form):
    name = forms.CharField(label="Tên bảng điểm", max_length=255)
    method = forms.ChoiceField(label="Cách chấm chéo", choices=CrossScoringMethod.choices)
    deadline = forms.DateTimeField(
        label="Hạn chấm điểm", required=False, input_formats=DATETIME_FORMATS,
        help_text="dd/mm/yyyy hh:mm; quá hạn thì không ai nhập, sửa điểm được nữa",
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M"),
    )  # fmt: skip
    tie_1 = forms.ChoiceField(label="Khi bằng điểm, xét trước", choices=TIE_CHOICES, required=False)
    tie_2 = forms.ChoiceField(label="rồi xét", choices=TIE_CHOICES, required=False)
    tie_3 = forms.ChoiceField(label="rồi xét", choices=TIE_CHOICES, required=False)
    tie_4 = forms.ChoiceField(
        label="rồi xét", choices=TIE_CHOICES, required=False,
        help_text="Cuối cùng luôn ưu tiên đơn vị có tỷ lệ nữ từ 70% trở lên (NĐ 152/2025, Điều 4)",
    )  # fmt: skip

    def __init__(self, *args, locked_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in locked_fields:
            self.fields[name].disabled = True

    @classmethod
    def initial_for(cls, table) -> dict:
        data = {"name": table.name, "method": table.method, "deadline": table.deadline}
        for i, key in enumerate(table.tie_break or [], start=1):
            if i <= 4 and key != TieBreak.FEMALE_SHARE:
                data[f"tie_{i}"] = key
        return data

    def clean(self):
        data = super().clean()
        order = [data.get(f"tie_{i}") for i in range(1, 5) if data.get(f"tie_{i}")]
        if len(order) != len(set(order)):
            raise forms.ValidationError(
                "Mỗi tiêu chí phụ chỉ chọn một lần trong thứ tự xét bằng điểm."
            )
        data["tie_break"] = order
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["parent", "code", "name", "kind", "max_points", "guidance"]
        labels = {"parent": "Thuộc nhóm"}
        help_texts = {
            "max_points": "Với nhóm điểm thưởng/điểm trừ: mức trần của cả nhóm (0 = không giới hạn chung)",
        }
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        groups = Criterion.objects.filter(table=table, kind=CriterionKind.GROUP).order_by(
            "position", "id"
        )
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = groups
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = "— (mục gốc)"


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Lý do mở lại", max_length=255, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateTimeField(
        label="Hạn chấm mới", required=False, input_formats=DATETIME_FORMATS,
        help_text="dd/mm/yyyy hh:mm; bắt buộc nếu hạn cũ đã qua",
    )  # fmt: skip


class EvidenceForm(forms.Form):
    criterion = forms.ModelChoiceField(label="Tiêu chí", queryset=Criterion.objects.none())
    file = forms.FileField(label="Tệp minh chứng")

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = (
            Criterion.objects.filter(table=table)
            .exclude(kind=CriterionKind.GROUP)
            .order_by("position", "id")
        )


class ImportCriteriaForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        help_text="Cột: Số hiệu, Nội dung, Loại, Điểm tối đa, Thuộc nhóm (số hiệu), Hướng dẫn chấm",
    )
