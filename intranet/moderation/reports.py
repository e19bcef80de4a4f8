"""B7: the weekly and monthly "Biểu tổng hợp đăng tin, bài, ảnh" and the
"Mẫu đăng ký tin, bài tuần, tháng", as rows that render to HTML, XLSX and CSV.

Counts come from the items actually closed (published or refused) in the
period, so the summary always matches what the site shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, Status

from .models import ModerationItem
from .templatetags.moderation_tags import vn_name

WEEK, MONTH = "tuan", "thang"


@dataclass
class Report:
    title: str
    unit: Unit
    start: dt.date
    end: dt.date  # inclusive
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    totals: list[tuple[str, int]] = field(default_factory=list)

    @property
    def period_label(self) -> str:
        return _("Từ ngày %(start)s đến ngày %(end)s") % {"start": self.start.strftime("%d/%m/%Y"), "end": self.end.strftime("%d/%m/%Y")}


def period(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday–Sunday) or month containing ``day``."""
    if kind == MONTH:
        start = day.replace(day=1)
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time.min, LOCAL_TZ), dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, LOCAL_TZ)


def _local_date(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment, LOCAL_TZ).strftime("%d/%m/%Y") if moment else ""


def summary(unit: Unit, kind: str, day: dt.date) -> Report:
    """Biểu tổng hợp đăng tin, bài, ảnh: every item published or refused in the period."""
    start, end = period(kind, day)
    lower, upper = _bounds(start, end)
    items = (
        ModerationItem.objects.filter(unit=unit, closed_at__gte=lower, closed_at__lt=upper)
        .exclude(outcome=ModerationItem.Outcome.PENDING)
        .select_related("signed_by")
        .order_by("closed_at", "pk")
    )
    report = Report(
        title=_("BIỂU TỔNG HỢP ĐĂNG TIN, BÀI, ẢNH %(period)s") % {"period": _("TUẦN") if kind == WEEK else _("THÁNG")},
        unit=unit,
        start=start,
        end=end,
        headers=[
            _("STT"), _("Ngày tiếp nhận"), _("Tiêu đề"), _("Loại"), _("Hình thức"), _("Người gửi / đơn vị"), _("Kết quả"),
            _("Ngày đăng / phát / trả lời"), _("Người ký"), _("Số văn bản"), _("Lý do từ chối"), _("Thời hạn 02 ngày làm việc"),
        ],
    )  # fmt: skip
    published_news = published_photos = broadcast = refused = 0
    standings = dict.fromkeys((Status.EARLY, Status.ON_TIME, Status.LATE), 0)
    for number, item in enumerate(items, start=1):
        report.rows.append(
            [
                number,
                _local_date(item.received_at),
                item.title,
                item.get_kind_display(),
                item.get_channel_display(),
                ", ".join(part for part in (item.submitter_name, item.submitter_organisation) if part),
                item.get_outcome_display(),
                _local_date(item.closed_at),
                vn_name(item.signed_by) if item.signed_by else "",
                item.document_number,
                item.reason,
                str(Status.LABELS.get(item.total_standing, "")),
            ]
        )
        if item.total_standing in standings:
            standings[item.total_standing] += 1
        if item.outcome == ModerationItem.Outcome.REFUSED:
            refused += 1
        elif item.outcome == ModerationItem.Outcome.BROADCAST:
            broadcast += 1
        elif item.kind == ModerationItem.Kind.PHOTOS:
            published_photos += 1
        else:
            published_news += 1
    received = ModerationItem.objects.filter(unit=unit, received_at__gte=lower, received_at__lt=upper).count()
    report.totals = [
        (_("Tiếp nhận trong kỳ"), received),
        (_("Tin, bài đã đăng"), published_news),
        (_("Bộ ảnh đã đăng"), published_photos),
        (_("Tin, bài đã phát trên loa truyền thanh"), broadcast),
        (_("Không đồng ý cho đăng"), refused),
        *((_("Hoàn thành %(standing)s (02 ngày làm việc)") % {"standing": str(Status.LABELS[code]).lower()}, count) for code, count in standings.items()),
        (_("Đang xử lý cuối kỳ"), ModerationItem.objects.filter(unit=unit, received_at__lt=upper).filter(closed_at__isnull=True).count()),
    ]
    return report


def registration(unit: Unit, kind: str, day: dt.date) -> Report:
    """Mẫu đăng ký tin, bài tuần, tháng: what was registered ahead for the period, each set against what was
    published; then what was received without a registration; blank lines to add more by hand."""
    from .models import PlannedPosting
    from .planning import match_published

    start, end = period(kind, day)
    lower, upper = _bounds(start, end)
    plans = list(PlannedPosting.objects.filter(unit=unit, period=kind, period_start=start).select_related("registered_by"))
    published = list(
        ModerationItem.objects.filter(
            unit=unit, outcome__in=[ModerationItem.Outcome.PUBLISHED, ModerationItem.Outcome.BROADCAST], closed_at__gte=lower, closed_at__lt=upper
        ).order_by("closed_at", "pk")
    )
    matched = match_published(plans, published)
    report = Report(
        title=_("MẪU ĐĂNG KÝ TIN, BÀI %(period)s") % {"period": _("TUẦN") if kind == WEEK else _("THÁNG")},
        unit=unit,
        start=start,
        end=end,
        headers=[_("STT"), _("Tên tin, bài, ảnh"), _("Loại"), _("Tác giả / đơn vị"), _("Ngày đăng ký"), _("Dự kiến gửi"), _("Kết quả")],
    )
    kinds = dict(ModerationItem.Kind.choices)
    for number, plan in enumerate(plans, start=1):
        item = matched.get(plan.pk)
        result = (
            _("Đã đăng ngày %(date)s") % {"date": _local_date(item.closed_at)} if item is not None else _("Chưa đăng")
        )
        report.rows.append([
            number, plan.title, str(kinds.get(plan.kind, "")), plan.author, _local_date(plan.registered_at),
            plan.planned_date.strftime("%d/%m/%Y") if plan.planned_date else "", result,
        ])
    matched_ids = {item.pk for item in matched.values()}
    received = ModerationItem.objects.filter(unit=unit, received_at__gte=lower, received_at__lt=upper).order_by("received_at", "pk")
    unregistered = [item for item in received if item.pk not in matched_ids]
    for number, item in enumerate(unregistered, start=len(plans) + 1):
        author = ", ".join(part for part in (item.submitter_name, item.submitter_organisation) if part)
        report.rows.append([
            number, item.title, item.get_kind_display(), author, "", "", _("Ngoài đăng ký – %(step)s") % {"step": item.get_step_display()},
        ])
    report.totals = [
        (_("Số tin, bài, ảnh đăng ký"), len(plans)),
        (_("Đã đăng theo đăng ký"), len(matched)),
        (_("Đăng ký nhưng chưa đăng"), len(plans) - len(matched)),
        (_("Đã đăng ngoài đăng ký"), len([item for item in published if item.pk not in matched_ids])),
    ]
    for _blank in range(5):
        report.rows.append([""] * len(report.headers))
    return report


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = report.title[:31]
    sheet.append([report.unit.name.upper()])
    sheet.append([report.title])
    sheet.append([report.period_label])
    sheet.append([])
    sheet.append(report.headers)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in report.rows:
        sheet.append(row)
    sheet.append([])
    for label, value in report.totals:
        sheet.append([label, value])
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=13)
    for letter, width in zip("ABCDEFGHIJ", (6, 14, 48, 10, 28, 16, 16, 22, 18, 36), strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.print_title_rows = "5:5"
    sheet.page_setup.orientation = "landscape"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([report.unit.name])
    writer.writerow([report.title])
    writer.writerow([report.period_label])
    writer.writerow(report.headers)
    writer.writerows(report.rows)
    for label, value in report.totals:
        writer.writerow([label, value])
    # A BOM so that Excel opens the Vietnamese text as UTF-8.
    return "\ufeff" + buffer.getvalue()
