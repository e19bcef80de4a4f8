"""Directory export (XLSX/CSV) and import (XLSX with preview and row errors). A bad row changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from openpyxl import Workbook, load_workbook

from intranet.units.models import Unit

from .models import Person

# (column header, Person field)
COLUMNS = [
    ("Họ và tên", "full_name"),
    ("Ngày sinh", "birth_date"),
    ("Giới tính", "gender"),
    ("Địa chỉ nhà riêng", "home_address"),
    ("Điện thoại cơ quan", "office_phone"),
    ("Điện thoại di động", "mobile_phone"),
    ("Fax", "fax"),
    ("Thư điện tử", "email"),
    ("Mã số công chức", "civil_servant_code"),
    ("Chức vụ", "position"),
    ("Chức vụ (tiếng Anh)", "position_en"),
    ("Nhiệm vụ được giao", "duties"),
    ("Ngày phát sinh", "event_date"),
]
GENDERS = {"nam": Person.Gender.MALE, "nữ": Person.Gender.FEMALE, "nu": Person.Gender.FEMALE, "": ""}
DATE_FIELDS = {"birth_date", "event_date"}


def _cell(person: Person, name: str):
    value = getattr(person, name)
    if name == "gender":
        return person.get_gender_display() if value else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value or ""


EXPORT_FORMATS = ("csv", "xlsx")


def export_people(unit: Unit, fmt: str) -> tuple[bytes, str]:
    people = Person.objects.filter(unit=unit).order_by("sort_order", "full_name")
    rows = [[header for header, _n in COLUMNS]] + [[_cell(p, name) for _h, name in COLUMNS] for p in people]
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        # A BOM so that Excel opens Vietnamese text as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    if fmt != "xlsx":
        raise ValueError(fmt)
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh bạ"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Preview:
    unit: Unit
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _date(value, row: int, header: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError:
        errors.append(f"Dòng {row}: cột “{header}” phải là ngày dạng ngày/tháng/năm (ví dụ 15/06/1985).")
        return None


def read_people(upload, unit: Unit, progress=None) -> Preview:
    """Read and check every row; nothing is written here."""
    preview = Preview(unit=unit)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        preview.errors.append("Không đọc được tệp Excel. Hãy dùng mẫu xuất từ hệ thống (.xlsx).")
        return preview
    rows = list(book.active.iter_rows(values_only=True))
    if not rows:
        preview.errors.append("Tệp không có dữ liệu.")
        return preview
    headers = [str(h or "").strip() for h in rows[0]]
    missing = [header for header, _n in COLUMNS if header not in headers]
    if missing:
        preview.errors.append("Thiếu cột: " + ", ".join(missing) + ".")
        return preview
    index = {header: headers.index(header) for header, _n in COLUMNS}
    seen_codes: set[str] = set()
    for number, raw in enumerate(rows[1:], start=2):
        if progress:
            progress(number - 1, len(rows) - 1)
        if not any(v not in (None, "") for v in raw):
            continue
        values = {}
        for header, name in COLUMNS:
            value = raw[index[header]] if index[header] < len(raw) else None
            values[name] = value if name in DATE_FIELDS else str(value if value is not None else "").strip()
        row_errors: list[str] = []
        if not values["full_name"]:
            row_errors.append(f"Dòng {number}: thiếu họ và tên.")
        gender = values["gender"].lower()
        if gender not in GENDERS:
            row_errors.append(f"Dòng {number}: giới tính “{values['gender']}” không hợp lệ (Nam hoặc Nữ).")
        values["gender"] = GENDERS.get(gender, "")
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                row_errors.append(f"Dòng {number}: thư điện tử “{values['email']}” không hợp lệ.")
        code = values["civil_servant_code"]
        if code and code in seen_codes:
            row_errors.append(f"Dòng {number}: mã số công chức {code} bị trùng trong tệp.")
        seen_codes.add(code)
        values["birth_date"] = _date(values["birth_date"], number, "Ngày sinh", row_errors)
        values["event_date"] = _date(values["event_date"], number, "Ngày phát sinh", row_errors)
        for name in ("full_name", "position", "position_en", "home_address"):
            limit = Person._meta.get_field(name).max_length
            if len(values[name]) > limit:
                row_errors.append(f"Dòng {number}: “{name}” dài quá {limit} ký tự.")
        preview.errors.extend(row_errors)
        preview.rows.append({"row": number, **values})
    if not preview.rows and not preview.errors:
        preview.errors.append("Tệp không có dòng dữ liệu nào.")
    return preview


@transaction.atomic
def apply_people(preview: Preview, *, by=None) -> int:
    """Write the previewed rows in one transaction: all of them, or none. Existing people
    (same civil-servant code in the unit) are updated."""
    if preview.errors:
        raise ValueError("a preview with errors cannot be applied")
    existing = {p.civil_servant_code: p for p in Person.objects.filter(unit=preview.unit).exclude(civil_servant_code="")}
    for row in preview.rows:
        person = existing.get(row["civil_servant_code"]) or Person(unit=preview.unit)
        for _header, name in COLUMNS:
            setattr(person, name, row[name])
        person._changed_by = by
        person.save()
    return len(preview.rows)
