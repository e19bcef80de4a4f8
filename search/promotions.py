"""Editors' picks (Wagtail's promoted search results), matched whatever the accents.

Editors promote pages for a query in the admin (Tìm kiếm → Promoted search
results), typing it as they like: "Thủ tục hành chính". Wagtail looks picks up
by the exact normalised string, so a visitor typing "thu tuc hanh chinh" would
miss them; here both sides are folded. Picks are few, so all promoted query
strings are read in one query and compared in Python.

The editors' "popular searches" report counts searches, but a search page writes
nothing to the database: ``record_hit`` counts in the cache (atomic increments, one
key per query and day), and beat's ``search-hits-flush`` job (every five minutes,
``search.tasks``) adds them to Wagtail's daily hits in a handful of statements
(``flush_hits``), so no visitor's request ever writes. The cache
is shared by every worker (Redis) or is the worker's own (embedded): either way each
count reaches the report once; a cache lost before a flush loses its last minutes of
counts, which a popularity report can afford.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from .folding import fold_words


def for_query(query: str, request: HttpRequest) -> list[dict]:
    folded = fold_words(query)
    promoted = Query.objects.filter(editors_picks__isnull=False).values_list("pk", "query_string").distinct()
    query_ids = [pk for pk, text in promoted if fold_words(text) == folded]
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


KEEP_SECONDS = 3 * 24 * 3600  # uncounted hits outlive a few missed flushes, not forever
PREFIX = "search-hits"


def _keys(day: dt.date, text: str | None = None, slot: int | None = None) -> str:
    if text is not None:
        return f"{PREFIX}:{day.isoformat()}:count:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    if slot is not None:
        return f"{PREFIX}:{day.isoformat()}:slot:{slot}"
    return f"{PREFIX}:{day.isoformat()}:slots"


def _incr(key: str, by: int = 1) -> int:
    cache.add(key, 0, timeout=KEEP_SECONDS)
    return cache.incr(key, by)


def record_hit(query: str) -> None:
    """Count the query for the editors' "popular searches" report (as typed, normalised), in the cache."""
    if not fold_words(query):
        return
    text, day = query[:MAX_QUERY_STRING_LENGTH], timezone.localdate()
    if cache.add(_keys(day, text), 1, timeout=KEEP_SECONDS):
        # A query new today takes a numbered slot, so a flush can list the day's queries.
        cache.set(_keys(day, slot=_incr(_keys(day))), text, timeout=KEEP_SECONDS)
    else:
        _incr(_keys(day, text))


def flush_hits(today: dt.date | None = None) -> int:
    """Add the cached counts of today and yesterday to the report's daily hits; returns the hits added."""
    today = today or timezone.localdate()
    added = 0
    for day in (today - dt.timedelta(days=1), today):
        slots = cache.get(_keys(day)) or 0
        texts = list(cache.get_many([_keys(day, slot=n) for n in range(1, slots + 1)]).values())
        counts = cache.get_many([_keys(day, text) for text in texts])
        pending = {text: counts.get(_keys(day, text)) or 0 for text in texts}
        pending = {text: number for text, number in pending.items() if number > 0}
        if not pending:
            continue
        with transaction.atomic():
            for text, number in pending.items():
                daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(text), date=day)
                QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + number)
        for text, number in pending.items():
            cache.decr(_keys(day, text), number)  # hits counted meanwhile stay for the next flush
        added += sum(pending.values())
    return added
