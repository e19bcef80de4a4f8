"""``{% reassign_link obj %}``: the "Phân công lại" link, for those the permission layer lets reassign."""

from django import template

from intranet.accounts import permissions

from .. import services

register = template.Library()

KIND_SLUGS = {"case": "ho-so", "qt07": "kiem-duyet", "task": "nhiem-vu"}


@register.inclusion_tag("handover/_reassign_link.html", takes_context=True)
def reassign_link(context, obj):
    request = context.get("request")
    work = services.work_for(obj)
    allowed = request is not None and work.reassignable and permissions.can_reassign_work(request.user, work.unit)
    return {"allowed": allowed, "url": f"/phan-cong-lai/{KIND_SLUGS[work.kind]}/{obj.pk}/", "history": services.history(obj)[:5] if allowed else []}
