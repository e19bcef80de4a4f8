from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Comment

MIN_CONTENT = 10
MAX_CONTENT = 5000


class CommentForm(forms.ModelForm):
    """A citizen's comment on a draft: name, an e-mail kept private, the comment. ``website`` is a honeypot."""

    website = forms.CharField(
        required=False, label=_("Để trống ô này"), widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "content"]
        labels = {"email": _("Thư điện tử (không bắt buộc, không công khai)")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "content": forms.Textarea(attrs={"rows": 8, "maxlength": MAX_CONTENT}),
        }
        error_messages = {
            "name": {"required": _("Vui lòng nhập họ và tên."), "max_length": _("Họ và tên quá dài.")},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
            "content": {"required": _("Vui lòng nhập nội dung góp ý.")},
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise ValidationError(_("Họ và tên quá ngắn."))
        return name

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < MIN_CONTENT:
            raise ValidationError(_("Nội dung góp ý cần ít nhất %(count)d ký tự.") % {"count": MIN_CONTENT})
        if len(content) > MAX_CONTENT:
            raise ValidationError(_("Nội dung góp ý tối đa %(count)d ký tự.") % {"count": MAX_CONTENT})
        return content
