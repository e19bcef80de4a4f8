from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from search.languages import alternates, in_language, section_path

register = template.Library()


def _current_language() -> str:
    return (get_language() or "vi").split("-")[0]


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The page (or the site's home) in each language that has a published version.

    A routable page's sub-page (``/danh-ba/stp/``) puts ``page_subpath`` in its context,
    so its versions are the same sub-page below each translation (``/en/directory/stp/``).
    """
    request = context.get("request")
    if request is None:
        return []
    if not isinstance(page, Page):
        page = None  # a view that is not a Wagtail page (search, 404, login)
    return alternates(request, page, _current_language(), context.get("page_subpath", ""))


@register.filter
def localized_name(unit) -> str:
    """A unit's English name on English pages, its Vietnamese name otherwise (or when it has no English name)."""
    if not unit:
        return ""
    return in_language(_current_language(), unit.name, en=unit.name_en)


@register.filter
def localized_short_name(unit) -> str:
    """For bylines: the English name on English pages (there is no short one), else the short Vietnamese name."""
    if not unit:
        return ""
    return in_language(_current_language(), unit.short_name or unit.name, en=unit.name_en)


@register.filter
def localized_position(person) -> str:
    """An officer's English position on English pages, falling back to the Vietnamese one."""
    return in_language(_current_language(), person.position, en=person.position_en)


@register.simple_tag
def localized_path(vietnamese_path: str) -> str:
    """Where a section of the portal is in the current language (``/tin-tuc/`` → ``/en/news/``)."""
    return section_path(vietnamese_path, _current_language())
