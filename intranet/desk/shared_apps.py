"""Huế Art. 7.5: the five shared applications, linked from every desk with their pending counts.

Each is configured (settings.DESK_SHARED_APPS) as a URL plus an optional JSON
count endpoint answering ``{"count": N}`` for the officer named in the query
string. A system that does not answer in time shows "không kết nối được"; the
desk never waits on it for long, and asks each system in parallel.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

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


def _count(config: dict, username: str) -> int | None:
    key = f"desk:shared-app:{config['key']}:{username}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    count = _fetch_count(config["count_url"], username)
    if count is not None:
        cache.set(key, count, CACHE_SECONDS)
    return count


def shared_apps_for(user) -> list[SharedApp]:
    configs = list(settings.DESK_SHARED_APPS)
    with_count = [c for c in configs if c.get("count_url")]
    counts: dict[str, int | None] = {}
    if with_count:
        with ThreadPoolExecutor(max_workers=len(with_count)) as pool:
            results = pool.map(lambda c: _count(c, user.get_username()), with_count)
            counts = {c["key"]: result for c, result in zip(with_count, results, strict=True)}
    apps = []
    for config in configs:
        has_count = config["key"] in counts
        count = counts.get(config["key"])
        apps.append(
            SharedApp(
                key=config["key"], name=config["name"], url=config.get("url", ""),
                count=count, reachable=not has_count or count is not None, has_count=has_count,
            )
        )
    return apps
