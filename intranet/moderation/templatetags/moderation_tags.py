from django import template

from intranet.accounts.names import display_name

register = template.Library()


vn_name = display_name  # family name first (Tôn Thất Long), the login name when there is none
register.filter("vn_name", vn_name)


@register.inclusion_tag("moderation/_standing.html")
def standing(due, finished=None):
    """A badge: early / on time / late for finished work, overdue / in time for open work (Art. 9.2.d)."""
    from intranet.workdays.calendar import Status, grade

    code = grade(due, finished) if due else ""
    return {"code": code, "label": Status.LABELS.get(code, "")}
