"""Photo galleries (``/thu-vien-anh/``): each gallery is a page holding an ordered set of images.

A photo set proposed through the public form becomes a draft gallery that goes
through QT-07 like an article (the gallery is the moderated object).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.home.slugs import FoldedSlugMixin
from portal.news.models import SecretContentError

COVER_RENDITION = "fill-480x320"
THUMB_RENDITION = "fill-320x240"
FULL_RENDITION = "max-1280x960"


class GalleryIndexPage(FoldedSlugMixin, Page):
    """``/thu-vien-anh/``: the site's galleries, newest first, with their cover photos."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["galleries.GalleryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("thư viện ảnh")

    def galleries(self):
        images = get_image_model().objects.prefetch_renditions(COVER_RENDITION)
        return (
            GalleryPage.objects.child_of(self)
            .filter(live=True, is_secret=False)
            .order_by("-date", "-pk")
            .prefetch_related(Prefetch("cover", queryset=images))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["galleries"] = Paginator(self.galleries(), 12).get_page(request.GET.get("trang") or 1)
        return context


class GalleryPage(FoldedSlugMixin, Page):
    """A photo gallery (an event, a place): cover, description and the photos in order."""

    date = models.DateTimeField(_("ngày đăng"), default=timezone.now)
    description = models.TextField(_("mô tả"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh bìa"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    is_secret = models.BooleanField(_("mật"), default=False)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("description"),
        FieldPanel("cover"),
        InlinePanel("photos", label=_("ảnh")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("is_secret")]
    search_fields = Page.search_fields + [index.SearchField("description")]
    parent_page_types = ["galleries.GalleryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bộ ảnh")
        verbose_name_plural = _("bộ ảnh")

    def save(self, *args, **kwargs):
        if self.is_secret and self.live:
            raise SecretContentError()
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        images = get_image_model().objects.prefetch_renditions(THUMB_RENDITION, FULL_RENDITION)
        context["photos"] = self.photos.select_related(None).prefetch_related(Prefetch("image", queryset=images))
        return context


class GalleryPhoto(Orderable):
    page = ParentalKey(GalleryPage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
