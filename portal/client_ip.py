"""The visitor's IP address, for the public forms' rate limits and the login lockout.

Behind reverse proxies (nginx, a load balancer) ``REMOTE_ADDR`` is the last
proxy's address, so every citizen would share one rate-limit bucket. Each proxy
appends the address it received the request from to ``X-Forwarded-For``; with
``TRUSTED_PROXY_COUNT = n`` (the number of proxies in front of the app servers)
the client is the n-th address from the right, the one our first proxy saw.
Anything further left came from the client and may be forged, so it is never
read. Without proxies (the default) only ``REMOTE_ADDR`` counts.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a placeholder, never bound
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them.
        return remote
    return _valid(forwarded[-proxies]) or remote
