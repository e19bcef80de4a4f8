from django import template

register = template.Library()


@register.simple_tag
def query_with(request, **changes) -> str:
    """The current query string with some parameters replaced (empty values dropped)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = value
    for key in [key for key, value in params.items() if value in ("", None)]:
        del params[key]
    return params.urlencode()
