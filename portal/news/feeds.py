from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from search.templatetags.languages import localized_name

from .models import ArticlePage, NewsIndexPage
from .page_cache import mark_cacheable

FEED_SIZE = 30


class SiteNewsFeed(Feed):
    """``/rss/``: the site's newest articles (its own and, on a unit site, the portal's shared-down ones).

    ``/en/rss/`` is the feed of the English news index (its wagtail-localize
    translation), with English articles only; 404 while there is none.
    """

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        unit = request.unit
        if unit is None or unit.site_id is None:
            raise Http404
        index = NewsIndexPage.objects.child_of(unit.site.root_page).first()
        language = translation.get_language()
        if index is not None and language != settings.LANGUAGE_CODE:
            index = index.get_translations().live().filter(locale__language_code=language).first()
        if index is None:
            raise Http404
        self.request = request
        mark_cacheable(request)
        return index

    def title(self, index):
        return _("Tin tức – %(site)s") % {"site": localized_name(self.request.unit)}

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return _("Tin, bài mới nhất của %(site)s") % {"site": localized_name(self.request.unit)}

    def items(self, index):
        return ArticlePage.objects.for_site_of(index).select_related("unit").order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.date

    def item_author_name(self, item):
        return localized_name(item.unit)
