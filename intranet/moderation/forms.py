"""QT-07 forms outside the workflow's own action form: the forward registration of planned items."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ModerationItem, PlannedPosting


class PlannedPostingForm(forms.Form):
    """Mẫu đăng ký tin, bài tuần, tháng: one planned item for the week or month containing the day."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, empty_label=None)
    period = forms.ChoiceField(label=_("Kỳ đăng ký"), choices=PlannedPosting.Period.choices)
    day = forms.DateField(label=_("Ngày trong kỳ"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    title = forms.CharField(label=_("Tên tin, bài, ảnh dự kiến gửi"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=ModerationItem.Kind.choices)
    author = forms.CharField(label=_("Tác giả / đơn vị"), max_length=255, required=False)
    planned_date = forms.DateField(label=_("Dự kiến gửi ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                   input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["day"].initial = timezone.localdate()
