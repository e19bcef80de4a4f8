"""Huế Art. 7.5: the five shared applications, linked from every desk with their pending counts.

The system administrator keeps them in the Wagtail admin (``SharedApplication``:
a URL plus an optional JSON count endpoint answering ``{"count": N}`` for the
officer named in the query string). A system that does not answer within
DESK_SHARED_APPS_TIMEOUT shows "không kết nối được"; the desk never waits on it
for long, and asks each system in parallel. One query reads the list.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .models import SharedApplication

CACHE_SECONDS = 60


@dataclass(frozen=True)
class SharedApp:
    key: str
    name: str
    url: str
    count: int | None = None  # pending items for this officer, when the system says
    reachable: bool = True  # False: the count endpoint did not answer
    has_count: bool = False


def _fetch_count(count_url: str, username: str) -> int | None:
    separator = "&" if "?" in count_url else "?"
    url = f"{count_url}{separator}{urllib.parse.urlencode({'user': username})}"
    if not url.startswith(("http://", "https://")):
        return None
    try:
        with urllib.request.urlopen(url, timeout=settings.DESK_SHARED_APPS_TIMEOUT) as response:  # noqa: S310 (scheme checked)
            data = json.loads(response.read(65536).decode("utf-8"))
        count = data.get("count") if isinstance(data, dict) else data
        return int(count)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _count(app: SharedApplication, username: str) -> int | None:
    key = f"desk:shared-app:{app.pk}:{username}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    count = _fetch_count(app.count_url, username)
    if count is not None:
        cache.set(key, count, CACHE_SECONDS)
    return count


def shared_apps_for(user) -> list[SharedApp]:
    configured = list(SharedApplication.objects.filter(active=True))
    with_count = [app for app in configured if app.count_url]
    counts: dict[int, int | None] = {}
    if with_count:
        with ThreadPoolExecutor(max_workers=len(with_count)) as pool:
            results = pool.map(lambda app: _count(app, user.get_username()), with_count)
            counts = {app.pk: result for app, result in zip(with_count, results, strict=True)}
    apps = []
    for app in configured:
        has_count = app.pk in counts
        count = counts.get(app.pk)
        apps.append(
            SharedApp(
                key=str(app.pk), name=app.name, url=app.url,
                count=count, reachable=not has_count or count is not None, has_count=has_count,
            )
        )
    return apps
