from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.home.slugs import FoldedSlugMixin


class HomePage(FoldedSlugMixin, Page):
    """The home page of a site: the province portal, or one unit's operational site.

    Each unit with a site has exactly one home page, created by
    ``intranet.units.services.provision_site``; editors of the unit edit
    everything below it and nothing outside it.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL, related_name="home_pages"
    )
    intro = RichTextField(_("lời giới thiệu"), blank=True)
    # QT-07 B4: the culture officer's draft starts from the unit's own wording (empty: the standard one).
    qt07_approve_template = models.TextField(_("mẫu văn bản đồng ý cho đăng"), blank=True)
    qt07_refuse_template = models.TextField(_("mẫu văn bản không đồng ý cho đăng"), blank=True)
    # What a state portal's footer must show (TT 22/2023): empty fields fall back to the unit's record.
    managing_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Để trống: tên đơn vị."))
    responsible = models.CharField(
        _("người chịu trách nhiệm chính"), max_length=255, blank=True,
        help_text=_("Họ và tên, chức vụ. Để trống: người đứng đầu đơn vị trong danh bạ."),
    )
    licence = models.CharField(_("giấy phép"), max_length=255, blank=True, help_text=_("Ví dụ: Giấy phép số 15/GP-TTĐT ngày 02/03/2026 của Sở Văn hóa và Thể thao."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    qt07_panels = [
        HelpPanel(
            _(
                "Dự thảo văn bản ở bước B4 của quy trình QT-07 bắt đầu từ các mẫu này. Có thể dùng: {tieu_de} (tiêu đề tin, bài), "
                "{nguoi_gui}, {ngay_nhan}, {don_vi}, {hinh_thuc} (đăng trên trang hay phát trên loa). Để trống: dùng mẫu chung."
            )
        ),
        FieldPanel("qt07_approve_template"),
        FieldPanel("qt07_refuse_template"),
    ]
    footer_panels = [FieldPanel("managing_body"), FieldPanel("responsible"), FieldPanel("licence")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Nội dung")),
            ObjectList(footer_panels, heading=_("Chân trang")),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
            ObjectList(Page.settings_panels, heading=_("Thiết lập")),
            ObjectList(qt07_panels, heading=_("Mẫu văn bản QT-07")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("trang chủ")

    def serve(self, request, *args, **kwargs):
        # A merged unit's home sends visitors to its successor's site for good.
        unit = self.unit
        if unit is not None and unit.successor_id:
            successor = unit.current()
            if successor.site_id:
                from django.http import HttpResponsePermanentRedirect

                return HttpResponsePermanentRedirect(successor.site.root_url + "/")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from intranet.units.models import Unit

        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.unit
        # The sidebar: the province portal and the departments' sites (Huế Art. 4.2 links).
        others = Unit.objects.with_site().active().filter(Q(kind=Unit.Kind.DEPARTMENT) | Q(depth=1), site__isnull=False).exclude(pk=self.unit_id)
        context["other_sites"] = others.select_related("site").only("name", "short_name", "name_en", "path", "depth", "site__hostname", "site__port")[:20]
        context["procedures"] = StandardPage.objects.child_of(self).live().filter(slug="thu-tuc-hanh-chinh").only("url_path").first()
        return context


class StandardPage(FoldedSlugMixin, Page):
    """A plain page of text under a site: introduction, organisation, ISO, contacts."""

    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")


class PageVisit(models.Model):
    """Visits of one page on one site on one day: a count and nothing else (no address, agent or cookie).

    Counted in the cache per request and added here by beat's ``visits-flush`` job
    (``portal.home.visits``), so no visit writes to the database.
    """

    day = models.DateField(_("ngày"))
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("trang thông tin"), on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập")
        verbose_name_plural = _("lượt truy cập")
        constraints = [models.UniqueConstraint(fields=["site", "day", "page"], name="page_visit_one_row_a_day")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} · {self.page_id}: {self.count}"
