"""After a split: the operator chooses, item by item and person by person, which new unit takes over."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from intranet.accounts.models import Membership
from intranet.accounts.permissions import is_sysadmin
from intranet.units.models import Unit, UnitEvent

from . import services
from .models import Handover

KIND_LABELS = {"case": _("Hồ sơ, vụ việc"), "qt07": _("Tin, bài (QT-07)"), "task": _("Nhiệm vụ chương trình công tác")}


def split_targets(unit: Unit) -> list[Unit]:
    """The units founded by ``unit``'s latest split (the only places its work may go)."""
    event = unit.events.filter(kind=UnitEvent.Kind.SPLIT).order_by("-recorded_at").first()
    return list(event.related_units.filter(status=Unit.Status.ACTIVE).order_by("path")) if event else []


def has_things_to_distribute(unit: Unit) -> bool:
    return bool(services.open_work_of(unit)) or Membership.objects.filter(unit=unit).exists()


class DistributionForm(forms.Form):
    def __init__(self, *args, works, people, targets, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(unit.pk), unit.name) for unit in targets]
        self.rows = []
        for work in works:
            name = f"work-{work.kind}-{work.obj.pk}"
            self.fields[name] = forms.ChoiceField(label=f"{KIND_LABELS[work.kind]}: {work.label}", choices=choices)
            self.rows.append((name, work))
        self.people = []
        for user in people:
            name = f"person-{user.pk}"
            self.fields[name] = forms.ChoiceField(label=user.get_full_name() or user.username, choices=choices)
            self.people.append((name, user))
        self.bound_rows = [self[name] for name, _work in self.rows]
        self.bound_people = [self[name] for name, _user in self.people]


@transaction.atomic
def _distribute(unit: Unit, form: DistributionForm, targets: dict[str, Unit], by) -> int:
    reason = _("Chia tách %(unit)s.") % {"unit": unit.name}
    for name, user in form.people:
        services.move_people(unit, targets[form.cleaned_data[name]], users=[user])
    for name, work in form.rows:
        services.move_work(work, targets[form.cleaned_data[name]], kind=Handover.Reason.SPLIT, by=by, reason=reason)
    return len(form.rows)


def distribute_view(request, pk: int):
    if not is_sysadmin(request.user):
        raise PermissionDenied
    unit = get_object_or_404(Unit, pk=pk)
    targets = split_targets(unit)
    if not targets:
        messages.error(request, _("Đơn vị này chưa được chia tách."))
        return redirect("units:edit", unit.pk)
    works = services.open_work_of(unit)
    people = list({m.user_id: m.user for m in Membership.objects.filter(unit=unit).select_related("user").order_by("user__last_name")}.values())
    form = DistributionForm(request.POST or None, works=works, people=people, targets=targets)
    if request.method == "POST" and form.is_valid():
        moved = _distribute(unit, form, {str(t.pk): t for t in targets}, request.user)
        messages.success(request, _("Đã chuyển %(count)s công việc và %(people)s người sang các đơn vị mới.") % {"count": moved, "people": len(people)})
        return redirect("units:edit", unit.pk)
    title = _("Phân bổ công việc sau chia tách")
    return TemplateResponse(request, "handover/admin/distribute.html", {
        "unit": unit, "form": form, "title": title, "page_title": title, "targets": targets,
    }, status=400 if request.method == "POST" else 200)
