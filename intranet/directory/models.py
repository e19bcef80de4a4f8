import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page import models as routable
from wagtail.fields import RichTextField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from intranet.workdays import calendar
from portal.home.slugs import FoldedSlugMixin

# App. I: every change to the directory is due within 2 working days of the event.
UPDATE_DAYS = 2


def birthday_key(day: dt.date | None) -> int | None:
    """A birthday as month and day, MMDD (19 May is 519): an indexed integer the desk and the daily job look up."""
    return day.month * 100 + day.day if day else None


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Person.Status.WORKING)


class Person(index.Indexed, RevisionMixin, models.Model):
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
    # birth_date's month and day (see ``birthday_key``), kept by save(); bulk writers set it themselves.
    birthday_key = models.PositiveSmallIntegerField(null=True, blank=True, editable=False, db_index=True)
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
    # The store knows a person by this key on every server (a district's ids are not the province's).
    store_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event_date = models.DateField(
        _("ngày phát sinh thay đổi"),
        null=True,
        blank=True,
        help_text=_("Ngày có quyết định tuyển dụng, điều động, bổ nhiệm… Cập nhật chậm quá 2 ngày làm việc sẽ bị ghi nhận trễ hạn."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, null=True)

    objects = PersonQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("unit"), FieldPanel("full_name"), FieldPanel("gender"), FieldPanel("birth_date"), FieldPanel("hide_birthday")],
            heading=_("Thông tin cơ bản"),
        ),
        MultiFieldPanel(
            [FieldPanel("office_phone"), FieldPanel("mobile_phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("home_address")],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("position"), FieldPanel("position_en"), FieldPanel("duties"), FieldPanel("civil_servant_code"), FieldPanel("id_photo")],
            heading=_("Công tác"),
        ),
        MultiFieldPanel([FieldPanel("sort_order"), FieldPanel("event_date")], heading=_("Cập nhật")),
    ]

    class Meta:
        ordering = ["sort_order", "full_name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        indexes = [models.Index(fields=["unit", "status"])]

    # Public fields only: birth date, home address, codes and the ID photo never reach the index.
    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("position"),
        index.SearchField("position_en"),
        index.FilterField("unit"),
        index.FilterField("status"),
    ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.birthday_key = birthday_key(self.birth_date)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "birth_date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "birthday_key"}
        super().save(*args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.filter(status=cls.Status.WORKING)

    # -- the store ----------------------------------------------------------
    store_channel = "people"

    @property
    def store_record_id(self) -> str:
        return str(self.store_key)

    def store_payload(self) -> dict:
        """Everything the provincial store keeps; ``store.channels`` decides what the public sees."""
        return {
            "full_name": self.full_name,
            "position": self.position,
            "position_en": self.position_en,
            "office_phone": self.office_phone,
            "email": self.email,
            "unit": self.unit.code,
            "unit_name": self.unit.name,
            "status": self.status,
            "gender": self.gender,
            "fax": self.fax,
            "duties": self.duties,
            # Personal data: officers only.
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "home_address": self.home_address,
            "mobile_phone": self.mobile_phone,
            "civil_servant_code": self.civil_servant_code,
        }


class UnitDirectory(models.Model):
    """Holds the object permissions (django-guardian) over one unit's part of the directory.

    App. I: the portal board creates departments and districts; an agency's
    board creates its sub-units and people and may delegate that to a
    sub-unit; a head edits their own unit; transfers and retirements are done
    by the agency board. A permission held on a unit covers its sub-units.
    """

    unit = models.OneToOneField("units.Unit", primary_key=True, on_delete=models.CASCADE, related_name="directory")

    class Meta:
        default_permissions = ()
        permissions = [
            ("create_subunit", _("Tạo đơn vị trực thuộc")),
            ("edit_unit", _("Hiệu chỉnh thông tin đơn vị")),
            ("manage_people", _("Tạo và hiệu chỉnh thông tin cán bộ")),
            ("end_service", _("Điều chuyển, nghỉ hưu, thôi việc")),
        ]
        verbose_name = _("quyền danh bạ của đơn vị")

    def __str__(self):
        return str(self.unit_id)


class DirectoryChange(models.Model):
    """One recorded change to the directory with its event date, so late updates show as late."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Tạo mới")
        UPDATED = "updated", _("Hiệu chỉnh")
        TRANSFERRED = "transferred", _("Điều chuyển công tác")
        RETIRED = "retired", _("Nghỉ hưu")
        RESIGNED = "resigned", _("Thôi việc")
        UNIT_UPDATED = "unit_updated", _("Hiệu chỉnh đơn vị")

    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="directory_changes")
    kind = models.CharField(_("loại thay đổi"), max_length=20, choices=Kind.choices)
    event_date = models.DateField(_("ngày phát sinh"))
    due_at = models.DateTimeField(_("hạn cập nhật"))
    recorded_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("lịch sử cập nhật danh bạ")
        verbose_name_plural = _("lịch sử cập nhật danh bạ")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.person or self.unit}"

    @staticmethod
    def due_for(event_date: dt.date) -> dt.datetime:
        # Counted from the office hours after the event day (working days only).
        return calendar.due(dt.datetime.combine(event_date, dt.time(23, 59), calendar.LOCAL_TZ), UPDATE_DAYS)

    @property
    def timeliness(self) -> str:
        return calendar.status(self.due_at, self.recorded_at)

    @property
    def is_late(self) -> bool:
        return self.timeliness == calendar.Status.LATE

    def get_timeliness_display(self) -> str:
        return str(calendar.Status.LABELS[self.timeliness])


class DirectoryPage(FoldedSlugMixin, routable.RoutablePageMixin, Page):
    """The portal's public directory (``/danh-ba/``): the unit tree, and each unit's contacts at ``<code>/``.

    Units and people come from the directory itself, so the page is always current;
    editors write only the title and the introduction. Editors translate it like any
    page with wagtail-localize ("Translate" in the admin, slug ``directory``): the English
    translation at ``/en/directory/`` shows units' English names and officers' English
    positions (edited on the unit and the person), falling back to the Vietnamese.
    The plain ``/danh-ba/`` views serve this page when the site has one, and the bare
    directory on sites without it.
    """

    intro = RichTextField(_("lời giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh bạ")

    def directory_url(self, request) -> str:
        return self.get_url(request) or "/"

    @routable.path("")
    def tree(self, request):
        from .public import tree_context

        return self.render(request, template="directory/public_tree.html", context_overrides=tree_context(self.directory_url(request)))

    @routable.path("<slug:code>/")
    def unit(self, request, code: str):
        from .public import unit_context

        context = unit_context(code, self.directory_url(request))
        return self.render(request, template="directory/public_unit.html", context_overrides=context)
