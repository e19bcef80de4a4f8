"""Grading pages (Art. 9.2.d): a leader's per-officer table with its chart, lists and workbook; an officer's evaluation sheet.

Every page asks ``intranet.accounts.permissions`` (``can_grade_unit``, ``can_see_evaluation``) before reading anything.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.fields import with_labels
from intranet.accounts.models import User
from intranet.accounts.names import picker_label
from intranet.units.models import Unit

from . import charts, export, periods, report
from .sources import LABELS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kinds(request) -> tuple[str, ...]:
    wanted = request.GET.get("loai", "")
    return (wanted,) if wanted in LABELS else ()


def _grading_unit(request, pk: int) -> Unit:
    unit = get_object_or_404(Unit.objects.only("pk", "name", "path", "depth"), pk=pk)
    if not permissions.can_grade_unit(request.user, unit):
        raise PermissionDenied(_("Bạn chỉ xem được đánh giá của đơn vị mình và các đơn vị trực thuộc."))
    return unit


def _filters(period, kinds) -> str:
    return period.query() + (f"&loai={kinds[0]}" if kinds else "")


@login_required
def index(request):
    """/danh-gia/: a leader's first unit; anyone else their own evaluation sheet."""
    unit = permissions.units_on_dashboard(request.user).order_by("depth", "path").first()
    if unit is not None:
        return redirect(f"/danh-gia/don-vi/{unit.pk}/")
    return redirect(f"/danh-gia/can-bo/{request.user.pk}/")


@login_required
def unit_table(request, pk: int):
    unit = _grading_unit(request, pk)
    period, kinds, now = periods.from_query(request.GET), _kinds(request), timezone.now()
    counts = report.tally(report.unit_scope(unit), period, kinds=kinds, now=now)
    officers, steps, units = report.officer_table(unit, counts), report.step_table(counts), report.unit_table(counts)
    filters = _filters(period, kinds)
    base = f"/danh-gia/don-vi/{unit.pk}/cong-viec/?{filters}"

    def link(row, code):
        return f"{base}&can-bo={row.key if row.key is not None else report.UNASSIGNED}&muc={code}"

    chart = charts.stacked_bars(officers, title=_("Kết quả xử lý công việc theo cán bộ – %(p)s") % {"p": period.label}, link=link)
    return render(request, "grading/unit.html", {
        "unit": unit, "period": period, "officers": [(row, [(code, n, link(row, code)) for code, n in row.cells()]) for row in officers],
        "steps": steps, "units": units, "chart": chart, "columns": [(code, report.COLUMN_LABELS[code]) for code in report.COLUMNS],
        "presets": periods.choices(), "kinds": list(dict.fromkeys(LABELS.items())), "kind": kinds[0] if kinds else "",
        "filters": filters, "choices": permissions.units_on_dashboard(request.user).only("pk", "name").order_by("path"),
    })


@login_required
def unit_items(request, pk: int):
    """The items behind one number of the table: ``?can-bo=<pk>|chua-giao&muc=<standing>``."""
    unit = _grading_unit(request, pk)
    period, kinds, now = periods.from_query(request.GET), _kinds(request), timezone.now()
    officer = request.GET.get("can-bo") or None
    if officer not in (None, report.UNASSIGNED) and not officer.isdigit():
        officer = None
    status = request.GET.get("muc", "")
    rows = report.items(report.unit_scope(unit), period, officer=officer, status=status, kinds=kinds, now=now)
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    keep = {key: value for key, value in request.GET.items() if key != "trang"}
    return render(request, "grading/items.html", {
        "unit": unit, "period": period, "page": page, "items": report.describe(page.object_list, now),
        "officer_label": report.officer_name(officer) if officer else "", "status_label": report.COLUMN_LABELS.get(status, ""),
        "query": urlencode(keep), "filters": _filters(period, kinds),
    })


@login_required
def unit_workbook(request, pk: int):
    unit = _grading_unit(request, pk)
    period, kinds, now = periods.from_query(request.GET), _kinds(request), timezone.now()
    counts = report.tally(report.unit_scope(unit), period, kinds=kinds, now=now)
    officers = report.officer_table(unit, counts)
    names = {row.key: row.label for row in officers}
    items = report.describe(report.items(report.unit_scope(unit), period, kinds=kinds, now=now), now)
    for item in items:
        item["officer_label"] = names.get(item["g_officer"], "")
    content = export.workbook(title=unit.name, period_label=period.label, officers=officers,
                              steps=report.step_table(counts), units=report.unit_table(counts), items=items)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="danh-gia-{unit.pk}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"'
    return response


@login_required
def evaluation(request, pk: int):
    """An officer's printable evaluation sheet for the six-month or annual review: their own work, wherever they did it."""
    officer = get_object_or_404(with_labels(User.objects.all()), pk=pk)
    if not permissions.can_see_evaluation(request.user, officer):
        raise PermissionDenied(_("Bạn không được xem phiếu đánh giá của cán bộ này."))
    period, now = periods.from_query(request.GET, default=periods.HALF), timezone.now()
    everywhere = report.unit_scope_all()
    steps = report.step_table(report.tally(everywhere, period, officer=officer.pk, now=now))
    total = report.Row(officer.pk, officer.display_name)
    for row in steps:
        for code in report.COLUMNS:
            total.counts[code] += row.counts[code]
    missed = report.describe(report.items(everywhere, period, officer=officer.pk, status=("late", "overdue"), now=now), now)
    shown = permissions.evaluation_units_shown(request.user, officer)
    if shown is not None:
        hidden = {item["g_unit"] for item in missed} - shown
        unit_names = dict(Unit.objects.filter(pk__in=hidden).values_list("pk", "name"))
        for item in missed:
            if item["g_unit"] in hidden:
                item.update(g_code="", url="", g_title=_("Công việc tại %(unit)s") % {"unit": unit_names.get(item["g_unit"], "")})
    return render(request, "grading/evaluation.html", {
        "officer": officer, "officer_label": picker_label(officer), "period": period, "steps": steps, "total": total,
        "missed": missed, "columns": [(code, report.COLUMN_LABELS[code]) for code in report.COLUMNS], "now": now,
        "presets": [(code, label) for code, label in periods.choices() if code in (periods.HALF, periods.YEAR, periods.CUSTOM)],
    })
