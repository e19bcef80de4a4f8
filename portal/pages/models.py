"""A unit's standing pages (Huế rules Art. 4.2): introduction, organisation, legal documents.

The introduction and organisation pages read the unit's own record (the unit
tree is the single source), so a rename or a new sub-unit shows at once; the
editor adds only the text around it. Legal documents carry their attachments
as Wagtail documents in the unit's collection.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.home.slugs import FoldedSlugMixin


def _unit_of(page: Page):
    from portal.home.models import HomePage

    home = HomePage.objects.filter(path=page.path[: page.steplen * 2]).select_related("unit").first()
    return home.unit if home else None


class IntroPage(FoldedSlugMixin, Page):
    """``/gioi-thieu/``: the unit's introduction, functions and duties, ISO quality system."""

    body = RichTextField(_("nội dung bổ sung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang giới thiệu")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = _unit_of(self)
        return context


class OrganisationPage(FoldedSlugMixin, Page):
    """``/co-cau-to-chuc/``: leaders and sub-units with their public phone and email."""

    body = RichTextField(_("nội dung bổ sung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        from intranet.accounts.models import Membership, Role
        from intranet.directory.models import Person

        context = super().get_context(request, *args, **kwargs)
        unit = _unit_of(self)
        context["unit"] = unit
        if unit is not None:
            context["sub_units"] = unit.get_children().filter(status="active").only(
                "name", "phone", "email", "address", "code", "site_id", "path", "depth"
            )
            # Only names and positions: birth dates, addresses and ID numbers never reach a public page.
            context["leaders"] = (
                Membership.objects.filter(unit=unit, role=Role.LEADER, user__is_active=True)
                .select_related("user")
                .order_by("-is_head", "user__last_name")
            )
            # The directory's people of the unit, with what the public directory shows of them.
            context["people"] = Person.objects.active().filter(unit=unit).order_by("sort_order", "full_name").only(
                "full_name", "position", "office_phone", "email", "sort_order"
            )[:60]
        return context


class LegalDocumentIndexPage(FoldedSlugMixin, Page):
    """``/van-ban/``: legal documents (central, provincial, the unit's own), filterable by level."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.LegalDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang văn bản pháp luật")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = LegalDocumentPage.objects.child_of(self).live().order_by("-issued_on", "-pk")
        level = request.GET.get("cap", "")
        if level in LegalDocumentPage.Level.values:
            documents = documents.filter(level=level)
        context["documents"] = Paginator(documents, 20).get_page(request.GET.get("trang") or 1)
        context["levels"] = LegalDocumentPage.Level.choices
        context["level"] = level
        return context


class LegalDocumentPage(FoldedSlugMixin, Page):
    """One legal document with its number, issuer, date and attached files."""

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", _("Văn bản trung ương")
        PROVINCE = "tinh", _("Văn bản của tỉnh")
        UNIT = "don-vi", _("Văn bản của đơn vị")

    number = models.CharField(_("số, ký hiệu"), max_length=100)
    kind = models.CharField(_("loại văn bản"), max_length=100, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices, default=Level.PROVINCE)
    summary = models.TextField(_("trích yếu"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("kind"), FieldPanel("issuer"), FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("signer"), FieldPanel("level")],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        InlinePanel("attachments", label=_("tệp đính kèm")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("kind"),
        index.SearchField("issuer"),
        index.SearchField("signer"),
    ]
    parent_page_types = ["pages.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.attachments.select_related("document")
        return context


class LegalDocumentAttachment(Orderable):
    page = ParentalKey(LegalDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("tên tệp"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
