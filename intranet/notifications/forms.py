from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS


class PreferencesForm(forms.Form):
    """One checkbox per kind: ticked means "also send me this by email"."""

    email_kinds = forms.MultipleChoiceField(
        label=_("Nhận qua thư điện tử"), choices=list(KINDS.items()), widget=forms.CheckboxSelectMultiple, required=False,
        error_messages={"invalid_choice": _("Loại thông báo “%(value)s” không hợp lệ.")},
    )
