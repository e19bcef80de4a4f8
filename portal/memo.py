"""Small things every request reads, kept in this process (issue 18.2).

Which site and unit a Host header names, the active units, each unit site's home paths, the
private sections, the promoted queries: a page asked the database for each of them on every
request, though they change only when someone saves a site, unit, page, view restriction or
editors' pick. Each value (``remember(key, build)``) is kept here until

- a save or delete of one of those models (``WATCHED``), or a page published, unpublished or
  moved, in this process: everything is forgotten at once;
- the same in another process: that process moves a version number in the shared cache, which
  each process reads at most once every ``PROCESS_MEMO_CHECK_SECONDS`` (1 s, as old as the page
  cache's own copies may be);
- ``PROCESS_MEMO_SECONDS`` (60 s) in any case, for the changes no signal tells of
  (``QuerySet.update()``, a tree move done in SQL).

At most ``MAX_VALUES`` values are kept (a key may name a Host header, which visitors choose).
``PROCESS_MEMO_SECONDS = 0`` turns it off.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "process-memo:version"
MAX_VALUES = 500
T = TypeVar("T")

_values: dict = {}
_state = {"version": None, "checked": float("-inf")}


def _seconds() -> float:
    return getattr(settings, "PROCESS_MEMO_SECONDS", 60)


def _check(now: float) -> None:
    if now < _state["checked"] + getattr(settings, "PROCESS_MEMO_CHECK_SECONDS", 1.0):
        return
    _state["checked"] = now
    version = cache.get(VERSION_KEY)
    if version is None:
        # None yet (or evicted): start from the clock, never from a number another process may hold.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    if version != _state["version"]:
        _values.clear()
        _state["version"] = version


def remember(key, build: Callable[[], T]) -> T:
    """``build()``, or the value it gave for ``key`` in this process while nothing it reads changed."""
    seconds = _seconds()
    if not seconds:
        return build()
    now = time.monotonic()
    _check(now)
    found = _values.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = build()
    if len(_values) >= MAX_VALUES:
        _values.clear()
    _values[key] = (now + seconds, value)
    return value


def clear() -> None:
    """Forget this process's values (tests: each starts from the database)."""
    _values.clear()
    _state["checked"] = float("-inf")


def forget(**_kwargs) -> None:
    """Something the values read changed: forget them here and in every other process.

    Once now and again when the change commits: another process that rebuilt its values in
    between read the rows as they were before the commit.
    """
    _forget()
    transaction.on_commit(_forget)


def _forget() -> None:
    _values.clear()
    try:
        _state["version"] = cache.incr(VERSION_KEY)
    except ValueError:
        version = time.time_ns()
        cache.set(VERSION_KEY, version, timeout=None)
        _state["version"] = version


def watched_models() -> tuple:
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from intranet.units.models import Unit

    return (Site, Unit, Page, PageViewRestriction, Locale, SearchPromotion, Query)


def connect() -> None:
    """Forget on every save or delete of a watched model (subclasses too) and on page moves (``apps``)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    watched = watched_models()

    def changed(sender, instance=None, **_kwargs):
        if isinstance(instance, watched):
            forget()

    post_save.connect(changed, dispatch_uid="process-memo-save", weak=False)
    post_delete.connect(changed, dispatch_uid="process-memo-delete", weak=False)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"process-memo-{id(signal)}", weak=False)
