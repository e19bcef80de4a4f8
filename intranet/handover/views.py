"""Reassigning open work: one page for a case, a QT-07 item or a program task."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intranet.accounts import permissions

from . import services
from .forms import ReassignForm


def _model(kind: str):
    from intranet.cases.models import Case
    from intranet.moderation.models import ModerationItem
    from intranet.programs.models import ProgramTask

    models = {"ho-so": Case, "kiem-duyet": ModerationItem, "nhiem-vu": ProgramTask}
    if kind not in models:
        raise Http404
    return models[kind]


@login_required
def reassign(request, kind: str, pk: int):
    obj = _model(kind).objects.select_related("unit").filter(pk=pk).first()
    if obj is None:
        raise Http404
    work = services.work_for(obj)
    if not permissions.can_reassign_work(request.user, work.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị đang xử lý hoặc quản trị hệ thống mới phân công lại công việc này."))
    if not work.reassignable:
        messages.error(request, _("Công việc này không còn ở bước có người xử lý được chỉ định."))
        return redirect(work.url)
    people = work.eligible()
    form = ReassignForm(request.POST or None, people=people)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                handover = services.reassign(obj, request.user, form.cleaned_data["holder"], form.cleaned_data["reason"])
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã phân công lại cho %(name)s.") % {"name": handover.to_user.get_full_name()})
                return redirect(work.url)
    holder = people.model.objects.filter(pk=work.holder_id).first() if work.holder_id else None
    return render(request, "handover/reassign.html", {
        "form": form, "work": work, "holder": holder, "history": services.history(obj)[:20],
    }, status=status)
