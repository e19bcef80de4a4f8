"""What every public page wraps its content in: the main menu and the footer (portal/home/menu.py)."""

from django import template
from django.utils import numberformat
from django.utils.formats import get_format

from portal.home.menu import footer_for, main_menu

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    request = context.get("request")
    return main_menu(request, context.get("current_unit")) if request is not None else []


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer's managing body, responsible person and licence (kept with the menu in the cache)."""
    request = context.get("request")
    return footer_for(request, context.get("current_unit")) if request is not None else {}


@register.filter
def grouped(value) -> str:
    """A whole number with the language's thousand separator: 12.345 in Vietnamese, 12,345 in English."""
    # Django's Vietnamese formats name the separator but no grouping: groups of three here.
    return numberformat.format(int(value or 0), get_format("DECIMAL_SEPARATOR"), grouping=3,
                               thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True)
