from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _unit_for(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    from .models import Unit

    return Unit.objects.filter(site=site).first()


class CurrentUnitMiddleware:
    """``request.unit``: the unit whose site the Host header names (lazily, one query when used)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = SimpleLazyObject(lambda: _unit_for(request))
        return self.get_response(request)
