"""Absolute URLs: the one place that knows which scheme, host and port a link must carry.

A mail, a feed, a sitemap or a canonical link leaves the page it was made on, so its links
must name their site: the unit's own site (``<code>.PORTAL_DOMAIN``) for what belongs to a
unit, the request's host when a visitor is on one, the portal (``WAGTAILADMIN_BASE_URL``,
built from ``PORTAL_DOMAIN`` and ``PORTAL_PORT``) for the officer side. Sites carry
``PORTAL_PORT`` (``provision_site``), so ``make run`` links keep ``:8000``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def base_url(*, unit=None, request=None) -> str:
    """Scheme, host and port, no trailing slash: the unit's site, else the request's host, else the portal."""
    site = getattr(unit, "site", None) if unit is not None else None
    if site is not None:
        return site.root_url
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url: str, *, unit=None, request=None) -> str:
    """``url`` made absolute on the right site; an absolute or empty ``url`` comes back unchanged."""
    if not url or urlsplit(url).scheme:
        return url
    return f"{base_url(unit=unit, request=request)}/{url.lstrip('/')}"
