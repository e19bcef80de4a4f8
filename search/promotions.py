"""Editors' picks (Wagtail's promoted search results), matched whatever the accents.

Editors promote pages for a query in the admin (Tìm kiếm → Promoted search
results), typing it as they like: "Thủ tục hành chính". Wagtail looks picks up
by the exact normalised string, so a visitor typing "thu tuc hanh chinh" would
miss them; here both sides are folded. Picks are few, so all promoted query
strings are read in one query, kept per process (``portal.memo``), and compared in Python.

The editors' "popular searches" report counts searches, but a search page writes
nothing to the database: ``record_hit`` counts in the cache and beat's
``search-hits-flush`` job (every five minutes, ``search.tasks``) adds the counts to
Wagtail's daily hits (``flush_hits``), through the project's daily counters
(``portal.counters``), so no visitor's request ever writes.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.http import HttpRequest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from portal import memo
from portal.counters import DailyCounts

from .folding import fold_words


def _promoted() -> dict[str, list[int]]:
    """The ids of the queries editors picked results for, by their folded text."""
    by_text: dict[str, list[int]] = {}
    for pk, text in Query.objects.filter(editors_picks__isnull=False).values_list("pk", "query_string").distinct():
        by_text.setdefault(fold_words(text), []).append(pk)
    return by_text


def for_query(query: str, request: HttpRequest) -> list[dict]:
    # The promoted queries are kept per process (portal.memo): saving a pick or a query forgets them.
    query_ids = memo.remember("search-promoted-queries", _promoted).get(fold_words(query), [])
    if not query_ids:
        return []
    visible = Page.objects.live().public().values("pk")
    # A promoted page that is unpublished or private since is not shown.
    picks = SearchPromotion.objects.filter(Q(page__isnull=True) | Q(page__in=visible), query_id__in=query_ids)
    picks = picks.select_related("page")
    rows = []
    for pick in picks.order_by("sort_order", "pk"):
        if pick.page_id:
            rows.append({"title": pick.page.title, "url": pick.page.get_url(request), "description": pick.description})
        elif pick.external_link_url:
            rows.append({"title": pick.external_link_text or pick.external_link_url, "url": pick.external_link_url, "description": pick.description})
    return rows


HITS = DailyCounts("search-hits")


def record_hit(query: str) -> None:
    """Count the query for the editors' "popular searches" report (as typed, normalised), in the cache."""
    if fold_words(query):
        HITS.add(query[:MAX_QUERY_STRING_LENGTH])


def _write_hits(day: dt.date, counts: dict[str, int]) -> None:
    for text, number in counts.items():
        daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(text), date=day)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + number)


def flush_hits(today: dt.date | None = None) -> int:
    """Add the cached counts of today and yesterday to the report's daily hits; returns the hits added."""
    return HITS.flush(_write_hits, today)
