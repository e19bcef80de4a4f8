from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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

    content_panels = Page.content_panels + [FieldPanel("intro")]
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
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.unit
        return context


class StandardPage(FoldedSlugMixin, Page):
    """A plain page of text under a site: introduction, organisation, ISO, contacts."""

    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")
