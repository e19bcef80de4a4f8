"""What every public page wraps its content in: the main menu and the footer (portal/home/menu.py)."""

from django import template

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
