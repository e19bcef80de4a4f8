"""``{% waiting_panel case %}``: wait for more / resume, for whoever may act on the step now."""

from django import template

from intranet.accounts import permissions

register = template.Library()


@register.inclusion_tag("cases/_waiting.html", takes_context=True)
def waiting_panel(context, case):
    request = context.get("request")
    may_act = request is not None and case.is_open and permissions.can_act_on_case(request.user, case)
    return {"case": case, "may_act": may_act, "csrf_token": context.get("csrf_token")}
