"""Demo: the people in the search index, and the portal in English (served under /en/).

The English home, news index, a handful of articles and the directory page are
translations made with wagtail-localize's own machinery (``search.translations``),
so the admin edits them in its translation editor like any editor's translation.
Idempotent: what is already translated is left as it is.
"""

from __future__ import annotations

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from intranet.directory.models import DirectoryPage, Person
from intranet.units.models import Unit
from portal.galleries.models import GalleryIndexPage
from portal.home.models import HomePage
from portal.news.models import ArticlePage, NewsIndexPage
from search.folding import slugify

from .translations import publish_translation, retranslate

ENGLISH_TITLE = "Hue City e-Portal"
ENGLISH_INTRO = (
    "The official e-portal of Hue City, a centrally governed city since 2025: "
    "news, administrative procedures, the directory of departments and wards, and answers to citizens' questions."
)
# The footer's licence line (portal/pages/demo.py's PORTAL_LICENCE) on the English pages.
ENGLISH_LICENCE = "E-portal licence No. 25/GP-STTTT of 10 July 2025, issued by the Department of Culture and Sports of Hue City"
ENGLISH_NEWS = {"title": "News", "slug": "news"}
ENGLISH_DIRECTORY = {
    "title": "Directory of agencies",
    "slug": "directory",
    "intro": ["Addresses, telephone numbers and official e-mail addresses of Hue City's agencies, units and officers."],
}
_BODY_END = (
    "At the meeting, the leaders praised the results achieved and asked all departments to keep working closely together "
    "to stay on schedule and maintain quality."
)
# Portal articles of portal/news/demo.py (by slug) in English: title, summary, first paragraph.
ENGLISH_ARTICLES = {
    "tin-cong-1": (
        "Hue Festival 2026 draws more than 200,000 visitors",
        "Hue Festival 2026 welcomed more than 200,000 visitors to the former imperial capital.",
        "Hue Festival 2026 drew more than 200,000 visitors. The event was organised by Hue City to serve residents and businesses.",
    ),
    "tin-cong-2": (
        "New bridge over the Perfume River links the north and south banks",
        "A new bridge over the Perfume River opens, linking the city's north and south banks.",
        "The new bridge over the Perfume River was inaugurated. The project was carried out by Hue City to serve residents and businesses.",
    ),
    "tin-cong-3": (
        "Hue named an ASEAN City of Cultural Tourism",
        "Hue receives the title of ASEAN City of Cultural Tourism.",
        "Hue received the title of ASEAN City of Cultural Tourism. The city will use it to promote its heritage to visitors.",
    ),
    "tin-cong-7": (
        "Hue completes the digital transformation of its wards and communes",
        "Every ward and commune of Hue now handles its paperwork digitally.",
        "Hue City completed the digital transformation of its wards and communes, serving residents and businesses online.",
    ),
    "tin-cong-13": (
        "City People's Committee orders a response to heavy rain and river floods",
        "The City People's Committee directs agencies to prepare for heavy rain and flooding.",
        "The City People's Committee ordered all agencies to respond to heavy rain and floods on the rivers.",
    ),
    "tin-cong-16": (
        "Full online public services roll out across the city",
        "Citizens can now complete more administrative procedures entirely online.",
        "Hue City rolled out end-to-end online public services, so citizens can complete procedures without visiting an office.",
    ),
}


def translate_home(home: HomePage, locale: Locale, title: str, intro: str) -> HomePage:
    """The home's translation in ``locale`` (title and one-paragraph introduction), created and published if missing."""
    if intro and not home.intro and home.unit and home.unit.introduction:
        # The home shows its unit's introduction until editors write one: make it the home's
        # own, so that wagtail-localize has a Vietnamese text to translate.
        home.intro = home.unit.introduction
        home.save_revision().publish()
    return publish_translation(home, locale, {"title": title, "intro": [intro] if intro else []})


def translate_licence(home: HomePage, locale: Locale) -> None:
    """The English home's licence line in English, while the portal's licence is still the demo's own
    (an earlier demo left the Vietnamese one on the English pages)."""
    from portal.pages.demo import PORTAL_LICENCE

    english_home = home.get_translation_or_none(locale)
    if home.licence == PORTAL_LICENCE and english_home is not None and english_home.specific.licence != ENGLISH_LICENCE:
        retranslate(home, locale, {"licence": ENGLISH_LICENCE})


def translate_news(home: HomePage, locale: Locale) -> int:
    """The portal's news index and the articles of ``ENGLISH_ARTICLES`` in English; returns how many articles are."""
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        return 0
    publish_translation(index, locale, ENGLISH_NEWS)
    for article in ArticlePage.objects.child_of(index).live().filter(slug__in=ENGLISH_ARTICLES):
        title, summary, first = ENGLISH_ARTICLES[article.slug]
        strings = {"title": title, "slug": _slug(title), "summary": summary, "body": [first, _BODY_END], "author": "Hue City e-Portal editorial board"}
        publish_translation(article, locale, strings)
    return ArticlePage.objects.filter(locale=locale, live=True).count()


def drop_untranslated_sections(home: HomePage, locale: Locale) -> int:
    """Earlier demos gave the English home untranslated /tin-tuc/ and /thu-vien-anh/ of its own
    (the new-site signal); drop them (empty) so that the translated index is the English one."""
    english_home = home.get_translation_or_none(locale)
    if english_home is None:
        return 0
    translated = Page.objects.child_of(home).values("translation_key")
    strays = english_home.get_children().exclude(translation_key__in=translated).filter(numchild=0)
    strays = strays.type(NewsIndexPage, GalleryIndexPage)
    count = 0
    for page in strays:
        page.delete()
        count += 1
    return count


def translate_directory(home: HomePage, locale: Locale) -> DirectoryPage | None:
    page = DirectoryPage.objects.child_of(home).first()
    return publish_translation(page, locale, ENGLISH_DIRECTORY) if page is not None else None


def _slug(title: str) -> str:
    return slugify(title)[:80].strip("-")


def index_people() -> int:
    """The directory demo creates people in bulk (no save signals): index them here.

    An upsert, so running it again changes nothing.
    """
    people = list(Person.get_indexed_objects())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Person, people)
    return len(people)


def load(out) -> None:
    out.write(f"Tìm kiếm: {index_people()} cán bộ trong chỉ mục.")
    english, _created = Locale.objects.get_or_create(language_code="en")
    province = Unit.objects.filter(depth=1).select_related("site__root_page").first()
    if province is None or province.site is None:
        out.write("Tiếng Anh: chưa có cổng tỉnh để dịch.")
        return
    home = province.site.root_page.specific
    translate_home(home, english, ENGLISH_TITLE, ENGLISH_INTRO)
    translate_licence(home, english)
    drop_untranslated_sections(home, english)
    articles = translate_news(home, english)
    translate_directory(home, english)
    out.write(f"Tiếng Anh: cổng tại /en/ ({ENGLISH_TITLE}), {articles} tin bài tại /en/news/, danh bạ tại /en/directory/.")
