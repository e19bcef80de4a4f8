from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Unit
from .services import Decision
from .validators import validate_dns_label


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
    successor = forms.ModelChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=Unit.objects.active(), empty_label=_("— Chọn đơn vị tiếp nhận —"))
    field_order = ["successor", "decision_number", "decision_date"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["successor"].queryset = Unit.objects.active().exclude(pk=unit.pk)

    def clean_successor(self):
        successor = self.cleaned_data["successor"]
        if successor.path.startswith(self.unit.path):
            raise forms.ValidationError(_("Không thể sáp nhập một đơn vị vào đơn vị trực thuộc của chính nó."))
        return successor


class SplitForm(DecisionFields):
    """Chia tách: new units founded beside this one, one per line as "mã; tên"."""

    new_units = forms.CharField(
        label=_("Các đơn vị mới"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một đơn vị: mã; tên. Ví dụ: phuongan; Phường An."),
    )
    dissolve = forms.BooleanField(
        label=_("Giải thể đơn vị cũ sau khi chia tách"), required=False, initial=True,
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit

    def clean_new_units(self):
        rows, errors, codes = [], [], set()
        lines = [line.strip() for line in self.cleaned_data["new_units"].splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            code, separator, name = (part.strip() for part in line.partition(";"))
            if not separator or not code or not name:
                errors.append(_("Dòng %(n)s: hãy ghi “mã; tên”.") % {"n": number})
                continue
            try:
                validate_dns_label(code)
            except forms.ValidationError as error:
                errors.extend(f"{_('Dòng %(n)s') % {'n': number}}: {message}" for message in error.messages)
                continue
            if code in codes or Unit.objects.filter(code=code).exists():
                errors.append(_("Dòng %(n)s: mã “%(code)s” đã được dùng.") % {"n": number, "code": code})
                continue
            codes.add(code)
            rows.append({"code": code, "name": name, "kind": self.unit.kind, "has_site": self.unit.has_site})
        if errors:
            raise forms.ValidationError(errors)
        return rows

    def clean(self):
        cleaned = super().clean()
        rows = cleaned.get("new_units")
        if self.unit.is_root():
            raise forms.ValidationError(_("Không thể chia tách cấp tỉnh."))
        if rows is not None and cleaned.get("dissolve") and len(rows) < 2:
            self.add_error("new_units", _("Chia tách cần ít nhất hai đơn vị mới, hoặc bỏ chọn giải thể đơn vị cũ."))
        return cleaned
