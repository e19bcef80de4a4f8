"""Demo: the English locale and the portal's home in English (served at /en/).

Idempotent: the English home is created once; a second run changes nothing.
"""

from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from intranet.directory.models import Person
from intranet.units.models import Unit
from portal.home.models import HomePage

ENGLISH_TITLE = "Hue City e-Portal"
ENGLISH_INTRO = (
    "<p>The official e-portal of Hue City, a centrally governed city since 2025: "
    "news, administrative procedures, the directory of departments and wards, and answers to citizens' questions.</p>"
)


def translate_home(home: HomePage, locale: Locale, title: str, intro: str) -> HomePage:
    """The home's translation in ``locale``, created and published if missing.

    Editors translate further pages the same way in the admin (wagtail-localize).
    """
    existing = home.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = home.copy_for_translation(locale)
    translated.title = title
    translated.intro = intro
    translated.save_revision().publish()
    return translated


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
    out.write(f"Tiếng Anh: trang chủ cổng tại /en/ ({ENGLISH_TITLE}).")
