"""What every public page wraps its content in: the main menu and the footer (portal/home/menu.py)."""

from django import template

from portal.home.menu import main_menu, managing_body, responsible_person

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    request = context.get("request")
    return main_menu(request, context.get("current_unit")) if request is not None else []


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The unit's home page (licence, responsible person as edited) and its head, as the footer shows them."""
    from wagtail.models import Site

    from portal.home.models import HomePage

    request = context.get("request")
    unit = context.get("current_unit")
    site = Site.find_for_request(request) if request is not None else None
    home = HomePage.objects.filter(pk=site.root_page_id).only("licence", "responsible", "managing_body").first() if site else None
    person = None if home and home.responsible else responsible_person(unit)
    return {
        "home": home,
        "managing_body": home.managing_body if home and home.managing_body else managing_body(unit),
        "responsible": home.responsible if home and home.responsible else (
            f"{person.full_name}{' – ' + person.position if person.position else ''}" if person else ""
        ),
    }
