"""The grading workbook: sheets per officer, per step, per unit and the list of items (openpyxl, write-only)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .report import COLUMN_LABELS, COLUMNS, Row


def _header(first: list[str]) -> list[str]:
    return [*first, *[str(COLUMN_LABELS[code]) for code in COLUMNS], _("Tổng số"), _("Tỷ lệ sớm và đúng hạn")]


def _numbers(row: Row) -> list:
    return [row.counts[code] for code in COLUMNS] + [row.total, row.in_time_share]


def workbook(*, title: str, period_label: str, officers: list[Row], steps: list[Row], units: list[Row], items: list[dict]) -> bytes:
    book = Workbook(write_only=True)
    sheets = [
        (_("Theo cán bộ"), _header([_("Cán bộ"), _("Chức vụ – đơn vị")]), [[row.label, row.detail, *_numbers(row)] for row in officers]),
        (_("Theo bước"), _header([_("Loại công việc"), _("Bước")]), [[row.label, row.detail, *_numbers(row)] for row in steps]),
        (_("Theo đơn vị"), _header([_("Đơn vị")]), [[row.label, *_numbers(row)] for row in units]),
    ]
    for name, header, rows in sheets:
        sheet = book.create_sheet(name[:31])
        sheet.append([f"{title} – {period_label}"])
        sheet.append(header)
        for values in rows:
            sheet.append(values)
    sheet = book.create_sheet(_("Danh sách công việc")[:31])
    sheet.append([f"{title} – {period_label}"])
    sheet.append([_("Loại công việc"), _("Bước"), _("Mã"), _("Nội dung"), _("Người xử lý"), _("Hạn"), _("Hoàn thành"), _("Đánh giá")])
    for item in items:
        sheet.append([
            item["source_label"], item["step_label"], item["g_code"], item["g_title"], item.get("officer_label", ""),
            _local(item["g_due"]), _local(item["g_done"]), item["standing_label"],
        ])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _local(moment):
    # Spreadsheet cells cannot hold a time zone: the office's local time, as officers read it.
    return timezone.localtime(moment).replace(tzinfo=None) if moment is not None else None
