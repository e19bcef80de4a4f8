"""The week's editing form: the leader of each entry is picked among the unit's own directory people,
labelled with name, position and unit and filterable by typing; another unit's person is refused."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from intranet.accounts.fields import PersonSelect


def person_label(person) -> str:
    """"Nguyễn Văn An – Chủ tịch UBND – Phường Phú Xuân"."""
    return " – ".join(part for part in (person.full_name, person.position, person.unit.short_name or person.unit.name) if part)


def unit_people(unit):
    from intranet.directory.models import Person

    if unit is None:
        return Person.objects.none()
    return Person.objects.active().filter(unit=unit).select_related("unit").order_by("sort_order", "full_name")


class WorkCalendarWeekForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.pages.models import _unit_of

        anchor = self.parent_page if self.parent_page is not None and self.parent_page.pk else self.instance
        self.unit = _unit_of(anchor) if anchor is not None and anchor.path else None
        people = unit_people(self.unit)
        formset = self.formsets.get("entries")
        if formset is None:
            return
        for form in formset.forms:
            _scope_leader(form, people)
        base = type(formset)
        # Wagtail builds the "add an entry" template from ``empty_form``: scope it the same way.
        formset.__class__ = type(base.__name__, (base,), {"empty_form": property(lambda fs: _scope_leader(base.empty_form.fget(fs), people))})

    def clean(self):
        cleaned = super().clean()
        week_start = cleaned.get("week_start")
        if week_start and self.parent_page is not None and self.parent_page.pk:
            from .models import WorkCalendarWeekPage

            others = WorkCalendarWeekPage.objects.child_of(self.parent_page).filter(week_start=week_start)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("week_start", _("Tuần này đã có lịch công tác; hãy sửa lịch đã có."))
        return cleaned


def _scope_leader(form, people):
    field = form.fields.get("leader")
    if field is not None:
        field.widget = PersonSelect()
        field.label_from_instance = person_label
        field.queryset = people  # also gives the widget its choices
    return form

