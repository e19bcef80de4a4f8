"""A site's main menu and footer: every section of Huế Art. 4.2 that has something to show.

The menu follows the order of Art. 4.2 (giới thiệu, ISO, tổ chức bộ máy, danh bạ, ban chỉ đạo,
bài phát biểu, văn bản, thủ tục hành chính, dữ liệu kinh tế – xã hội, tin tức, thư viện ảnh,
hỏi đáp, lịch công tác, liên hệ), with the drafts put out for comment next to the documents. A
section without content is left out: never a menu item that opens an empty page. Three queries per page, whatever the size of the site: the site root's live
children (with whether each has live children), and whether the unit has boards and speeches.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site


@dataclass(frozen=True)
class Section:
    label: str
    url: str
    current: bool = False


# Page types of a site's standing sections: (model label, menu label, needs live children).
PAGE_SECTIONS = {
    "pages.intropage": (_("Giới thiệu"), False),
    "pages.organisationpage": (_("Tổ chức bộ máy"), False),
    "pages.legaldocumentindexpage": (_("Văn bản"), True),
    "consultations.consultationindexpage": (_("Lấy ý kiến dự thảo"), True),
    "news.newsindexpage": (_("Tin tức"), True),
    "galleries.galleryindexpage": (_("Thư viện ảnh"), True),
    "calendars.workcalendarindexpage": (_("Lịch công tác"), True),
}
# Art. 4.2 order; standard pages (thủ tục hành chính, liên hệ, ...) keep their own titles.
ORDER = [
    "pages.intropage", "iso", "pages.organisationpage", "directory", "boards", "speeches",
    "pages.legaldocumentindexpage", "consultations.consultationindexpage", "standard", "news.newsindexpage",
    "galleries.galleryindexpage", "questions", "calendars.workcalendarindexpage", "contact",
]


def _children(root: Page):
    live_child = Page.objects.filter(live=True, path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    return (
        Page.objects.child_of(root).live().public()
        .annotate(filled=Exists(live_child), model=F("content_type__app_label"), model_name=F("content_type__model"))
        .only("title", "slug", "url_path", "path", "depth", "show_in_menus")
        .order_by("path")
    )


MENU_SECONDS = 300
MENU_KEY = "site-menu:{site}:{language}"


def main_menu(request, unit) -> list[Section]:
    """The sections of the site this request is for, in Art. 4.2 order.

    What a site's menu and footer show is kept in the cache for five minutes (one lookup per page,
    no query); publishing, unpublishing, moving or deleting a page forgets it at once
    (``forget_menus``), as it empties the page cache.
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    here = request.path
    return [Section(label, url, url != "/" and not url.endswith("#iso") and here.startswith(url)) for label, url in _chrome(site, unit)["menu"]]


def footer_for(request, unit) -> dict:
    """What the footer names: the managing body, the person responsible and the licence."""
    site = Site.find_for_request(request)
    return _chrome(site, unit)["footer"] if site is not None else {}


def _chrome(site: Site, unit) -> dict:
    key = MENU_KEY.format(site=site.pk, language=get_language())
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build(site, unit)
        cache.set(key, chrome, MENU_SECONDS)
    return chrome


def forget_menus(**_kwargs) -> None:
    sites = Site.objects.values_list("pk", flat=True)
    cache.delete_many([MENU_KEY.format(site=pk, language=code) for pk in sites for code, _name in settings.LANGUAGES])


def _build(site: Site, unit) -> dict:
    """Two queries: the home page with the footer's fields (and the site's visits), whether the unit
    has boards and speeches and who heads it; then the home page's live children."""
    from intranet.accounts.models import Role
    from intranet.boards.models import Board
    from intranet.directory.models import Person
    from intranet.speeches.models import Speech
    from portal.home.models import HomePage
    from portal.home.visits import site_total

    boards, speeches = Board.objects.filter(live=True), Speech.objects.public()
    head = Person.objects.none()
    if unit:  # (a lazy object: None when the host names no unit)
        if not unit.is_province:
            boards, speeches = boards.filter(standing_unit=unit.pk), speeches.filter(unit=unit.pk)
        head = Person.objects.filter(
            user__is_active=True, user__memberships__unit=unit.pk, user__memberships__role=Role.LEADER
        ).order_by("-user__memberships__is_head", "sort_order", "pk")
    language = get_language() or settings.LANGUAGE_CODE
    # The footer's fields (and the menu's pages) of the site's home in the page's language: its
    # translation (English pages show the translated licence), else the site's root page.
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
    home = (
        HomePage.objects.filter(Q(pk=site.root_page_id) | Q(translation_key=Subquery(root_key), locale__language_code=language))
        .annotate(has_boards=Exists(boards), has_speeches=Exists(speeches), visits=site_total(site.pk),
                  head_name=Subquery(head.values("full_name")[:1]), head_position=Subquery(head.values("position")[:1]),
                  head_position_en=Subquery(head.values("position_en")[:1]),
                  in_language=Case(When(locale__language_code=language, then=0), default=1))
        .only("path", "depth", "url_path", "licence", "responsible", "managing_body")
        .order_by("in_language")
        .first()
    )
    if home is None:
        return {"menu": [], "footer": {"managing_body": managing_body(unit), "responsible": "", "licence": "", "visits": 0}}
    position = home.head_position_en if language == "en" and home.head_position_en else home.head_position
    responsible = home.responsible or (f"{home.head_name} – {position}" if position else home.head_name or "")
    return {
        "menu": _entries(home, unit),
        "footer": {"managing_body": home.managing_body or managing_body(unit), "responsible": responsible, "licence": home.licence,
                   "visits": home.visits or 0},
    }


def _entries(home, unit) -> list[tuple[str, str]]:
    found: dict[str, list[tuple[str, str]]] = {key: [] for key in ORDER}
    root_path = home.url_path
    for child in _children(home):
        key = f"{child.model}.{child.model_name}"
        url = "/" + child.url_path[len(root_path):]
        if key in PAGE_SECTIONS:
            label, needs_children = PAGE_SECTIONS[key]
            if needs_children and not child.filled:
                continue
            found[key].append((str(label), url))
        elif key == "home.standardpage" and child.show_in_menus:
            found["contact" if child.slug == "lien-he" else "standard"].append((child.title, url))
    if unit:
        if unit.iso_info and found["pages.intropage"]:
            found["iso"].append((str(_("ISO")), found["pages.intropage"][0][1] + "#iso"))
        found["directory"].append((str(_("Danh bạ")), "/danh-ba/"))
        if home.has_boards:
            found["boards"].append((str(_("Ban chỉ đạo")), "/ban-chi-dao/"))
        if home.has_speeches:
            found["speeches"].append((str(_("Bài phát biểu")), "/bai-phat-bieu/"))
    found["questions"].append((str(_("Hỏi đáp")), "/hoi-dap/"))
    return [entry for key in ORDER for entry in found[key]]


def managing_body(unit) -> str:
    """The cơ quan chủ quản a site names by default: a province's or commune's People's Committee,
    or the agency itself."""
    from intranet.units.models import Unit

    if not unit:
        return ""
    english = get_language() == "en" and unit.name_en
    if unit.kind in (Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE):
        name = unit.name_en if english else unit.name[:1].lower() + unit.name[1:]
        return str(_("Ủy ban nhân dân %(name)s")) % {"name": name}
    return unit.name_en if english else unit.name
