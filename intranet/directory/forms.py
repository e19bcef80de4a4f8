from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from intranet.accounts import permissions
from intranet.accounts.fields import PersonChoiceField
from intranet.units.models import Unit

from .models import Person


class PersonAdminForm(WagtailAdminModelForm):
    """People may only be placed in units the editor keeps (App. I IV)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            self.fields["unit"].queryset = permissions.units_with_directory_grant(self.for_user, "manage_people").active()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("event_date"):
            self.add_error("event_date", _("Hãy nhập ngày phát sinh thay đổi (ngày có quyết định) để theo dõi thời hạn 2 ngày làm việc."))
        return cleaned


class UnitAdminForm(WagtailAdminModelForm):
    """A new unit needs its parent and the founding decision (App. I I.2, II.2, III.2)."""

    parent = forms.ModelChoiceField(label=_("đơn vị cấp trên"), queryset=Unit.objects.none(), required=False)
    decision_number = forms.CharField(label=_("số quyết định"), max_length=100, required=False)
    event_date = forms.DateField(label=_("ngày quyết định / ngày phát sinh thay đổi"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = permissions.units_with_directory_grant(self.for_user, "create_subunit").active()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("event_date"):
            self.add_error("event_date", _("Hãy nhập ngày quyết định / ngày phát sinh thay đổi."))
        if self.instance.pk is None:
            if not cleaned.get("decision_number"):
                self.add_error("decision_number", _("Hãy nhập số quyết định thành lập."))
            parent = cleaned.get("parent")
            if not permissions.can_create_unit(self.for_user, parent):
                self.add_error("parent", _("Bạn không có quyền tạo đơn vị trực thuộc đơn vị này."))
        return cleaned


class ContactsForm(forms.ModelForm):
    """What a person corrects about themselves (App. I IV.3)."""

    class Meta:
        model = Person
        fields = ["office_phone", "mobile_phone", "fax", "email", "home_address"]


class EndServiceForm(forms.Form):
    status = forms.ChoiceField(
        label=_("hình thức"),
        choices=[(s.value, s.label) for s in (Person.Status.TRANSFERRED, Person.Status.RETIRED, Person.Status.RESIGNED)],
    )
    event_date = forms.DateField(label=_("ngày có hiệu lực"))
    note = forms.CharField(label=_("ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # Issue 17: what the person holds goes to this colleague where they may hold it, else to the leaders' queue.
    successor = PersonChoiceField(
        label=_("người tiếp nhận công việc"), queryset=None, required=False,
        empty_label=_("— Trả về lãnh đạo đơn vị phân công lại —"),
        help_text=_("Hồ sơ, tin bài, nhiệm vụ người này đang giữ được chuyển ngay cho người tiếp nhận (nếu có vai trò phù hợp)."),
    )

    def __init__(self, *args, person=None, **kwargs):
        from intranet.accounts.models import User

        super().__init__(*args, **kwargs)
        people = User.objects.none()
        if person is not None:
            people = User.objects.filter(memberships__unit=person.unit_id, is_active=True).exclude(pk=person.user_id).distinct()
        self.fields["successor"].queryset = people.order_by("last_name", "first_name")


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("đơn vị"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("tệp Excel (.xlsx)"))

    MAX_SIZE = 5 * 1024 * 1024

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = permissions.units_with_directory_grant(user, "manage_people").active()

    def clean_file(self):
        import filetype

        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        head = upload.read(2048)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.extension not in ("xlsx", "zip"):
            raise forms.ValidationError(_("Tệp không phải là bảng tính Excel (.xlsx)."))
        return upload
