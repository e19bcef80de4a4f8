from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Unit
from .services import Decision


class DecisionFields(forms.Form):
    """The legal act behind an operation on the tree (every operation needs one)."""

    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))

    def decision(self, user) -> Decision:
        return Decision(self.cleaned_data["decision_number"], self.cleaned_data["decision_date"], user)


class FoundUnitForm(WagtailAdminModelForm):
    """Thành lập mới: a new unit under a parent, with its founding decision."""

    parent = forms.ModelChoiceField(
        label=_("Trực thuộc"), queryset=Unit.objects.active(), required=False,
        help_text=_("Để trống chỉ khi tạo cấp tỉnh."),
    )
    decision_number = DecisionFields.base_fields["decision_number"]
    decision_date = DecisionFields.base_fields["decision_date"]

    class Meta:
        model = Unit
        fields = ["parent", "code", "name", "short_name", "name_en", "kind", "address", "phone", "fax", "email", "website", "has_site"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("parent") and Unit.objects.exists():
            self.add_error("parent", _("Hãy chọn đơn vị cấp trên: tỉnh đã có."))
        return cleaned

    def decision(self, user) -> Decision:
        return Decision(self.cleaned_data["decision_number"], self.cleaned_data["decision_date"], user)


class UnitEditForm(WagtailAdminModelForm):
    """Everyday edits: contacts and texts. Names, codes and status change only through operations."""

    class Meta:
        model = Unit
        fields = ["short_name", "name_en", "address", "phone", "fax", "email", "website", "introduction", "functions", "iso_info"]


class RenameForm(DecisionFields):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=100, required=False)


class MergeForm(DecisionFields):
    successor = forms.ModelChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=Unit.objects.active())

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["successor"].queryset = Unit.objects.active().exclude(pk=unit.pk)

    def clean_successor(self):
        successor = self.cleaned_data["successor"]
        if successor.path.startswith(self.unit.path):
            raise forms.ValidationError(_("Không thể sáp nhập một đơn vị vào đơn vị trực thuộc của chính nó."))
        return successor
