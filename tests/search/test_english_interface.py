"""The English portal's interface comes from the English catalogue (locale/en), and its pages are found by the search."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from intranet.directory.demo import directory_page
from portal.news.models import Category
from portal.pages.models import DocumentKind
from search.demo import ENGLISH_DIRECTORY, ENGLISH_NEWS
from search.translations import publish_translation
from tests.factories.news import article, news_index
from tests.factories.search import legal_document
from tests.factories.sections import consultations, draft, work_calendar
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The public pages' templates: every label on them has an English translation.
PUBLIC_TEMPLATES = [
    "base.html", "404.html", "home/home_page.html", "news/home_sections.html", "news/news_index_page.html", "news/_card.html",
    "news/article_page.html", "directory/public_tree.html", "directory/public_unit.html", "search/search.html",
    "pages/intro_page.html", "pages/organisation_page.html", "pages/legal_document_index_page.html", "pages/legal_document_page.html",
    "calendars/work_calendar.html", "calendars/_week_table.html", "calendars/work_calendar_print.html",
    "consultations/consultation_index_page.html", "consultations/consultation_page.html",
]
LABEL = re.compile(r"""{% (?:translate|trans) (["'])(.+?)\1""")
# A blocktranslate's message (its singular, if plural), its ``{{ variable }}`` as gettext sees it: ``%(variable)s``.
BLOCK = re.compile(r"{% blocktranslate[^%]*%}(.*?)(?:{% plural %}.*?)?{% endblocktranslate %}", re.DOTALL)
VARIABLE = re.compile(r"{{ (\w+) }}")


def _labels(template: str) -> set[str]:
    return {match[1] for match in LABEL.findall((TEMPLATES / template).read_text())}


def _messages(template: str) -> set[str]:
    """Every message of the template: its labels and its blocktranslate texts."""
    blocks = {VARIABLE.sub(r"%(\1)s", text) for text in BLOCK.findall((TEMPLATES / template).read_text())}
    return _labels(template) | blocks


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
        untranslated = sorted(label for label in _messages(template) if translation.gettext(label) == label and label != "Fax")
    assert untranslated == []


@pytest.mark.parametrize("url", ["/en/", "/en/news/", "/en/news/hue-festival/", "/en/directory/", "/en/directory/hue/", "/en/tim-kiem/?q=festival"])
def test_english_pages_show_no_vietnamese_interface_labels(client, english_portal, url):
    response = client.get(url, **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    leftovers = sorted(label for label in _labels("base.html") if label in html)
    assert leftovers == []
    assert '<a href="/en/">Home</a>' in html and '<a href="/en/news/">News</a>' in html and '<a href="/en/directory/">Directory</a>' in html
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


def test_the_english_work_calendar_speaks_english(client, english_portal, hue):
    calendar = work_calendar(hue)
    publish_translation(calendar, english_portal, {"title": "Work calendar", "slug": "work-calendar"})
    html = client.get("/en/work-calendar/", **PORTAL).content.decode()
    assert "← Previous week" in html and "Next week →" in html and "Print version" in html and "Tuần trước" not in html
    assert "There is no work calendar for this week yet." in html
    printed = client.get("/en/work-calendar/?in=1", **PORTAL).content.decode()
    assert "Back to the work calendar" in printed and "Về trang lịch công tác" not in printed


def test_an_english_draft_takes_comments_in_english(client, english_portal, hue):
    index = consultations(hue)
    publish_translation(index, english_portal, {"title": "Draft consultations", "slug": "drafts"})
    publish_translation(draft(hue, slug="du-thao-quy-che"), english_portal, {"title": "Draft working rules", "slug": "working-rules"})
    listing = client.get("/en/drafts/", **PORTAL).content.decode()
    assert "Open for comments" in listing and "Đang lấy ý kiến" not in listing
    html = client.get("/en/drafts/working-rules/", **PORTAL).content.decode()
    assert "Comment period" in html and "Comment on the draft" in html and "No comments have been published yet." in html
    assert '<label for="id_name">Full name:</label>' in html and "E-mail (optional, not published)" in html
    assert "Send comment</button>" in html and "Góp ý dự thảo" not in html


def test_a_notice_is_a_notice_on_the_english_document_list(client, english_portal, portal_home):
    notice = legal_document(portal_home, "Thông báo lịch tiếp công dân", "112/TB-UBND", kind=DocumentKind.NOTICE)
    publish_translation(notice.get_parent(), english_portal, {"title": "Legal documents", "slug": "documents"})
    publish_translation(notice, english_portal, {"title": "Notice of the citizens' reception days", "slug": "notice-112"})
    html = client.get("/en/documents/", **PORTAL).content.decode()
    assert '<option value="thong-bao">Notice</option>' in html and ">Thông báo<" not in html
