"""Forms of the case engine: the citizen's question, one generic action form, and the kinds' entry forms."""

from __future__ import annotations

import re

import filetype
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from intranet.accounts.fields import PersonChoiceField, PersonMultipleChoiceField
from intranet.units.models import Unit

from .kinds import ANSWER, COMMENT, COORDINATORS, HARD, HOLDER, TARGET_UNIT, Action
from .models import Field

# Uploads are judged by their content, never by their name (filetype reads the magic bytes).
ALLOWED_UPLOADS = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "docx": None}
PHONE = re.compile(r"^[0-9 +().-]{8,20}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several attachments, each checked by content and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > settings.CASES_UPLOAD_MAX_FILES:
            raise forms.ValidationError(_("Chỉ được gửi tối đa %(n)s tệp đính kèm.") % {"n": settings.CASES_UPLOAD_MAX_FILES})
        return [check_upload(super(MultipleFileField, self).clean(upload, initial)) for upload in files]


def check_upload(upload):
    if upload.size > settings.CASES_UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("Tệp “%(name)s” quá lớn (tối đa %(max)s).") % {"name": upload.name, "max": filesizeformat(settings.CASES_UPLOAD_MAX_BYTES)}
        )
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    if guess is None or guess.extension not in ALLOWED_UPLOADS:
        raise forms.ValidationError(
            _("Tệp “%(name)s” không đúng định dạng cho phép (PDF, ảnh JPG/PNG, Word DOCX).") % {"name": upload.name}
        )
    upload.checked_mime = guess.mime
    return upload


class QuestionForm(forms.Form):
    """Dân hỏi (App. V): what the citizen fills in on /hoi-dap/gui-cau-hoi/."""

    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False, error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")})
    address = forms.CharField(label=_("Địa chỉ (không bắt buộc)"), max_length=255, required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    question = forms.CharField(label=_("Nội dung câu hỏi"), widget=forms.Textarea(attrs={"rows": 8}), min_length=20, max_length=10000)
    attachments = MultipleFileField(label=_("Tệp đính kèm (PDF, JPG, PNG, DOCX; tối đa 5 MB mỗi tệp)"))
    # A field people never see; robots fill it in.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    MESSAGES = {
        "required": _("Vui lòng nhập thông tin này."),
        "max_length": _("Nội dung quá dài (tối đa %(limit_value)d ký tự)."),
        "min_length": _("Nội dung quá ngắn (ít nhất %(limit_value)d ký tự)."),
        "invalid_choice": _("Vui lòng chọn một lĩnh vực trong danh sách."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(self.MESSAGES)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Vui lòng cho biết số điện thoại hoặc thư điện tử để cơ quan liên hệ khi cần."))
        if data.get("website"):
            raise forms.ValidationError(_("Không gửi được câu hỏi. Vui lòng thử lại."))
        return data


class LookupForm(forms.Form):
    ma = forms.CharField(label=_("Mã tra cứu"), max_length=40)


class ActionForm(forms.Form):
    """One form for every action of every kind: it shows only the parameters the action asks for."""

    def __init__(self, *args, action: Action, holders=None, coordinators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        required = set(action.required)
        if HOLDER in action.params:
            self.fields[HOLDER] = PersonChoiceField(label=_("Giao cho"), queryset=holders, required=HOLDER in required)
        if TARGET_UNIT in action.params:
            self.fields[TARGET_UNIT] = forms.ModelChoiceField(
                label=_("Cơ quan, đơn vị xử lý"), queryset=Unit.objects.active(), required=TARGET_UNIT in required
            )
        if HARD in action.params:
            self.fields[HARD] = forms.BooleanField(label=_("Vụ việc phức tạp, cần phối hợp nhiều cơ quan (10 ngày làm việc)"), required=False)
        if COORDINATORS in action.params:
            self.fields[COORDINATORS] = PersonMultipleChoiceField(
                label=_("Chuyên viên phối hợp"), queryset=coordinators, required=False, widget=forms.CheckboxSelectMultiple
            )
        listed = dict(action.choices)
        for name, label in action.extra:
            if name in listed:
                field = forms.ChoiceField(label=label, required=name in required, choices=[("", "---------"), *((v, v) for v in listed[name])])
            elif name in action.money:
                field = MoneyField(label=label, required=name in required, min_value=0, max_value=10**13,
                                           help_text=_("Số tiền bằng đồng, ví dụ 300000."))
            else:
                field = forms.CharField(label=label, required=name in required, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"extra_{name}"] = field
        if ANSWER in action.params:
            self.fields[ANSWER] = forms.CharField(label=_("Nội dung trả lời / kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 8}),
                                                  required=ANSWER in required)
        if COMMENT in action.params:
            self.fields[COMMENT] = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=COMMENT in required)
        self.fields["files"] = MultipleFileField(label=_("Tệp đính kèm"))
        for field in self.fields.values():
            field.error_messages["required"] = _("Vui lòng nhập thông tin này.")

    def extra(self) -> dict:
        return {name: self.cleaned_data.get(f"extra_{name}", "") for name, _label in self.action.extra}


class MoneyField(forms.IntegerField):
    """An amount in đồng as officers type it: "300000", "300.000" or "300.000 đ".

    A text box with the phone's digit keyboard: a browser's number box refuses the dots officers type.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("đ", "").replace(".", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


class ExtensionForm(forms.Form):
    days = forms.DecimalField(label=_("Số ngày làm việc xin gia hạn"), min_value=0.5, max_value=10, decimal_places=1)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class ITReportForm(forms.Form):
    """QT-05 B1: an officer reports an IT incident from the desk."""

    title = forms.CharField(label=_("Sự cố"), max_length=255)
    body = forms.CharField(label=_("Mô tả chi tiết (thiết bị, vị trí, hiện tượng)"), widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("Ảnh chụp, tệp đính kèm"))


class ITIncidentForOfficerForm(ITReportForm):
    """QT-05 B1 "trực tiếp hoặc điện thoại": IT staff log the incident an officer phoned in or brought in person."""

    reporter = PersonChoiceField(label=_("Công chức báo sự cố"), queryset=None)
    how = forms.ChoiceField(label=_("Hình thức thông báo"), choices=())

    field_order = ["reporter", "how", "title", "body", "files"]

    def __init__(self, *args, reporters=None, **kwargs):
        from .kinds.it import REPORTED_BY

        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = reporters
        self.fields["how"].choices = REPORTED_BY
        self.order_fields(self.field_order)


class PressDigestForm(forms.Form):
    """The daily digest: one item per block of three lines (title, source | link, summary), blocks separated by a blank line."""

    date = forms.DateField(label=_("Ngày"), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    items = forms.CharField(
        label=_("Các tin (mỗi tin: dòng 1 tiêu đề; dòng 2 tên báo | đường dẫn; các dòng sau tóm tắt; cách nhau một dòng trống)"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean_items(self):
        blocks = [block.strip().splitlines() for block in re.split(r"\n\s*\n", self.cleaned_data["items"].strip()) if block.strip()]
        items = []
        for number, lines in enumerate(blocks, start=1):
            if len(lines) < 3:
                raise forms.ValidationError(_("Tin thứ %(n)s cần đủ tiêu đề, tên báo và tóm tắt.") % {"n": number})
            source, _sep, url = lines[1].partition("|")
            url = url.strip()
            if url and not url.startswith(("http://", "https://")):
                raise forms.ValidationError(_("Đường dẫn của tin thứ %(n)s không hợp lệ.") % {"n": number})
            items.append({"title": lines[0].strip()[:255], "source": source.strip()[:150], "url": url, "summary": "\n".join(lines[2:]).strip()})
        return items


class PickPressItemForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan xử lý"), queryset=Unit.objects.active())
    # Named as every people picker names them ("Hồ Thị Diệu Linh – Chuyên viên – …"), never by the account's username.
    overseer = PersonChoiceField(label=_("Chuyên viên Văn phòng theo dõi"), queryset=None)
    hard = forms.BooleanField(label=_("Vụ việc phức tạp (10 ngày làm việc)"), required=False)
    comment = forms.CharField(label=_("Ý kiến chỉ đạo"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, overseers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overseer"].queryset = overseers


class VoterOpinionForm(forms.Form):
    """App. VI 1: one opinion, typed in by the level's People's Council / People's Committee office."""

    unit = forms.ModelChoiceField(label=_("Cấp tiếp nhận"), queryset=None, empty_label=None,
                                  error_messages={"invalid_choice": _("Bạn không được nhập ý kiến cử tri cho đơn vị này.")})
    title = forms.CharField(label=_("Nội dung tóm tắt"), max_length=255)
    body = forms.CharField(label=_("Ý kiến cử tri"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices, initial=Field.OTHER)
    voters = forms.CharField(label=_("Cử tri (người, tổ, nhóm nêu ý kiến)"), max_length=150, required=False)
    place = forms.CharField(label=_("Địa bàn"), max_length=255, required=False)
    session = forms.CharField(label=_("Kỳ họp, buổi tiếp xúc cử tri"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Ngày nhận"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class VoterSummaryForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Cấp tiếp nhận"), queryset=None)
    title = forms.CharField(label=_("Tên báo cáo tổng hợp"), max_length=255)
    session = forms.CharField(label=_("Kỳ họp"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Ngày nhận"), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    spreadsheet = forms.FileField(label=_("Tệp XLSX các ý kiến (cột: Nội dung tóm tắt, Ý kiến cử tri, Lĩnh vực, Cử tri, Địa bàn)"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_spreadsheet(self):
        from .spreadsheets import read_voter_opinions

        upload = self.cleaned_data["spreadsheet"]
        if upload.size > settings.CASES_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn."))
        guess = filetype.guess(upload.read(8192))
        upload.seek(0)
        if guess is None or guess.extension not in ("xlsx", "zip"):
            raise forms.ValidationError(_("Tệp phải là bảng tính Excel (.xlsx)."))
        return read_voter_opinions(upload)
