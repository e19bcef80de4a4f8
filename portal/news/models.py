"""News on every site (SPEC §3): the news index at ``/tin-tuc/`` and its articles.

Three categories. "Tin tức sự kiện trong tỉnh" and "Tin điều hành của UBND
tỉnh" are written by the portal board on the province portal and *shared
down*: every unit site lists them and serves them at its own
``/tin-tuc/<slug>/`` with a canonical link to the portal's copy.
"Hoạt động sở/ngành/địa phương" is written by each unit; a unit may *offer
it up* ("đề xuất lên Cổng") and the portal board republishes the picked ones
on the portal as a copy that credits the unit and links back.

An article marked as a state secret (mật) is never published, shared down,
offered up or republished: see ``services`` and ``ArticlePage.save``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from portal.home.slugs import FoldedSlugMixin

LIST_RENDITION = "fill-480x300"
ARTICLE_RENDITION = "width-960"
PAGE_SIZE = 12

SECRET_REFUSAL = _("Tin, bài được đánh dấu Mật: không được đăng, chia sẻ, đề xuất hay đồng bộ.")


class SecretContentError(ValidationError):
    """Raised whenever something marked mật is about to leave the drafts."""

    def __init__(self, message=None):
        super().__init__(message or SECRET_REFUSAL, code="secret")


class Category(models.TextChoices):
    PROVINCE_NEWS = "tin-tuc-su-kien", _("Tin tức sự kiện trong tỉnh")
    GOVERNMENT = "tin-dieu-hanh", _("Tin điều hành của UBND tỉnh")
    ACTIVITY = "hoat-dong", _("Hoạt động sở, ngành, địa phương")


# Written on the portal and listed on every unit site.
SHARED_DOWN = (Category.PROVINCE_NEWS, Category.GOVERNMENT)


def with_list_images(queryset):
    """Articles with their unit and list-size rendition loaded in a fixed number of queries."""
    images = get_image_model().objects.prefetch_renditions(LIST_RENDITION)
    return queryset.select_related("unit").prefetch_related(Prefetch("image", queryset=images))


class ArticleQuerySet(PageQuerySet):
    def published(self):
        return self.filter(live=True, is_secret=False)

    def shared_down(self):
        """The portal's articles that every unit site lists (in Vietnamese: unit sites are not translated)."""
        return self.published().filter(unit__depth=1, category__in=SHARED_DOWN, locale__language_code=settings.LANGUAGE_CODE)

    def for_site_of(self, index_page: NewsIndexPage):
        """What a site's news index lists: its own articles, plus the portal's shared-down ones on a unit site.

        An index lists articles in its own language only: the English index (a translation
        living under the English home) lists the English translations, never the Vietnamese.
        """
        own = Q(path__startswith=index_page.path, depth__gt=index_page.depth)
        if index_page.is_portal:
            return self.published().filter(own)
        shared = Q(unit__depth=1, category__in=SHARED_DOWN, locale_id=index_page.locale_id)
        return self.published().filter(own | shared)


class NewsIndexPage(FoldedSlugMixin, Page):
    """``/tin-tuc/`` on each site: the newest articles, filtered by category (``?chuyen-muc=``)."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang tin tức")

    @property
    def is_portal(self) -> bool:
        return self._home_unit_depth() == 1

    def _home_unit_depth(self) -> int | None:
        cached = self.__dict__.get("_unit_depth")
        if cached is None:
            from portal.home.models import HomePage

            home = HomePage.objects.filter(path=self.path[: -self.steplen]).select_related("unit").first()
            cached = home.unit.depth if home and home.unit else None
            self.__dict__["_unit_depth"] = cached
        return cached

    def articles(self, category: str = ""):
        queryset = ArticlePage.objects.for_site_of(self)
        if category in Category.values:
            queryset = queryset.filter(category=category)
        return with_list_images(queryset.order_by("-date", "-pk"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("chuyen-muc", "")
        page_number = request.GET.get("trang") or 1
        paginator = Paginator(self.articles(category), PAGE_SIZE)
        context["articles"] = paginator.get_page(page_number)
        context["categories"] = Category.choices
        context["category"] = category if category in Category.values else ""
        return context

    def route(self, request, path_components):
        # A unit site serves the portal's shared-down articles under its own /tin-tuc/<slug>/
        # (the article page carries a canonical link to the portal's copy).
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1 or self.is_portal:
                raise
            shared = ArticlePage.objects.shared_down().filter(slug=path_components[0]).first()
            if shared is None:
                raise
            return RouteResult(shared, kwargs={"shared_on": self})


class ArticlePage(FoldedSlugMixin, Page):
    """One article (tin, bài). Editors pick its category; the unit is the site it lives on."""

    category = models.CharField(_("chuyên mục"), max_length=30, choices=Category.choices, default=Category.ACTIVITY)
    date = models.DateTimeField(_("ngày đăng"), default=timezone.now)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    is_secret = models.BooleanField(
        _("mật"), default=False, help_text=_("Tin, bài thuộc bí mật nhà nước: không bao giờ được đăng, chia sẻ hay đồng bộ.")
    )
    offered_up = models.BooleanField(_("đề xuất lên Cổng"), default=False)
    offered_at = models.DateTimeField(_("đề xuất lúc"), null=True, blank=True)
    source_article = models.ForeignKey(
        "self",
        verbose_name=_("bài gốc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="republications",
        help_text=_("Bài của đơn vị mà Cổng đăng lại (ghi nguồn và dẫn về bài gốc)."),
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("category"), FieldPanel("date"), FieldPanel("author")], heading=_("Thông tin")),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("is_secret"), FieldPanel("offered_up")], heading=_("Chia sẻ")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("is_secret"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    # wagtail-localize: a translation keeps the original's unit, category and secrecy, whatever the
    # translator does (the unit is not editable, so it is not synchronised by default).
    override_translatable_fields = [
        SynchronizedField("unit", overridable=False),
        SynchronizedField("category", overridable=False),
        SynchronizedField("is_secret", overridable=False),
    ]

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")
        indexes = [models.Index(fields=["category", "date"])]

    def save(self, *args, **kwargs):
        if self.is_secret and self.live:
            # The last line of defence: whatever path tries to publish it (admin, workflow, scheduler).
            raise SecretContentError()
        if self.is_secret:
            self.offered_up = False
        if self.unit_id is None and self.path:
            from portal.home.models import HomePage

            home = HomePage.objects.filter(path=self.path[: self.steplen * 2]).only("unit_id").first()
            if home is not None:
                self.unit_id = home.unit_id
        super().save(*args, **kwargs)

    @property
    def category_label(self) -> str:
        return Category(self.category).label

    def serve(self, request, *args, shared_on=None, **kwargs):
        request.shared_on = shared_on
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shared_on"] = getattr(request, "shared_on", None)
        context["canonical_url"] = self.full_url
        if self.source_article_id:
            context["source"] = ArticlePage.objects.select_related("unit").filter(pk=self.source_article_id, live=True).first()
        context["related"] = with_list_images(
            ArticlePage.objects.published()
            .filter(unit_id=self.unit_id, category=self.category, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .order_by("-date")
        )[:4]
        return context
