from django import forms

from .enums import Channel
from .models import Feedback


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label="Cách nhận thông báo", choices=Channel.choices, widget=forms.RadioSelect
    )
    daily_digest = forms.BooleanField(
        label="Gộp thư điện tử thành một bản tin mỗi sáng", required=False
    )


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["content", "page"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "page": forms.HiddenInput(),
        }
