"""Forms of the period reviews: a new review (title, period) and the filed final version."""

from __future__ import annotations

from django import forms

from ..models import PeriodReview
from .movements import _dates


class ReviewForm(forms.ModelForm):
    class Meta:
        model = PeriodReview
        fields = ["title", "period_start", "period_end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "period_start", "period_end")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
        return data

    def _post_clean(self):
        pass


class ReviewFileForm(forms.Form):
    upload = forms.FileField(
        label="Báo cáo đã hoàn chỉnh (.docx hoặc .pdf)",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )
