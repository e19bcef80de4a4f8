"""/tim-kiem/: one search over every registered type, on the portal and every unit site."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from intranet.units.models import Unit
from portal import memo

from . import promotions
from .backends.ranked import FIRST
from .highlight import excerpt, highlight, query_terms
from .registry import TYPES, SearchType, SiteUnits, get_type

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, not refused
PER_PAGE = 20
PREVIEW = 5  # hits per type on the overview, before "see all"


class Hits:
    """The hits of one type: the visitor's unit's own first, then the rest.

    One search on the project's backends (ordered by ``FIRST`` in SQL, by a boost on
    Elasticsearch); two parts, the unit's and the others', on a backend that can do neither
    (Wagtail's LIKE fallback).

    Quacks like a queryset for ``Paginator`` (``count()`` and slicing), so a
    page of hits costs the same few queries however many there are. Given the ``window``
    the page will show, a backend that can (``counted_slice``) answers the count and that
    page from one pass over the index.
    """

    def __init__(self, parts, window: tuple[int, int] | None = None):
        self.parts = parts
        self.window = window
        self._counts = None
        self._shown = None

    def counts(self) -> list[int]:
        if self._counts is None:
            if self.window is not None and len(self.parts) == 1 and hasattr(self.parts[0], "counted_slice"):
                self._shown, total = self.parts[0].counted_slice(*self.window)
                self._counts = [total]
            else:
                self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list:
        start, stop = key.start or 0, key.stop
        if self._shown is not None and start == self.window[0] and stop <= self.window[1]:
            return self._shown[: stop - start]  # the paginator stops the last page at the count
        found, offset = [], 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            if lo < hi:
                found.extend(part[lo:hi])
            offset += size
        return found


@dataclass
class Group:
    type: SearchType
    hits: Hits
    shown: list


def _hits(
    entry: SearchType, request: HttpRequest, query: str, scope: Unit | None, own: Unit | None, census=None, window=None
) -> Hits:
    backend = get_search_backend()
    if census is not None and not entry.content_types() & census.keys():
        return Hits([])  # the index holds no hit of this type: no search, not even a queryset
    queryset = entry.public(request)
    if scope is not None:
        queryset = entry.in_unit(queryset, scope)
    if own is None:
        return Hits([backend.search(query, queryset, operator="and")], window)
    condition = entry.unit_q(own)
    if getattr(backend, "ORDERS_FIRST", False):
        # One search per type: the unit's own hits rank first (search.backends.ranked, and a
        # boost on Elasticsearch: search.backends.elasticsearch).
        first = Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())
        return Hits([backend.search(query, queryset.annotate(**{FIRST: first}), operator="and")], window)
    # The same condition, kept then negated: every backend can express both (see search.registry).
    mine, others = queryset.filter(condition), queryset.exclude(condition)
    return Hits([backend.search(query, mine, operator="and"), backend.search(query, others, operator="and")])


def _active_units() -> list[Unit]:
    """The unit filter's choices, kept per process (``portal.memo``): saving a unit forgets them."""
    return list(Unit.objects.active().only("code", "name", "depth").order_by("path"))


def _page_number(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def _present(entry: SearchType, objects: list, request: HttpRequest, terms, sites: SiteUnits) -> list[dict]:
    rows = []
    for obj in entry.prepare(list(objects)):
        unit = entry.unit_of(obj, sites)
        locale = getattr(obj, "locale", None)
        rows.append(
            {
                "title": highlight(entry.title(obj), terms),
                "text": highlight(excerpt(entry.text(obj), terms), terms),
                "url": entry.url(obj, request),
                "unit": unit,
                "type": entry,
                "language": locale.language_code if locale is not None else None,
            }
        )
    return rows


@ratelimit(key="ip", rate=lambda group, request: settings.SEARCH_RATE, block=True)
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")  # NUL bytes never get here (portal.bad_input)
    query = " ".join(raw.split())[:MAX_QUERY_LENGTH]
    chosen = get_type(request.GET.get("loai"))
    units = memo.remember("search-units", _active_units)
    scope = next((unit for unit in units if unit.code == request.GET.get("don_vi")), None)
    own = getattr(request, "unit", None) if scope is None else None
    own = own or None  # the lazy request.unit is None on an unknown host

    context = {
        "search_query": query,
        "query_too_long": len(" ".join(raw.split())) > MAX_QUERY_LENGTH,
        "types": TYPES,
        "chosen": chosen,
        "units": units,
        "scope": scope,
        "own": own,
        "groups": [],
        "promoted": [],
        "page_obj": None,
        "total": 0,
    }
    if query:
        terms, sites = query_terms(query), SiteUnits()
        matching = getattr(get_search_backend(), "matching_types", None)
        census = matching(query) if matching else None  # hits per content type, one pass over the index
        if chosen is None:
            windows = {entry.key: (0, PREVIEW) for entry in TYPES}
        else:  # the page the paginator will show (another one only when the number is past the end)
            start = (_page_number(request.GET.get("trang")) - 1) * PER_PAGE
            windows = {chosen.key: (start, start + PER_PAGE)}
        groups = [Group(entry, _hits(entry, request, query, scope, own, census, windows.get(entry.key)), []) for entry in TYPES]
        context["total"] = sum(group.hits.count() for group in groups)
        if chosen is None:
            for group in groups:
                group.shown = _present(group.type, group.hits[0:PREVIEW], request, terms, sites)
        else:
            group = next(group for group in groups if group.type is chosen)
            page_obj = Paginator(group.hits, PER_PAGE).get_page(request.GET.get("trang"))
            group.shown = _present(chosen, list(page_obj.object_list), request, terms, sites)
            context["page_obj"] = page_obj
        context["groups"] = groups
        first_page = context["page_obj"] is None or context["page_obj"].number == 1
        if first_page and chosen is None:
            context["promoted"] = promotions.for_query(query, request)
            promotions.record_hit(query)
        context["no_results"] = context["total"] == 0 and not context["promoted"]
    context["page_title"] = _("Tìm kiếm")
    return render(request, "search/search.html", context)


def language_home(request: HttpRequest, language_code: str) -> HttpResponse:
    """The language switcher's target when a page has no translation: this site's home in that language.

    Falls back to the site's home as it is when that language has no published home yet.
    """
    site = Site.find_for_request(request)
    if site is None or language_code not in dict(settings.LANGUAGES):
        raise Http404
    home = site.root_page.get_translations(inclusive=True).live().filter(locale__language_code=language_code).first()
    return redirect((home or site.root_page).get_url(request) or "/")
