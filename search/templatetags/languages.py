from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from search.languages import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context, page=None):
    """The page (or the site's home) in each language that has a published version."""
    request = context.get("request")
    if request is None:
        return []
    if not isinstance(page, Page):
        page = None  # a view that is not a Wagtail page (search, 404, login)
    return alternates(request, page, (get_language() or "vi").split("-")[0])
