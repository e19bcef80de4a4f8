import filetype
from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.accounts import permissions
from intranet.units.models import Unit

from .models import Speech

ATTACHMENT_TYPES = {"pdf", "docx", "doc", "zip"}  # docx is a zip container
MAX_ATTACHMENT = 10 * 1024 * 1024


class SpeechForm(forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("cơ quan"), queryset=Unit.objects.none())
    text = forms.CharField(label=_("nội dung"), widget=forms.Textarea(attrs={"rows": 12}))
    file = forms.FileField(label=_("tệp đính kèm (PDF, Word)"), required=False)

    class Meta:
        model = Speech
        fields = ["kind", "title", "date", "event", "unit", "text"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from intranet.accounts.models import Role

        units = Unit.objects.all() if permissions.is_sysadmin(user) else permissions.units_with_role(user, *Role.values)
        self.fields["unit"].queryset = units.active()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_ATTACHMENT:
            raise forms.ValidationError(_("Tệp đính kèm quá lớn (tối đa 10 MB)."))
        kind = filetype.guess(upload.read(2048))
        upload.seek(0)
        if kind is None or kind.extension not in ATTACHMENT_TYPES:
            raise forms.ValidationError(_("Chỉ nhận tệp PDF hoặc Word."))
        return upload
