"""The demo publishes the portal in English through wagtail-localize, and loads twice the same."""

import io

import pytest
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from intranet.directory.models import DirectoryPage
from portal.news.models import ArticlePage, NewsIndexPage
from search import demo as english_demo

pytestmark = pytest.mark.django_db
PORTAL = {"HTTP_HOST": "localhost"}


def _fingerprint():
    return Page.objects.count(), Revision.objects.count(), Translation.objects.count()


def test_the_demo_translates_home_news_and_directory_with_wagtail_localize_and_loads_twice_the_same(client):
    # Only the loaders the English demo stands on, in PROJECT_APPS order.
    from intranet.accounts import demo as accounts_demo
    from intranet.directory import demo as directory_demo
    from intranet.units import demo as units_demo
    from portal.news import demo as news_demo

    for loader in (units_demo, accounts_demo, directory_demo, news_demo, english_demo):
        loader.load(io.StringIO())
    english = Locale.objects.get(language_code="en")
    assert ArticlePage.objects.filter(locale=english, live=True).count() == len(english_demo.ENGLISH_ARTICLES)
    assert NewsIndexPage.objects.filter(locale=english).count() == 1 and DirectoryPage.objects.filter(locale=english).count() == 1
    home_news_directory = 3
    assert Translation.objects.filter(target_locale=english).count() == home_news_directory + len(english_demo.ENGLISH_ARTICLES)
    news = client.get("/en/news/", **PORTAL).content.decode()
    assert "Hue Festival 2026 draws more than 200,000 visitors" in news and "Festival Huế" not in news
    directory = client.get("/en/directory/", **PORTAL).content.decode()
    assert '<a href="/en/directory/stp/">Department of Justice</a>' in directory
    justice = client.get("/en/directory/stp/", **PORTAL).content.decode()
    assert ">Deputy Director</td>" in justice and ">Phó Giám đốc</td>" not in justice

    before = _fingerprint()
    english_demo.load(io.StringIO())
    directory_demo.load(io.StringIO())
    assert _fingerprint() == before
