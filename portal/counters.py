"""Counts per day kept in the cache and added to the database by a beat job: no request writes.

A counter (``DailyCounts("search-hits")``) counts named things per day with atomic cache
increments: one key per name and day, and a numbered slot per name new that day, so a flush
can list the day's names without scanning the cache. ``flush`` hands each day's pending counts
to the caller's ``write`` (one transaction), then takes exactly those counts off the cache: what
was counted meanwhile stays for the next flush. The cache is shared by every worker (Redis); a
cache lost before a flush loses its last minutes of counts, which a statistic can afford.
``add_soon`` holds counts in the process for up to two seconds and pushes them in one go, for
counts taken on every page served (the visits), where a round trip each would be half the cost
of a page the page cache answers.

Used by the editors' "popular searches" (``search.promotions``) and the visit statistics
(``portal.home.visits``).
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

KEEP_SECONDS = 3 * 24 * 3600  # uncounted hits outlive a few missed flushes, not forever
PUSH_SECONDS = 2.0  # how long ``add_soon`` holds counts in the process before they reach the cache


def _count(key: str, by: int = 1) -> tuple[int, bool]:
    """One more on ``key``, made when missing: the new value and whether it was made now. On
    Redis one round trip (``portal.cache.RedisCache.count``), elsewhere Django's ``incr`` and ``add``."""
    if hasattr(cache, "count"):
        return cache.count(key, KEEP_SECONDS, by)
    try:
        return cache.incr(key, by), False
    except ValueError:  # the first today (or the cache lost it)
        pass
    if cache.add(key, by, timeout=KEEP_SECONDS):
        return by, True
    return cache.incr(key, by), False  # another request added it meanwhile


class DailyCounts:
    def __init__(self, prefix: str):
        self.prefix = prefix
        self._held: Counter[tuple[dt.date, str]] = Counter()
        self._lock = threading.Lock()
        self._pushed_at = time.monotonic()
        atexit.register(self.push)  # a worker stopping (restart, scale down) leaves nothing held

    def key(self, day: dt.date, name: str | None = None, slot: int | None = None) -> str:
        if name is not None:
            return f"{self.prefix}:{day.isoformat()}:count:{hashlib.sha256(name.encode()).hexdigest()[:32]}"
        if slot is not None:
            return f"{self.prefix}:{day.isoformat()}:slot:{slot}"
        return f"{self.prefix}:{day.isoformat()}:slots"

    def add(self, name: str, day: dt.date | None = None, by: int = 1) -> None:
        """``by`` more for ``name`` today: one increment; a name new today also takes a slot."""
        day = day or timezone.localdate()
        _value, new = _count(self.key(day, name), by)
        if new:  # a name new today takes a numbered slot, so a flush can list the day's names
            slot, _made = _count(self.key(day))
            cache.set(self.key(day, slot=slot), name, timeout=KEEP_SECONDS)

    def add_soon(self, name: str) -> None:
        """One more for ``name`` today, held in this process and pushed to the cache with the
        others at most ``PUSH_SECONDS`` later (on the next count after that, at a flush, at
        exit): a page the page cache answers then costs no round trip for its visit. Only a
        process killed outright loses what it held, a couple of seconds of counts."""
        with self._lock:
            self._held[(timezone.localdate(), name)] += 1
        if time.monotonic() - self._pushed_at >= PUSH_SECONDS:
            self.push()

    def push(self) -> None:
        """What this process holds, into the cache: one increment per name and day."""
        with self._lock:
            held, self._held = self._held, Counter()
            self._pushed_at = time.monotonic()
        for (day, name), number in held.items():
            self.add(name, day, by=number)

    def pending(self, day: dt.date) -> dict[str, int]:
        """The names counted on ``day`` and not flushed yet, with their counts."""
        slots = cache.get(self.key(day)) or 0
        names = list(cache.get_many([self.key(day, slot=n) for n in range(1, slots + 1)]).values())
        counts = cache.get_many([self.key(day, name) for name in names])
        return {name: number for name in names if (number := counts.get(self.key(day, name)) or 0) > 0}

    def flush(self, write: Callable[[dt.date, dict[str, int]], None], today: dt.date | None = None) -> int:
        """``write(day, counts)`` for yesterday and today, then the counts come off the cache; returns how many."""
        self.push()  # this process's own held counts (the web processes push theirs as they go)
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
