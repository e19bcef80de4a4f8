"""The portal in Vietnamese and English: which language versions of a page exist.

Editors translate pages in the admin with wagtail-localize ("Translate" on a
page); a translation shares the page's ``translation_key``, lives under the
English home and is served under ``/en/`` (``i18n_patterns`` in ``portal/urls.py``).
The ``hreflang`` links list the published versions of the page itself; the
language switcher falls back to the other language's home when the page has no
translation yet (or the view is not a page), through ``/ngon-ngu/<code>/``,
which finds that home only when followed, so no page pays a query for it.

The portal's English sections have English slugs (``ENGLISH_SECTIONS``): editors give
the translated news index the slug ``news`` and the directory page ``directory``
(the demo does), and the English navigation links there without a query.
Units' and officers' names come from their own ``*_en`` fields (``in_language``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page

# Where each translated section of the portal lives in English (the navigation links here).
ENGLISH_SECTIONS = {"/": "/en/", "/tin-tuc/": "/en/news/", "/danh-ba/": "/en/directory/"}


def section_path(vietnamese_path: str, language_code: str) -> str:
    if language_code == "en":
        return ENGLISH_SECTIONS.get(vietnamese_path, vietnamese_path)
    return vietnamese_path


def in_language(language_code: str, vietnamese: str, *, en: str = "") -> str:
    """The English text on English pages when there is one, else the Vietnamese."""
    return en if language_code == "en" and en else vietnamese


@dataclass(frozen=True)
class Alternate:
    language_code: str
    name: str
    url: str
    exact: bool  # the same page in that language (not just that language's home)
    current: bool


def _live_versions(page: Page, request: HttpRequest) -> dict[str, str]:
    versions = page.get_translations(inclusive=True).live().select_related("locale")
    # Absolute: hreflang wants full URLs, and another site's page has its own host.
    return {v.locale.language_code: request.build_absolute_uri(url) for v in versions if (url := v.get_url(request))}


def _home_link(request: HttpRequest, language_code: str) -> str:
    # Resolved when followed (views.language_home), so rendering costs no query.
    return reverse("language_home", args=[language_code])


def alternates(request: HttpRequest, page: Page | None, current_language: str, subpath: str = "") -> list[Alternate]:
    """``subpath``: a routable page's sub-page, the same below each version (``stp/``)."""
    exact = _live_versions(page, request) if page is not None and page.pk else {}
    exact = {code: url + subpath for code, url in exact.items()}
    rows = []
    for code, name in settings.LANGUAGES:
        url = exact.get(code) or _home_link(request, code)
        rows.append(Alternate(code, name, url, code in exact, code == current_language))
    return rows
