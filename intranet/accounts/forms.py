from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class ChangePasswordForm(PasswordChangeForm):
    """Django's form (old password, the validators of settings) that also refuses the same password again."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Mật khẩu hiện tại không đúng. Vui lòng nhập lại."),
        "password_mismatch": _("Hai lần nhập mật khẩu mới không khớp nhau."),
        "password_reused": _("Mật khẩu mới phải khác mật khẩu đang dùng."),
    }

    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password):
            raise forms.ValidationError(self.error_messages["password_reused"], code="password_reused")
        return password


class OneTimeCodeForm(forms.Form):
    """The 6-digit code of the authenticator app (or one of the backup codes)."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": _("Vui lòng nhập mã xác thực.")},
    )
