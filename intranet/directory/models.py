from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Person.Status.WORKING)


class Person(models.Model):
    """An officer in the directory (App. I). Birth date, home address, civil-servant
    code and ID photo are personal data: never on a public page, feed, search
    result or anonymous API."""

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    class Status(models.TextChoices):
        WORKING = "working", _("Đang công tác")
        TRANSFERRED = "transferred", _("Đã chuyển công tác")
        RETIRED = "retired", _("Đã nghỉ hưu")
        RESIGNED = "resigned", _("Đã thôi việc")

    PUBLIC_FIELDS = ("full_name", "position", "position_en", "office_phone", "email", "unit")

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    hide_birthday = models.BooleanField(_("không thông báo sinh nhật"), default=False)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    home_address = models.CharField(_("địa chỉ nhà riêng"), max_length=255, blank=True)
    office_phone = models.CharField(_("điện thoại cơ quan"), max_length=50, blank=True)
    mobile_phone = models.CharField(_("điện thoại di động"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    civil_servant_code = models.CharField(_("mã số công chức"), max_length=30, blank=True)
    id_photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh thẻ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    position_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=150, blank=True)
    duties = models.TextField(_("nhiệm vụ được giao"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.WORKING)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "full_name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self):
        return self.full_name
