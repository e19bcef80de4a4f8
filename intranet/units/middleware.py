from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from portal import memo


def _lookup(hostname: str, port: int):
    from .models import Unit

    try:
        site = get_site_for_hostname(hostname, port)  # what Site.find_for_request asks, by host and port
    except Site.DoesNotExist:
        return None, None
    return site, Unit.objects.filter(site=site).first()


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
