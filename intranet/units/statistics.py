"""/thong-ke-truy-cap/: the sites' visit statistics for a date range, on screen and as XLSX.

For the editorial boards and leaders of a unit (``permissions.units_seeing_visits``): the
unit's site and the sites of its sub-units, per site and per page, from ``PageVisit`` (counted
without anything personal, see ``portal.home.visits``). A handful of queries whatever the range.
"""

from __future__ import annotations

import datetime as dt
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from intranet.accounts.permissions import can_see_visits, units_seeing_visits
from portal.home.models import PageVisit

from .models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]
MAX_PAGES = 5000  # rows of the per-page sheet (the screen shows the first 50)


class RangeForm(forms.Form):
    tu_ngay = forms.DateField(label=gettext_lazy("Từ ngày"), input_formats=DATE_INPUTS, required=False)
    den_ngay = forms.DateField(label=gettext_lazy("Đến ngày"), input_formats=DATE_INPUTS, required=False)

    def add_prefix(self, field_name):
        return field_name.replace("_", "-")

    def clean(self):
        data = super().clean()
        if data.get("tu_ngay") and data.get("den_ngay") and data["tu_ngay"] > data["den_ngay"]:
            self.add_error("den_ngay", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


def _unit(request) -> Unit:
    units = units_seeing_visits(request.user)
    code = request.GET.get("don-vi")
    unit = units.filter(code=code).first() if code else units.first()
    if unit is None or not can_see_visits(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền xem thống kê truy cập của đơn vị này."))
    return unit


def statistics(unit: Unit, start: dt.date, end: dt.date) -> dict:
    """Visits per site and per page of ``unit``'s sites (its own and its sub-units') from ``start`` to ``end``."""
    sites = {u.site_id: u for u in unit.get_tree(unit).with_site().filter(site__isnull=False).select_related("site").only(
        "name", "code", "path", "depth", "site__hostname", "site__port")}
    visits = PageVisit.objects.filter(site_id__in=sites, day__range=(start, end))
    per_site = dict(visits.values_list("site_id").annotate(total=Sum("count")).order_by())
    per_page = list(
        visits.values_list("site_id", "page__title", "page__url_path", "page__path")
        .annotate(total=Sum("count")).order_by("-total", "site_id", "page__path")[:MAX_PAGES]
    )
    site_rows = sorted(((u, per_site.get(pk, 0)) for pk, u in sites.items()), key=lambda row: (-row[1], row[0].path))
    page_rows = [(sites[site_id], title, _path_on_site(url_path), total) for site_id, title, url_path, _tree, total in per_page]
    return {"unit": unit, "start": start, "end": end, "sites": site_rows, "pages": page_rows, "total": sum(per_site.values())}


def _path_on_site(url_path: str) -> str:
    # url_path starts with the site root's own segment ("/phu-xuan/tin-tuc/..."): the visitor's path drops it.
    parts = (url_path or "/").split("/", 2)
    return "/" + (parts[2] if len(parts) > 2 else "")


def _workbook(report: dict) -> bytes:
    book = Workbook()
    period = _("Từ ngày %(start)s đến ngày %(end)s") % {"start": f"{report['start']:%d/%m/%Y}", "end": f"{report['end']:%d/%m/%Y}"}
    sites = book.active
    sites.title = _("Theo trang thông tin")[:31]
    sites.append([report["unit"].name.upper()])
    sites.append([_("Thống kê lượt truy cập"), period])
    sites.append([])
    sites.append([_("Đơn vị"), _("Địa chỉ trang"), _("Lượt truy cập")])
    for unit, total in report["sites"]:
        sites.append([unit.name, unit.site.hostname, total])
    sites.append([_("Tổng cộng"), "", report["total"]])
    pages = book.create_sheet(_("Theo trang")[:31])
    pages.append([_("Đơn vị"), _("Trang"), _("Đường dẫn"), _("Lượt truy cập")])
    for unit, title, path, total in report["pages"]:
        pages.append([unit.name, title, path, total])
    for sheet, header_row, widths in ((sites, 4, (48, 32, 16)), (pages, 1, (40, 60, 60, 16))):
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        for letter, width in zip("ABCD", widths, strict=False):
            sheet.column_dimensions[letter].width = width
    sites["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@login_required
def visit_statistics(request):
    unit = _unit(request)
    today = timezone.localdate()
    form = RangeForm(request.GET)
    form.is_valid()
    start = form.cleaned_data.get("tu_ngay") or today.replace(day=1)
    end = form.cleaned_data.get("den_ngay") or today
    if start > end:
        start, end = end, start
    report = statistics(unit, start, end)
    if request.GET.get("dinh-dang") == "xlsx":
        response = HttpResponse(_workbook(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="thong-ke-truy-cap-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
        return response
    return render(request, "units/visit_statistics.html", {
        "report": report, "form": form, "units": units_seeing_visits(request.user).only("code", "name", "path", "depth"),
        "pages": report["pages"][:50], "page_title": _("Thống kê truy cập"),
    }, status=400 if form.errors else 200)
