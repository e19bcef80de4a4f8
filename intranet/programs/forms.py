import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PeriodKind, ProgramTask


def _this_week() -> int:
    return timezone.localdate().isocalendar().week


def _this_quarter() -> int:
    return (timezone.localdate().month - 1) // 3 + 1


class PeriodForm(forms.Form):
    """A period: the fields that do not belong to its kind are emptied (a week has no month, a year no quarter…)."""

    period_kind = forms.ChoiceField(label=_("Kỳ"), choices=PeriodKind.choices, initial=PeriodKind.MONTH)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year)
    month = forms.IntegerField(label=_("Tháng"), min_value=0, max_value=12, required=False, initial=lambda: timezone.localdate().month)
    week = forms.IntegerField(label=_("Tuần"), min_value=0, max_value=53, required=False, initial=_this_week,
                              help_text=_("Tuần thứ mấy trong năm (tuần bắt đầu từ thứ Hai)."))
    quarter = forms.IntegerField(label=_("Quý"), min_value=0, max_value=4, required=False, initial=_this_quarter)
    title = forms.CharField(label=_("Tên chương trình, báo cáo đột xuất"), max_length=255, required=False)
    due_on = forms.DateField(label=_("Hạn báo cáo đột xuất"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                             help_text=_("Ngày phải báo cáo theo văn bản yêu cầu."))

    REQUIRED = {
        PeriodKind.WEEK: ("week", _("Chọn tuần (từ 1 đến 53) cho kỳ tuần.")),
        PeriodKind.MONTH: ("month", _("Chọn tháng (từ 1 đến 12) cho kỳ tháng.")),
        PeriodKind.QUARTER: ("quarter", _("Chọn quý (từ 1 đến 4) cho kỳ quý.")),
        PeriodKind.ADHOC: ("title", _("Nhập tên chương trình, báo cáo đột xuất.")),
    }

    def __init__(self, *args, require_due_on=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_due_on = require_due_on

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        needed, message = self.REQUIRED.get(kind, (None, None))
        for name, empty in (("month", 0), ("week", 0), ("quarter", 0), ("title", ""), ("due_on", None)):
            if name != needed and not (kind == PeriodKind.ADHOC and name == "due_on"):
                data[name] = empty
        if needed and not data.get(needed):
            self.add_error(needed, message)
        if kind == PeriodKind.WEEK and data.get("week") and data.get("year"):
            try:
                dt.date.fromisocalendar(data["year"], data["week"], 1)
            except ValueError:
                self.add_error("week", _("Năm %(year)d không có tuần %(week)d.") % {"year": data["year"], "week": data["week"]})
        if kind == PeriodKind.ADHOC and self.require_due_on and not data.get("due_on"):
            self.add_error("due_on", _("Nhập hạn báo cáo cho chương trình, báo cáo đột xuất."))
        if kind == PeriodKind.ADHOC and data.get("due_on") and data.get("year") and data["due_on"].year < data["year"]:
            self.add_error("due_on", _("Hạn báo cáo không thể trước năm của kỳ."))
        return data

    def period(self) -> dict:
        """The cleaned period, as the services take it."""
        return {name: self.cleaned_data[name] for name in ("period_kind", "year", "month", "week", "quarter", "title", "due_on")}


class UnitChoiceMixin(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Bạn không thể đăng ký, báo cáo cho đơn vị này.")},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.order_fields(["unit"])


class RegistrationForm(UnitChoiceMixin, PeriodForm):
    personal = forms.BooleanField(
        label=_("Chương trình công tác cá nhân"), required=False,
        help_text=_("Chương trình của riêng bạn, lãnh đạo đơn vị theo dõi; không tổng hợp vào chương trình của UBND tỉnh."),
    )
    items = forms.CharField(
        label=_("Nội dung công việc đăng ký"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi dòng một nội dung công việc."),
    )

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


class PeriodicReportForm(UnitChoiceMixin, PeriodForm):
    content = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50000)


class ProvinceReportForm(forms.Form):
    content = forms.CharField(label=_("Nội dung báo cáo của UBND tỉnh"), widget=forms.Textarea(attrs={"rows": 24}), max_length=200000)
