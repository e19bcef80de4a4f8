"""What citizens, organisations and contributors send through ``/gui-tin-bai/``.

The submission is written first, with its photos, in its own transaction, so
nothing sent is ever lost; turning it into a draft page in QT-07 ("intake")
happens next and is retried by a beat job if it failed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", _("Tin, bài")
        PHOTOS = "photos", _("Ảnh")

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    # QT-07 B1: for the ward's website or its loudspeaker system (hệ thống loa truyền thanh).
    channel = models.CharField(
        _("hình thức đăng tải"),
        max_length=12,
        choices=[("website", _("Đăng trên trang thông tin điện tử")), ("loudspeaker", _("Phát trên hệ thống loa truyền thanh"))],
        default="website",
    )
    # The tracking code the sender follows at /tra-cuu/ (TB-2026-7K3Q9); empty for submissions from before it existed.
    code = models.CharField(_("mã tra cứu"), max_length=20, unique=True, null=True, blank=True)
    name = models.CharField(_("họ và tên"), max_length=255)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang nháp"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intake_error = models.TextField(_("lỗi tiếp nhận"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tin, bài gửi đến")
        verbose_name_plural = _("tin, bài gửi đến")

    def __str__(self):
        return self.title


class SubmissionPhoto(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.submission} – {self.image_id}"
