"""Anonymous visitors get public pages from the cache; any publish, unpublish or move empties it.

Only Wagtail pages (marked by the ``before_serve_page`` hook) and the RSS feed are
cached, only for requests without a session, message or authorisation, and only 200
responses that set no cookie (a page with a form sets the CSRF cookie, so it is never
kept). The middleware sits right after WhiteNoise, before sessions, locale, CSRF, auth
and the unit lookup: a hit costs one cache round-trip (the version number and the entry
in one ``get_many``) and none of that work.

The key is the host, the visitor's language and the path with a canonical query string:
only the parameters public pages understand (``QUERY_PARAMS``), with valid values, sorted.
Any other parameter (``?v=<random>``) is served from the same entry; a request with an
understood parameter of an unexpected value is rendered and not kept. A page is kept only
if it read no parameter outside ``QUERY_PARAMS`` (``request.GET`` records what is read),
and only for the exact host of its Wagtail site, so neither query strings nor Host headers
can grow the cache without bound.

One version number for all sites: a portal article shared down changes every unit site at
once, so invalidation is global and cheap (one ``incr``); an entry remembers the version it
was made under and is stale once the number moves.

Kept responses carry ``Cache-Control: public`` (``max-age=0`` for browsers, which revalidate,
``s-maxage`` for a reverse proxy or CDN), ``ETag``, ``Last-Modified`` and
``Vary: Cookie, Accept-Language``; a matching ``If-None-Match`` gets a 304.

Each process also keeps the entries it served last for ``PAGE_CACHE_LOCAL_SECONDS`` (1 s; at most
``LOCAL_ENTRIES`` of them): a page asked for again within that second costs no round trip at all.
Publishing empties this process's copies at once; other processes' copies are at most that second
old, as a reverse proxy's (``PAGE_CACHE_SHARED_MAX_AGE``) are at most a minute.

An entry remembers the site and page it shows, so a hit counts a visit (``portal.home.visits``:
in the cache, two ids, nothing about the visitor) without a query.
"""

from __future__ import annotations

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language_from_request
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.home import visits

VERSION_KEY = "page-cache:version"
LOCAL_ENTRIES = 200  # this process's copies of the entries served last (a few MB at most)

# The query parameters public pages read, with the values they accept: news and galleries
# page with ``trang``, the news list filters on ``chuyen-muc``, legal documents
# (``portal.pages.LegalDocumentFilter``) on ``cap``, ``loai``, ``co-quan``, ``linh-vuc`` and an
# issue date range. Free text (``q``, the number ``so``) is understood but kept only empty: any
# text is rendered and not kept, so visitors' words cannot grow the cache. A filter left empty
# (a form sends every field) is the same as none. The work calendar names its week with ``tuan``
# (``2026-W50``) and its printable view with ``in=1``.
_SLUG = r"[a-z0-9-]{0,40}"
_DATE = r"|[0-3]?[0-9]/[01]?[0-9]/(19|20)[0-9]{2}|(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"
QUERY_PARAMS = {
    "trang": r"[1-9][0-9]{0,3}",
    "chuyen-muc": _SLUG,
    "cap": _SLUG,
    "loai": _SLUG,
    "linh-vuc": _SLUG,
    "co-quan": r"[a-z0-9-]{0,80}",
    "tu-ngay": _DATE,
    "den-ngay": _DATE,
    "q": r"",
    "so": r"",
    "tuan": r"[0-9]{4}-W[0-9]{2}",
    "in": r"1",
}


def _query_params() -> dict[str, re.Pattern]:
    params = {**QUERY_PARAMS, **getattr(settings, "PAGE_CACHE_QUERY_PARAMS", {})}
    return {name: re.compile(pattern) for name, pattern in params.items()}


_PARAMS = None


def query_params() -> dict[str, re.Pattern]:
    global _PARAMS
    if _PARAMS is None:
        _PARAMS = _query_params()
    return _PARAMS


class _LocalEntries:
    """This process's copies of entries, each trusted for a moment after it came from the cache."""

    def __init__(self):
        self._entries: dict[str, tuple[float, tuple]] = {}

    def get(self, key: str):
        found = self._entries.get(key)
        return found[1] if found is not None and found[0] > time.monotonic() else None

    def put(self, key: str, entry: tuple, seconds: float) -> None:
        if len(self._entries) >= LOCAL_ENTRIES:
            self._entries = {}  # the hot pages come back within a second
        self._entries[key] = (time.monotonic() + seconds, entry)

    def clear(self) -> None:
        self._entries = {}


_local = _LocalEntries()


def invalidate(**kwargs) -> None:
    _local.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # No version yet (or evicted): start from the clock, never from a number an old entry may hold.
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def mark_cacheable(request) -> None:
    request._public_page_cache = True


class _ReadRecordingQuery(QueryDict):
    """``request.GET`` that records the names a view reads (all present names when it enumerates)."""

    def __init__(self, *args, **kwargs):
        self.read = set()
        super().__init__(*args, **kwargs)
        self.read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def _getlist(self, key, *args, **kwargs):
        self.read.add(key)
        return super()._getlist(key, *args, **kwargs)

    def _read_all(self, result):
        self.read.update(dict.keys(self))
        return result

    def __iter__(self):
        return self._read_all(super().__iter__())

    def keys(self):
        return self._read_all(super().keys())

    def lists(self):
        return self._read_all(super().lists())

    def __copy__(self):
        return self._read_all(super().__copy__())

    def __deepcopy__(self, memo):
        return self._read_all(super().__deepcopy__(memo))

    def urlencode(self, safe=None):
        return self._read_all(super().urlencode(safe))


def _canonical_query(query: QueryDict) -> str | None:
    """The understood parameters, sorted (last value wins, as ``.get`` reads); None if one is invalid."""
    params = query_params()
    kept = []
    for name in sorted(name for name in dict.keys(query) if name in params):
        value = dict.__getitem__(query, name)[-1]
        if not params[name].fullmatch(value):
            return None
        if value:  # an empty filter reads as none: one entry for both
            kept.append((name, value))
    return urlencode(kept)


def _eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES  # a message waits for this visitor: render it
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _entry_key(request, canonical: str) -> str:
    language = get_language_from_request(request, check_path=True)
    return f"page-cache:{request.get_host()}:{language}:{request.path}?{canonical}"


def _from_entry(request, entry) -> HttpResponse:
    _version, status, headers, content, visit = entry
    if request.method == "GET":
        visits.record(visit)  # a visit to a cached page is counted too (portal.home.visits)
    response = HttpResponse(content, status=status, headers=headers)
    return get_conditional_response(request, etag=headers.get("ETag"), response=response)


def _keepable(request, response, query: _ReadRecordingQuery) -> bool:
    if not getattr(request, "_public_page_cache", False) or response.status_code != 200 or response.cookies:
        return False
    if response.streaming or not query.read <= query_params().keys():
        return False
    site = getattr(request, "_wagtail_site", None)
    return site is not None and site.hostname == split_domain_port(request.get_host())[0]


def _make_public(response, seconds: int) -> None:
    content = response.content
    response.headers["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response.headers["Last-Modified"] = http_date()
    shared = getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 60)
    patch_cache_control(response, public=True, max_age=0, s_maxage=min(shared, seconds))
    patch_vary_headers(response, ("Cookie", "Accept-Language"))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _eligible(request):
            return self._private(request, self.get_response(request))
        query = _ReadRecordingQuery(request.META.get("QUERY_STRING", ""))
        canonical = _canonical_query(query)
        if canonical is None:  # an understood parameter with a value no page gives: render, do not keep
            return self._private(request, self.get_response(request))
        key = _entry_key(request, canonical)
        local_seconds = getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0)
        if local_seconds and (entry := _local.get(key)) is not None:
            return _from_entry(request, entry)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version and len(entry) == 5:  # (an older shape is made again)
            if local_seconds:
                _local.put(key, entry, local_seconds)
            return _from_entry(request, entry)
        request.GET = query
        response = self.get_response(request)
        if not _keepable(request, response, query):
            return self._private(request, response)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
        _make_public(response, seconds)
        entry = (version, response.status_code, dict(response.headers), response.content, getattr(request, "_visit", None))
        cache.set(key, entry, seconds)
        if local_seconds:
            _local.put(key, entry, local_seconds)
        return get_conditional_response(request, etag=response.headers["ETag"], response=response)

    @staticmethod
    def _private(request, response):
        # A public page shown to someone it was not kept for (logged in, a message) stays out of shared caches.
        if getattr(request, "_public_page_cache", False) and "Cache-Control" not in response.headers:
            patch_cache_control(response, private=True)
        return response


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    invalidate()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate()
