"""Desk forms for leave, delegation and duplicate questions; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.accounts import permissions
from intranet.accounts.fields import PersonChoiceField
from intranet.accounts.models import Membership, Role, User
from intranet.units.models import Unit

from . import services

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _date(label):
    return forms.DateField(label=label, input_formats=DATE_FORMATS, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"required": _("Vui lòng nhập ngày."), "invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")})


class _UnitScoped(forms.Form):
    """A form whose people pickers depend on the unit picked (the unit posted, else the first one allowed)."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), empty_label=None,
                                  error_messages={"invalid_choice": _("Bạn không được ghi nhận cho đơn vị này.")})

    def _pick_unit(self, units, data, initial_unit):
        """``initial_unit``: a unit pk asked for in the address (``?unit=``), used only if allowed."""
        self.fields["unit"].queryset = units
        raw = data.get(self.add_prefix("unit")) if data is not None else initial_unit
        unit = units.filter(pk=raw).first() if raw and str(raw).isdigit() else None
        unit = unit or units.order_by("path").first()
        if unit is not None:
            self.initial.setdefault("unit", unit.pk)
        return unit


class LeaveForm(_UnitScoped):
    person = PersonChoiceField(label=_("Người nghỉ phép"), queryset=None, empty_label=None,
                               error_messages={"invalid_choice": _("Người nghỉ phép phải là người của đơn vị.")})
    substitute = PersonChoiceField(label=_("Người thay"), queryset=None, empty_label=_("— Chọn người thay —"),
                                   error_messages={"required": _("Vui lòng chọn người thay."),
                                                   "invalid_choice": _("Người thay phải là người đang công tác của cùng đơn vị.")})
    starts_on = _date(_("Nghỉ từ ngày"))
    ends_on = _date(_("Đến hết ngày"))
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Vui lòng nêu lý do.")})

    def __init__(self, data=None, *, user, unit=None, **kwargs):
        super().__init__(data, **kwargs)
        self.unit = self._pick_unit(permissions.units_recording_leave(user), data, unit)
        people = services.leave_people(user, self.unit) if self.unit else User.objects.none()
        self.fields["person"].queryset = people.order_by("last_name", "first_name")
        self.initial.setdefault("person", user.pk)
        substitutes = services.substitute_candidates(self.unit) if self.unit else User.objects.none()
        self.fields["substitute"].queryset = substitutes.order_by("last_name", "first_name")


class DelegationForm(_UnitScoped):
    role = forms.ChoiceField(label=_("Vai trò ủy quyền"), choices=(),
                             error_messages={"invalid_choice": _("Bạn chỉ ủy quyền vai trò mình đang giữ ở đơn vị này.")})
    delegate = PersonChoiceField(label=_("Người được ủy quyền"), queryset=None, empty_label=_("— Chọn người được ủy quyền —"),
                                 error_messages={"required": _("Vui lòng chọn người được ủy quyền."),
                                                 "invalid_choice": _("Người được ủy quyền phải là người đang công tác của đơn vị.")})
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến hết ngày"))
    reason = forms.CharField(label=_("Lý do, nội dung ủy quyền"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Vui lòng nêu lý do.")})

    def __init__(self, data=None, *, user, unit=None, **kwargs):
        super().__init__(data, **kwargs)
        self.unit = self._pick_unit(permissions.units_delegating(user), data, unit)
        held = Membership.objects.filter(user=user, unit=self.unit).values_list("role", flat=True) if self.unit else []
        labels = dict(Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in sorted(set(held), key=list(labels).index)]
        self.initial.setdefault("role", Role.LEADER)
        people = permissions.delegate_candidates(self.unit).exclude(pk=user.pk) if self.unit else User.objects.none()
        self.fields["delegate"].queryset = people.order_by("last_name", "first_name")


class DuplicateForm(forms.Form):
    original_code = forms.CharField(label=_("Mã tra cứu của câu hỏi đã có"), max_length=40,
                                    widget=forms.TextInput(attrs={"placeholder": "HD-2026-7K3Q9"}),
                                    error_messages={"required": _("Vui lòng nhập mã câu hỏi đã có.")})
    reason = forms.CharField(label=_("Lý do (nội dung trùng)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Vui lòng nêu lý do.")})
