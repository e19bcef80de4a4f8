"""XLSX in and out: the council's list of voter opinions (import) and dashboard figures (export)."""

from __future__ import annotations

import io

from django import forms
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from search.folding import fold

from .models import Field

# Header (folded) -> our key. The first row names the columns; their order does not matter.
VOTER_COLUMNS = {
    "noi dung tom tat": "title",
    "tom tat": "title",
    "y kien cu tri": "body",
    "noi dung": "body",
    "linh vuc": "field",
    "cu tri": "voters",
    "dia ban": "place",
}
MAX_ROWS = 2000


def _field_code(label: str) -> str:
    folded = fold(label)
    for value, name in Field.choices:
        if folded and (folded == value or folded in fold(str(name))):
            return value
    return Field.OTHER


def read_voter_opinions(upload) -> list[dict]:
    """Rows of the council's summary; raises a ValidationError naming the first bad row."""
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds of errors for a broken file
        raise forms.ValidationError(_("Không đọc được tệp bảng tính. Vui lòng kiểm tra lại tệp .xlsx."))
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {index: VOTER_COLUMNS.get(fold(str(cell or ""))) for index, cell in enumerate(header)}
    if "body" not in columns.values():
        raise forms.ValidationError(_("Dòng đầu của bảng tính cần có cột “Ý kiến cử tri”."))
    opinions = []
    for number, row in enumerate(rows, start=2):
        values = {key: str(row[index]).strip() for index, key in columns.items() if key and index < len(row) and row[index] is not None}
        if not any(values.values()):
            continue
        if not values.get("body"):
            raise forms.ValidationError(_("Dòng %(n)s: thiếu nội dung ý kiến cử tri.") % {"n": number})
        values["title"] = (values.get("title") or values["body"])[:255]
        values["field"] = _field_code(values.get("field", ""))
        opinions.append(values)
        if len(opinions) > MAX_ROWS:
            raise forms.ValidationError(_("Bảng tính có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_ROWS})
    if not opinions:
        raise forms.ValidationError(_("Bảng tính không có ý kiến nào."))
    return opinions


def workbook_bytes(title: str, header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
