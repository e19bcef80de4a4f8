from django.urls import include, path

from .feeds import SiteNewsFeed

urlpatterns = [
    path("rss/", SiteNewsFeed(), name="news-rss"),
    # Apps of the public side without a line in portal/urls.py hang here.
    path("", include("portal.submissions.urls")),
]
