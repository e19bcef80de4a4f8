from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap  # per site: it passes the request to the Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from intranet.accounts.admin_scoping import scope_page_urlpatterns
from portal.health import HealthView
from portal.news.urls import feed_patterns as news_feed_patterns
from portal.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    # One login for everything (the second factor lives there): the admins' own login forms redirect to it.
    path("quan-tri/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("django-admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    # issue 16: another unit's drafts and secret pages are a 404 in every admin URL naming a page.
    path("quan-tri/", include(scope_page_urlpatterns(wagtailadmin_urls.urlpatterns))),
    path("django-admin/", admin.site.urls),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Each app owns its URLs (Vietnamese paths); Wagtail's page tree answers the rest.
    path("", include("intranet.accounts.urls")),
    path("", include("intranet.desk.urls")),
    path("", include("intranet.cases.urls")),
    path("", include("intranet.moderation.urls")),
    path("", include("intranet.directory.urls")),
    path("", include("intranet.boards.urls")),
    path("", include("intranet.speeches.urls")),
    path("", include("intranet.store.urls")),
    path("", include("intranet.notifications.urls")),
    path("", include("intranet.programs.urls")),
    path("", include("intranet.handover.urls")),
    path("", include("intranet.cover.urls")),
    path("", include("intranet.grading.urls")),
    path("", include("intranet.units.urls")),
    path("", include("portal.news.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# In the visitor's language: Vietnamese at the root, English under /en/ (the English portal's
# pages, and its search at /en/tim-kiem/ with an English interface).
urlpatterns += i18n_patterns(
    path("", include(news_feed_patterns)),
    path("", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
