from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PeriodKind, ProgramTask


class PeriodForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("Kỳ"), choices=PeriodKind.choices, initial=PeriodKind.MONTH)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year)
    month = forms.IntegerField(label=_("Tháng"), min_value=0, max_value=12, required=False, initial=lambda: timezone.localdate().month)

    def clean(self):
        data = super().clean()
        if data.get("period_kind") == PeriodKind.YEAR:
            data["month"] = 0
        elif not data.get("month"):
            self.add_error("month", _("Chọn tháng (từ 1 đến 12) cho kỳ tháng."))
        return data


class RegistrationForm(PeriodForm):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Bạn không thể đăng ký, báo cáo cho đơn vị này.")},
    )
    items = forms.CharField(
        label=_("Nội dung công việc đăng ký"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi dòng một nội dung công việc."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_items(self):
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Nhập ít nhất một nội dung công việc."))
        if any(len(line) > 500 for line in lines):
            raise forms.ValidationError(_("Mỗi nội dung công việc tối đa 500 ký tự."))
        return lines


class TaskReportForm(forms.ModelForm):
    class Meta:
        model = ProgramTask
        fields = ["progress", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].required = True
        self.fields["result"].required = True


class PeriodicReportForm(PeriodForm):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Bạn không thể đăng ký, báo cáo cho đơn vị này.")},
    )
    content = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50000)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
