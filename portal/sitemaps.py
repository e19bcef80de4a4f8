"""/sitemap.xml of the site asked for: its pages in every language, and the published answers.

Wagtail's own sitemap lists the site root's descendants only; a site's English pages live
under the root's translation (wagtail-localize), so here every translation of the root is
walked. Published answers (hỏi đáp, ``/hoi-dap/<code>/``) are Django views, not pages: a site
lists those of its unit and sub-units (the portal: all). Every location is absolute on the
site's own host and port (``intranet.units.links``).
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from intranet.units.links import absolute_url


class PageSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Q()
        for translation in root.get_translations(inclusive=True).only("path"):
            roots |= Q(path__startswith=translation.path)
        return Page.objects.filter(roots).live().public().order_by("path").defer_streamfields().specific()


class AnswerSitemap(Sitemap):
    """Published answers to citizens' questions and voters' opinions."""

    def items(self):
        from intranet.cases.models import Case
        from intranet.cases.views import PUBLISHED_KINDS

        answers = Case.objects.published().filter(kind__in=PUBLISHED_KINDS)
        unit = getattr(self.request, "unit", None)
        if unit and not unit.is_province:
            answers = answers.filter(agency__path__startswith=unit.path)
        return answers.only("code", "published_at").order_by("-published_at", "pk")

    def _urls(self, page, protocol, domain):
        urls = [
            {"item": case, "location": absolute_url(reverse("cases:answer", args=[case.code]), request=self.request),
             "lastmod": case.published_at, "changefreq": None, "priority": None, "alternates": []}
            for case in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


SITEMAPS = {"pages": PageSitemap, "answers": AnswerSitemap}
