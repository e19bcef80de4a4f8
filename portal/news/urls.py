from django.urls import include, path

from . import pdf, views
from .feeds import SiteNewsFeed

# /rss/ is served in each language from portal/urls.py (i18n_patterns): /en/rss/ is the English feed.
feed_patterns = [path("rss/", SiteNewsFeed(), name="news-rss")]

urlpatterns = [
    path("ban-bien-tap/de-xuat-len-cong/", views.offered, name="news-offered"),
    path("ban-bien-tap/tin/<int:pk>/de-xuat-len-cong/", views.offer_up, name="news-offer-up"),
    path("ban-bien-tap/tin/<int:pk>/dang-lai/", views.republish, name="news-republish"),
    path("tin/<int:pk>/pdf/", pdf.article_pdf, name="news-article-pdf"),
    # Apps of the public side without a line in portal/urls.py hang here.
    path("", include("portal.submissions.urls")),
]
