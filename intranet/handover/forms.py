from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.accounts.fields import PersonChoiceField


class ReassignForm(forms.Form):
    holder = PersonChoiceField(label=_("Giao cho"), queryset=None, empty_label=_("— Chọn người xử lý —"),
                               error_messages={"required": _("Vui lòng chọn người nhận công việc."),
                                               "invalid_choice": _("Người được chọn không có vai trò phù hợp ở đơn vị đang xử lý.")})
    reason = forms.CharField(label=_("Lý do phân công lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": _("Vui lòng nêu lý do phân công lại.")})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = people
