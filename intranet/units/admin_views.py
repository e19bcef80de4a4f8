"""Admin screens for the unit tree: founding through the service, and the operations
(rename, split, merge) that the law records with a decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from intranet.accounts.permissions import is_sysadmin

from . import services
from .forms import MergeForm, RenameForm, SplitForm
from .models import Unit


class FoundUnitView(CreateView):
    def save_instance(self):
        data = {key: value for key, value in self.form.cleaned_data.items() if key not in {"parent", "decision_number", "decision_date"}}
        unit = services.found_unit(parent=self.form.cleaned_data["parent"], decision=self.form.decision(self.request.user), **data)
        log(instance=unit, action="wagtail.create", user=self.request.user)
        return unit

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)


class UnitEditView(EditView):
    @cached_property
    def header_buttons(self):
        # The operations the law records stand beside the title, not hidden in the unlabelled "⋯" menu:
        # a system administrator looking for "Sáp nhập" finds it where they look.
        buttons = list(super().header_buttons)
        if self.object.is_active and is_sysadmin(self.request.user):
            buttons += [
                HeaderButton(_("Đổi tên"), url=reverse("units:rename", args=[self.object.pk]), icon_name="edit", priority=20),
                HeaderButton(_("Chia tách"), url=reverse("units:split", args=[self.object.pk]), icon_name="list-ul", priority=25),
                HeaderButton(_("Sáp nhập"), url=reverse("units:merge", args=[self.object.pk]), icon_name="arrow-right", priority=30),
            ]
        return buttons


def _operation(request, pk, form_class, title, perform, after=None, intro=None):
    if not is_sysadmin(request.user):
        raise PermissionDenied
    unit = get_object_or_404(Unit.objects.active(), pk=pk)  # a dissolved unit's history stays as it is
    kwargs = {"unit": unit} if form_class in (MergeForm, SplitForm) else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            message = perform(unit, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            log(instance=unit, action="wagtail.edit", user=request.user)
            messages.success(request, message)
            target = after(unit) if after else None
            return redirect(target) if target else redirect("units:edit", unit.pk)
    context = {"unit": unit, "form": form, "title": title, "page_title": title, "intro": intro(unit) if intro else ""}
    return TemplateResponse(request, "units/admin/operation.html", context)


def rename_view(request, pk):
    def perform(unit, form):
        services.rename_unit(unit, name=form.cleaned_data["name"], short_name=form.cleaned_data["short_name"] or None, decision=form.decision(request.user))
        return _("Đã đổi tên đơn vị thành “%(name)s”.") % {"name": unit.name}

    return _operation(request, pk, RenameForm, _("Đổi tên đơn vị"), perform)


def merge_view(request, pk):
    def perform(unit, form):
        successor = form.cleaned_data["successor"]
        services.merge_units([unit], successor=successor, decision=form.decision(request.user))
        return _("Đã sáp nhập “%(unit)s” vào “%(successor)s”; địa chỉ cũ được chuyển hướng.") % {"unit": unit.name, "successor": successor.name}

    def after(unit):
        # The dissolved unit has nothing left to edit; the administrator goes on in the successor.
        unit.refresh_from_db()
        return reverse("units:edit", args=[unit.successor_id])

    return _operation(request, pk, MergeForm, _("Sáp nhập đơn vị"), perform, after, intro=_merge_intro)


def _merge_intro(unit):
    """What the merge will carry over, so the administrator knows before confirming."""
    from intranet.accounts.models import Membership
    from intranet.handover.services import open_work_of

    kinds = [work.kind for work in open_work_of(unit)]
    people = Membership.objects.filter(unit=unit).values("user").distinct().count()
    return _(
        "Cán bộ và vai trò (%(people)s người), các trang và công việc đang xử lý của “%(unit)s” "
        "(%(cases)s hồ sơ, %(items)s tin bài QT-07, %(tasks)s nhiệm vụ chương trình công tác) chuyển sang đơn vị được chọn; "
        "địa chỉ trang cũ chuyển hướng sang trang của đơn vị đó. Đơn vị cũ được ghi là đã sáp nhập; thao tác này không hoàn tác được."
    ) % {"people": people, "unit": unit.name, "cases": kinds.count("case"), "items": kinds.count("qt07"), "tasks": kinds.count("task")}


def split_view(request, pk):
    def perform(unit, form):
        created = services.split_unit(
            unit, into=form.cleaned_data["new_units"], decision=form.decision(request.user), dissolve=form.cleaned_data["dissolve"]
        )
        return _("Đã chia tách “%(unit)s” thành: %(names)s.") % {"unit": unit.name, "names": ", ".join(u.name for u in created)}

    def after(unit):
        # Issue 17: the operator then chooses which new unit takes each open item and person.
        from intranet.handover.admin_views import has_things_to_distribute

        unit.refresh_from_db()
        return reverse("handover_split", args=[unit.pk]) if has_things_to_distribute(unit) else None

    return _operation(request, pk, SplitForm, _("Chia tách đơn vị"), perform, after)
