"""People pickers: every form that picks a person shows "Tôn Thất Long – Chuyên viên – Phú Xuân"
(``names.picker_label``) and can be filtered by typing (``static/js/person-filter.js``, no CDN;
without JavaScript the plain list still works)."""

from django import forms
from django.db.models import Prefetch

from .names import picker_label


def with_labels(queryset):
    # What picker_label reads, loaded with the people: no query per option.
    if queryset is None:
        return queryset
    from .models import Membership

    return queryset.select_related("person__unit").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
    )


class PersonFilterWidget:
    """A select the filter script enhances (``data-person-filter``)."""

    class Media:
        js = ["js/person-filter.js"]

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-person-filter": "", **(attrs or {})}, choices)


class PersonSelect(PersonFilterWidget, forms.Select):
    pass


class PersonSelectMultiple(PersonFilterWidget, forms.SelectMultiple):
    pass


class PersonLabels:
    """Choices labelled by ``picker_label``, with what it reads loaded alongside the people."""

    def _set_queryset(self, queryset):
        super()._set_queryset(with_labels(queryset))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return picker_label(obj)


class PersonChoiceField(PersonLabels, forms.ModelChoiceField):
    widget = PersonSelect


class PersonMultipleChoiceField(PersonLabels, forms.ModelMultipleChoiceField):
    widget = PersonSelectMultiple
