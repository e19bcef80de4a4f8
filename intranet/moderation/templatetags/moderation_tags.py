from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from intranet.accounts.names import display_name
from portal.rows import moment

register = template.Library()


vn_name = display_name  # family name first (Tôn Thất Long), the login name when there is none
register.filter("vn_name", vn_name)


@register.inclusion_tag("moderation/_standing.html")
def standing(due, finished=None):
    """A badge: early / on time / late for finished work, overdue / in time for open work (Art. 9.2.d)."""
    from intranet.workdays.calendar import Status, grade

    code = grade(due, finished) if due else ""
    return {"code": code, "label": Status.LABELS.get(code, "")}


@register.simple_tag
def due_badge(due, now) -> str:
    """An open step's deadline: "Quá hạn 17:00 02/12/2026" once ``now`` is past it, else "Hạn …"; "" without one.

    A function, not an include: the moderation queue prints one per row (issue 18.3)."""
    if due is None:
        return ""
    overdue = due < now
    return format_html(
        '<span class="badge {}" title="{}">{} {}</span>',
        "overdue" if overdue else "in_time", _("Hạn xử lý theo ngày làm việc"), _("Quá hạn") if overdue else _("Hạn"), moment(due),
    )
