"""``{% cover_panel case %}``: acting on behalf of a leader, the holder's leave, the duplicate link."""

from django import template

from intranet.accounts import permissions

from .. import services
from ..models import DuplicateLink

register = template.Library()


@register.inclusion_tag("cover/_case_panel.html", takes_context=True)
def cover_panel(context, case):
    request = context.get("request")
    user = getattr(request, "user", None)
    own = user is not None and permissions.acts_in_own_right(user, case)
    return {
        "case": case,
        "on_behalf_of": None if user is None or own else permissions.acting_for(user, case),
        "holder_leave": services.leave_of(case.holder) if case.is_open and case.holder_id else None,
        "may_link": user is not None and permissions.can_link_duplicate(user, case),
        "link": DuplicateLink.objects.filter(case=case).select_related("original").first() if case.step == services.DUPLICATE_STEP else None,
        "duplicates": list(DuplicateLink.objects.filter(original=case).select_related("case")[:20]) if case.kind in permissions.DUPLICATE_KINDS else [],
    }
