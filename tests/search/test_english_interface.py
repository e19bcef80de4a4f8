"""The English portal's interface comes from the English catalogue (locale/en), and its pages are found by the search."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from intranet.directory.demo import directory_page
from portal.news.models import Category
from search.demo import ENGLISH_DIRECTORY, ENGLISH_NEWS
from search.translations import publish_translation
from tests.factories.news import article, news_index
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The public pages' templates: every label on them has an English translation.
PUBLIC_TEMPLATES = [
    "base.html",
    "404.html",
    "home/home_page.html",
    "news/home_sections.html",
    "news/news_index_page.html",
    "news/_card.html",
    "news/article_page.html",
    "directory/public_tree.html",
    "directory/public_unit.html",
    "search/search.html",
    "pages/intro_page.html",
    "pages/organisation_page.html",
    "pages/legal_document_index_page.html",
    "pages/legal_document_page.html",
]
LABEL = re.compile(r"""{% (?:translate|trans) (["'])(.+?)\1""")


def _labels(template: str) -> set[str]:
    return {match[1] for match in LABEL.findall((TEMPLATES / template).read_text())}


@pytest.fixture
def english_portal(hue, portal_home, english_home, english):
    publish_translation(news_index(hue), english, ENGLISH_NEWS)
    festival = article(hue, "Festival Huế thu hút du khách", category=Category.PROVINCE_NEWS, slug="festival-hue")
    publish_translation(festival, english, {"title": "Hue Festival draws visitors", "slug": "hue-festival"})
    publish_translation(directory_page(portal_home), english, ENGLISH_DIRECTORY)
    return english


@pytest.mark.parametrize("template", PUBLIC_TEMPLATES)
def test_every_label_of_the_public_pages_has_an_english_translation(template):
    with translation.override("en"):
        untranslated = sorted(label for label in _labels(template) if translation.gettext(label) == label and label != "Fax")
    assert untranslated == []


@pytest.mark.parametrize(
    "url", ["/en/", "/en/news/", "/en/news/hue-festival/", "/en/directory/", "/en/directory/hue/", "/en/tim-kiem/?q=festival"]
)
def test_english_pages_show_no_vietnamese_interface_labels(client, english_portal, url):
    response = client.get(url, **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    leftovers = sorted(label for label in _labels("base.html") if label in html)
    assert leftovers == []
    assert (
        '<a href="/en/">Home</a>' in html
        and '<a href="/en/news/">News</a>' in html
        and '<a href="/en/directory/">Directory</a>' in html
    )
    assert '<form class="site-search" action="/en/tim-kiem/"' in html


def test_the_vietnamese_pages_keep_the_vietnamese_interface(client, english_portal):
    html = client.get("/", **PORTAL).content.decode()
    assert '<a href="/tin-tuc/">Tin tức</a>' in html and '<a href="/danh-ba/">Danh bạ</a>' in html
    assert '<form class="site-search" action="/tim-kiem/"' in html


def test_the_english_search_finds_english_news_marked_as_english(client, english_portal):
    response = client.get("/en/tim-kiem/", {"q": "festival", "loai": "tin-tuc"}, **PORTAL)
    hits = group(response, "tin-tuc").shown
    english = [hit for hit in hits if hit["language"] == "en"]
    assert [str(hit["title"]) for hit in english] == ["Hue <mark>Festival</mark> draws visitors"]
    assert english[0]["url"].endswith("/en/news/hue-festival/")
    html = response.content.decode()
    assert '<span class="badge" lang="en">EN</span>' in html and "Type of content" in html


def test_the_english_directory_is_found_by_the_search(client, english_portal):
    response = client.get("/tim-kiem/", {"q": "directory agencies", "loai": "trang"}, **PORTAL)
    hits = group(response, "trang").shown
    assert [(str(hit["title"]), hit["language"]) for hit in hits] == [("<mark>Directory</mark> of <mark>agencies</mark>", "en")]
    assert hits[0]["url"].endswith("/en/directory/")
