"""Counts per day kept in the cache and added to the database by a beat job: no request writes.

A counter (``DailyCounts("search-hits")``) counts named things per day with atomic cache
increments: one key per name and day, and a numbered slot per name new that day, so a flush
can list the day's names without scanning the cache. ``flush`` hands each day's pending counts
to the caller's ``write`` (one transaction), then takes exactly those counts off the cache: what
was counted meanwhile stays for the next flush. The cache is shared by every worker (Redis); a
cache lost before a flush loses its last minutes of counts, which a statistic can afford.

Used by the editors' "popular searches" (``search.promotions``) and the visit statistics
(``portal.home.visits``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

KEEP_SECONDS = 3 * 24 * 3600  # uncounted hits outlive a few missed flushes, not forever


class DailyCounts:
    def __init__(self, prefix: str):
        self.prefix = prefix

    def key(self, day: dt.date, name: str | None = None, slot: int | None = None) -> str:
        if name is not None:
            return f"{self.prefix}:{day.isoformat()}:count:{hashlib.sha256(name.encode()).hexdigest()[:32]}"
        if slot is not None:
            return f"{self.prefix}:{day.isoformat()}:slot:{slot}"
        return f"{self.prefix}:{day.isoformat()}:slots"

    @staticmethod
    def _incr(key: str, by: int = 1) -> int:
        cache.add(key, 0, timeout=KEEP_SECONDS)
        return cache.incr(key, by)

    def add(self, name: str, day: dt.date | None = None) -> None:
        """One more for ``name`` today: one increment; a name new today also takes a slot."""
        day = day or timezone.localdate()
        key = self.key(day, name)
        try:
            cache.incr(key)
            return
        except ValueError:  # the first today (or the cache lost it)
            pass
        if cache.add(key, 1, timeout=KEEP_SECONDS):
            # A name new today takes a numbered slot, so a flush can list the day's names.
            cache.set(self.key(day, slot=self._incr(self.key(day))), name, timeout=KEEP_SECONDS)
        else:
            cache.incr(key)  # another request added it meanwhile

    def pending(self, day: dt.date) -> dict[str, int]:
        """The names counted on ``day`` and not flushed yet, with their counts."""
        slots = cache.get(self.key(day)) or 0
        names = list(cache.get_many([self.key(day, slot=n) for n in range(1, slots + 1)]).values())
        counts = cache.get_many([self.key(day, name) for name in names])
        return {name: number for name in names if (number := counts.get(self.key(day, name)) or 0) > 0}

    def flush(self, write: Callable[[dt.date, dict[str, int]], None], today: dt.date | None = None) -> int:
        """``write(day, counts)`` for yesterday and today, then the counts come off the cache; returns how many."""
        today = today or timezone.localdate()
        added = 0
        for day in (today - dt.timedelta(days=1), today):
            pending = self.pending(day)
            if not pending:
                continue
            with transaction.atomic():
                write(day, pending)
            for name, number in pending.items():
                cache.decr(self.key(day, name), number)  # counted meanwhile: stays for the next flush
            added += sum(pending.values())
        return added
