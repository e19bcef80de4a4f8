"""On the desk: record leave and delegations, end them early; on a question: link it as a duplicate.

Every view asks ``intranet.accounts.permissions`` (through the services) and lists only what the
user's own units hold: outsiders see nothing of another unit and change nothing there.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intranet.accounts import permissions
from intranet.accounts.models import Role
from intranet.cases.views import _get_case

from . import services
from .forms import DelegationForm, DuplicateForm, LeaveForm
from .models import Delegation, Leave


def _apply(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _led_units(user):
    return permissions.units_with_role(user, Role.LEADER, inherited=True)


def visible_leaves(user):
    """My leave, the leave I cover, and the leave in the units I lead (all, for the sysadmin)."""
    if permissions.is_sysadmin(user):
        return Leave.objects.all()
    return Leave.objects.filter(Q(person=user) | Q(substitute=user) | Q(created_by=user) | Q(unit__in=_led_units(user).values("pk")))


def visible_delegations(user):
    if permissions.is_sysadmin(user):
        return Delegation.objects.all()
    return Delegation.objects.filter(Q(delegator=user) | Q(delegate=user) | Q(unit__in=_led_units(user).values("pk")))


@login_required
@require_http_methods(["GET", "POST"])
def leaves(request):
    """/ban-lam-viec/nghi-phep/: my leave (and, for a leader, the unit's), with the form to record one."""
    user = request.user
    data = request.POST if request.method == "POST" and "reason" in request.POST else None
    form = LeaveForm(data, user=user, unit=request.GET.get("unit"))
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            values = form.cleaned_data
            try:
                leave = services.record_leave(user, person=values["person"], unit=values["unit"], substitute=values["substitute"],
                                              starts_on=values["starts_on"], ends_on=values["ends_on"], reason=values["reason"])
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(request, _("Đã ghi nhận nghỉ phép của %(name)s, người thay: %(sub)s.") % {
                    "name": leave.person.get_full_name(), "sub": leave.substitute.get_full_name()})
                return redirect("cover:leaves")
    rows = visible_leaves(user).filter(ends_on__gte=timezone.localdate() - dt.timedelta(days=90))
    rows = rows.select_related("person", "substitute", "unit").order_by("-starts_on", "-pk")[:100]
    return render(request, "cover/leaves.html", {"form": form if form.unit else None, "rows": rows, "today": timezone.localdate()},
                  status=status)


@login_required
@require_POST
def leave_end(request, pk: int):
    leave = get_object_or_404(visible_leaves(request.user).select_related("unit", "person"), pk=pk)
    services.end_leave(leave, request.user)
    messages.success(request, _("Đã kết thúc nghỉ phép của %(name)s.") % {"name": leave.person.get_full_name()})
    return redirect("cover:leaves")


@login_required
@require_http_methods(["GET", "POST"])
def delegations(request):
    """/ban-lam-viec/uy-quyen/: the delegations I gave and received (a leader's unit's too), and the form."""
    user = request.user
    data = request.POST if request.method == "POST" and "reason" in request.POST else None
    form = DelegationForm(data, user=user, unit=request.GET.get("unit"))
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            values = form.cleaned_data
            try:
                services.delegate(user, unit=values["unit"], role=values["role"], to=values["delegate"], starts_on=values["starts_on"],
                                  ends_on=values["ends_on"], reason=values["reason"])
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(request, _("Đã ủy quyền cho %(name)s.") % {"name": values["delegate"].get_full_name()})
                return redirect("cover:delegations")
    rows = visible_delegations(user).filter(ends_on__gte=timezone.localdate() - dt.timedelta(days=90))
    rows = rows.select_related("delegator", "delegate", "unit").order_by("-starts_on", "-pk")[:100]
    return render(request, "cover/delegations.html", {"form": form if form.unit else None, "rows": rows, "today": timezone.localdate()},
                  status=status)


@login_required
@require_POST
def delegation_end(request, pk: int):
    delegation = get_object_or_404(visible_delegations(request.user).select_related("unit", "delegate"), pk=pk)
    services.end_delegation(delegation, request.user)
    messages.success(request, _("Đã thu hồi ủy quyền cho %(name)s.") % {"name": delegation.delegate.get_full_name()})
    return redirect("cover:delegations")


@login_required
@require_http_methods(["GET", "POST"])
def duplicate(request, code: str):
    """/ho-so/<code>/trung-lap/: the officer holding a citizen question links it to another (HCMC Art. 12)."""
    case = _get_case(request, code)
    if not permissions.can_link_duplicate(request.user, case):
        raise PermissionDenied(_("Chỉ người đang xử lý câu hỏi mới liên kết câu hỏi trùng."))
    form = DuplicateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                link = services.link_duplicate(case, request.user, original_code=form.cleaned_data["original_code"],
                                               reason=form.cleaned_data["reason"])
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(request, _("Đã đóng câu hỏi %(code)s, trùng với câu hỏi %(original)s.") % {
                    "code": case.code, "original": link.original.code})
                return redirect(case.get_absolute_url())
    return render(request, "cover/duplicate.html", {"case": case, "form": form}, status=status)
