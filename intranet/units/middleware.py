from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from portal import memo


def _lookup(hostname: str, port: int):
    from .models import Unit

    request = _HostOnly(hostname, port)
    site = Site.find_for_request(request)
    return site, (Unit.objects.filter(site=site).first() if site is not None else None)


class _HostOnly:
    """What ``Site.find_for_request`` reads of a request: its host and port."""

    def __init__(self, hostname: str, port: int):
        self._host, self._port = hostname, port

    def _get_raw_host(self) -> str:
        return self._host

    def get_port(self) -> int:
        return self._port


def _unit_for(request):
    # Kept per process (portal.memo): a Host header names the same site and unit until one is saved.
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    site, unit = memo.remember(("unit-for-host", hostname, port), lambda: _lookup(hostname, port))
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    return unit


class CurrentUnitMiddleware:
    """``request.unit``: the unit whose site the Host header names (lazily; kept per process, ``portal.memo``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = SimpleLazyObject(lambda: _unit_for(request))
        return self.get_response(request)
