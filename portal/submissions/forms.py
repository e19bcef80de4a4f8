import re

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from .models import Submission

MAX_PHOTOS = 10
MAX_PHOTO_BYTES = 5 * 1024 * 1024
ALLOWED_IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}
PHONE = re.compile(r"^\+?[0-9 .\-]{9,15}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultiplePhotoField, self).clean(file, initial) for file in files]


def check_photo(upload) -> None:
    """Checked by content, not by the name the browser sent."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("Ảnh “%(name)s” quá lớn: tối đa 5 MB mỗi ảnh.") % {"name": upload.name})
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_IMAGE_TYPES:
        raise ValidationError(_("Tệp “%(name)s” không phải ảnh JPEG, PNG hoặc WebP.") % {"name": upload.name})
    try:
        PILImage.open(upload).verify()
    except Exception:
        raise ValidationError(_("Ảnh “%(name)s” bị hỏng, không đọc được.") % {"name": upload.name})
    finally:
        upload.seek(0)


class SubmissionForm(forms.ModelForm):
    """The public form: who sends, how to reach them, what they propose. ``website`` is a honeypot."""

    photos = MultiplePhotoField(label=_("Ảnh kèm theo (tối đa 10 ảnh, mỗi ảnh ≤ 5 MB)"), required=False)
    website = forms.CharField(
        required=False, label=_("Để trống ô này"), widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )
    agree = forms.BooleanField(
        label=_("Tôi cam đoan nội dung gửi là trung thực và không chứa thông tin bí mật nhà nước."),
        error_messages={"required": _("Bạn cần xác nhận cam đoan trước khi gửi.")},
    )

    class Meta:
        model = Submission
        fields = ["kind", "channel", "name", "phone", "email", "organisation", "title", "content"]
        widgets = {"kind": forms.RadioSelect, "channel": forms.RadioSelect, "content": forms.Textarea(attrs={"rows": 10})}
        error_messages = {
            "name": {"required": _("Vui lòng nhập họ và tên.")},
            "title": {"required": _("Vui lòng nhập tiêu đề.")},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        }

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if len(name) < 2:
            raise ValidationError(_("Họ và tên quá ngắn."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ (9–15 chữ số)."))
        return phone

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if len(title) < 10:
            raise ValidationError(_("Tiêu đề cần ít nhất 10 ký tự."))
        return title

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].required = False  # the website, unless the sender asks for the loudspeakers

    def clean_channel(self):
        return self.cleaned_data.get("channel") or "website"

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        if len(photos) > MAX_PHOTOS:
            raise ValidationError(_("Chỉ được gửi tối đa 10 ảnh."))
        for photo in photos:
            check_photo(photo)
        return photos

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.errors.get("email") and not self.errors.get("phone"):
            self.add_error("email", _("Vui lòng nhập số điện thoại hoặc thư điện tử để chúng tôi liên hệ."))
        kind = data.get("kind")
        if kind == Submission.Kind.NEWS and len((data.get("content") or "").strip()) < 50:
            self.add_error("content", _("Nội dung tin, bài cần ít nhất 50 ký tự."))
        if kind == Submission.Kind.PHOTOS and data.get("channel") == "loudspeaker":
            self.add_error("channel", _("Ảnh không phát được trên loa truyền thanh: hãy chọn đăng trên trang thông tin điện tử."))
        if kind == Submission.Kind.PHOTOS and not data.get("photos") and not self.errors.get("photos"):
            self.add_error("photos", _("Vui lòng chọn ít nhất một ảnh."))
        return data
