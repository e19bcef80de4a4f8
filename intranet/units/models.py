from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .validators import validate_dns_label


class UnitQuerySet(MP_NodeQuerySet):
    def active(self):
        return self.filter(status=Unit.Status.ACTIVE)

    def with_site(self):
        return self.filter(has_site=True)


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self):
        return UnitQuerySet(self.model).order_by("path")


class Unit(index.Indexed, MP_Node):
    """A state body in the province's tree, of any depth (SPEC §2).

    The province sits at the top; departments and districts below it; offices
    and communes below those. Since 2025 many provinces run two levels
    (province → commune), which the tree takes as it is. A unit with an
    operational site gets its own Wagtail Site at ``<code>.<PORTAL_DOMAIN>``.
    Founding, renaming, splitting and merging go through ``services`` so that
    each is recorded as a ``UnitEvent``.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh / thành phố trực thuộc trung ương")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        DISTRICT = "district", _("Huyện, thị xã, thành phố thuộc tỉnh")
        OFFICE = "office", _("Phòng, ban, đơn vị trực thuộc")
        COMMUNE = "commune", _("Xã, phường, đặc khu")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        DISSOLVED = "dissolved", _("Đã giải thể / sáp nhập")

    code = models.CharField(
        _("mã đơn vị"),
        max_length=63,
        unique=True,
        validators=[validate_dns_label],
        help_text=_("Dùng làm tên miền của trang điều hành: <mã>.<tên miền cổng>."),
        error_messages={"unique": _("Mã đơn vị này đã được dùng cho một đơn vị khác.")},
    )
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=Kind.choices)
    admin_code = models.CharField(
        _("mã hành chính"),
        max_length=10,
        blank=True,
        help_text=_("Mã đơn vị hành chính theo danh mục quốc gia (nếu có)."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    introduction = RichTextField(_("giới thiệu"), blank=True)
    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True)
    iso_info = models.TextField(_("hệ thống quản lý chất lượng ISO"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    has_site = models.BooleanField(_("có trang điều hành tác nghiệp"), default=True)
    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("trang web"), null=True, blank=True, on_delete=models.SET_NULL, related_name="unit"
    )
    successor = models.ForeignKey(
        "self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitManager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("name"), FieldPanel("short_name"), FieldPanel("name_en"), FieldPanel("kind"), FieldPanel("admin_code")],
            heading=_("Định danh"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Liên hệ"),
        ),
        FieldPanel("introduction"),
        FieldPanel("functions"),
        FieldPanel("iso_info"),
        MultiFieldPanel([FieldPanel("has_site"), FieldPanel("status")], heading=_("Trang điều hành")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.SearchField("name_en"),
        index.SearchField("address"),
        # Public on the unit's introduction page.
        index.SearchField("introduction"),
        index.SearchField("functions"),
        index.SearchField("authority_names"),
        index.AutocompleteField("name"),
        index.FilterField("id"),  # "in this subtree" is id__in=<the subtree's ids> (search.registry)
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["admin_code"], condition=~models.Q(admin_code=""), name="unique_unit_admin_code"
            )
        ]

    def __str__(self):
        return self.name

    # A ward, a commune or the province acts as its People's Committee, which people name in full or as "UBND".
    AUTHORITY_KINDS = (Kind.PROVINCE, Kind.DISTRICT, Kind.COMMUNE)

    def authority_names(self) -> str:
        """What people call the unit's People's Committee: "Ủy ban nhân dân phường Phú Xuân", "UBND phường Phú Xuân"."""
        if self.kind not in self.AUTHORITY_KINDS and not self.is_province:
            return ""
        return f"Ủy ban nhân dân {self.name} UBND {self.name}"

    @property
    def is_province(self) -> bool:
        return self.depth == 1

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def hostname(self) -> str:
        domain = settings.PORTAL_DOMAIN
        return domain if self.is_province else f"{self.code}.{domain}"

    def current(self) -> "Unit":
        """The unit itself, or the unit that finally took it over after merges."""
        unit, seen = self, set()
        while unit.successor_id and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.successor
        return unit


class UnitEvent(models.Model):
    """A recorded operation on the unit tree: founding, renaming, splitting, merging."""

    class Kind(models.TextChoices):
        FOUND = "found", _("Thành lập")
        RENAME = "rename", _("Đổi tên")
        SPLIT = "split", _("Chia tách")
        MERGE = "merge", _("Sáp nhập")
        DISSOLVE = "dissolve", _("Giải thể")

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    related_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị liên quan"), blank=True, related_name="+")
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-recorded_at"]
        verbose_name = _("sự kiện tổ chức")
        verbose_name_plural = _("sự kiện tổ chức")

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit} ({self.decision_number})"
