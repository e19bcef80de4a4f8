"""Visit statistics: views per page and per site, with nothing personal and no write per request.

A visit is one page served, cached or not: the page's serve hook counts it when the page is
rendered (``wagtail_hooks``), the anonymous page cache when it answers from an entry (the entry
remembers its site and page). Only the site's and page's ids are counted, per day, in the cache
(``portal.counters``, held a couple of seconds in each process and pushed together); no address, user agent or cookie is read or kept. Beat's
``visits-flush`` job adds the counts to ``PageVisit`` rows in a handful of statements whatever
their number. The footer shows the site's total (``portal.home.menu``, kept five minutes).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum

from portal.counters import DailyCounts

VISITS = DailyCounts("visits")


def visit_of(request, page) -> tuple[int, int] | None:
    """(site id, page id) of a page served to ``request``: the site the visitor asked for."""
    from wagtail.models import Site

    site = getattr(request, "_wagtail_site", None) or Site.find_for_request(request)
    return (site.pk, page.pk) if site is not None else None


def record(visit: tuple[int, int] | None) -> None:
    if visit is not None:
        VISITS.add_soon(f"{visit[0]}:{visit[1]}")


def _write(day: dt.date, counts: dict[str, int]) -> None:
    from wagtail.models import Page, Site

    from .models import PageVisit

    pending = {tuple(int(part) for part in name.split(":")): number for name, number in counts.items()}
    # A page or site deleted since it was counted has nothing to count against.
    pages = set(Page.objects.filter(pk__in={page for _site, page in pending}).values_list("pk", flat=True))
    sites = set(Site.objects.filter(pk__in={site for site, _page in pending}).values_list("pk", flat=True))
    pending = {(site, page): number for (site, page), number in pending.items() if site in sites and page in pages}
    existing = {
        (row.site_id, row.page_id): row
        for row in PageVisit.objects.select_for_update().filter(day=day, page_id__in={page for _site, page in pending})
        if (row.site_id, row.page_id) in pending
    }
    for key, row in existing.items():
        row.count += pending[key]
    PageVisit.objects.bulk_update(existing.values(), ["count"], batch_size=500)
    PageVisit.objects.bulk_create(
        [PageVisit(day=day, site_id=site, page_id=page, count=number) for (site, page), number in pending.items() if (site, page) not in existing],
        batch_size=500,
    )


def flush(today: dt.date | None = None) -> int:
    """Add the visits counted in the cache (yesterday and today) to ``PageVisit``; returns how many."""
    return VISITS.flush(_write, today)


def site_total(site_id: int):
    """The site's visits ever, as a subquery (the footer annotates its one query with it)."""
    from django.db.models import Subquery

    from .models import PageVisit

    return Subquery(PageVisit.objects.filter(site_id=site_id).values("site_id").annotate(total=Sum("count")).values("total")[:1])
