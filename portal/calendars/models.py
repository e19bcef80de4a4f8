"""Lịch công tác: a unit's leaders' weekly work calendar (issue 14, Huế Art. 4.2).

The unit's office enters one page per week (``WorkCalendarWeekPage``) under the unit's calendar
(``WorkCalendarIndexPage``, ``/lich-cong-tac/``), one entry per meeting or visit, and publishes the
week. Visitors see the current week by default, go to the previous or next one with
``?tuan=2026-W50``, and print it on A4 landscape with ``?in=1``. Only the unit's editors edit it:
the pages sit under the unit's home page, where its editors' group holds its page permissions.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.home.slugs import FoldedSlugMixin

from .forms import WorkCalendarWeekForm
from .weeks import WEEKDAYS, iso_week, monday_of, parse_week

PRINT_PARAM = "in"
WEEK_PARAM = "tuan"


class WorkCalendarIndexPage(FoldedSlugMixin, Page):
    """``/lich-cong-tac/``: the week asked for (this week by default), day by day."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["calendars.WorkCalendarWeekPage"]
    max_count_per_parent = 1
    template = "calendars/work_calendar.html"

    class Meta:
        verbose_name = _("trang lịch công tác")

    def get_template(self, request, *args, **kwargs):
        return printable_template(request, super().get_template(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        monday = parse_week(request.GET.get(WEEK_PARAM, "")) or monday_of(timezone.localdate())
        week = WorkCalendarWeekPage.objects.child_of(self).live().filter(week_start=monday).first()
        context.update(week_context(self, monday, week))
        return context


class WorkCalendarWeekPage(FoldedSlugMixin, Page):
    """One week of the unit's calendar, published when the office has entered it."""

    week_start = models.DateField(_("tuần bắt đầu từ thứ Hai"), help_text=_("Ngày thứ Hai của tuần."))
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("Ví dụ: lịch có thể thay đổi, đề nghị theo dõi thường xuyên."))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("week_start"), FieldPanel("note")], heading=_("Tuần")),
        InlinePanel("entries", label=_("lịch làm việc"), heading=_("Các nội dung trong tuần")),
    ]
    base_form_class = WorkCalendarWeekForm
    parent_page_types = ["calendars.WorkCalendarIndexPage"]
    subpage_types: list[str] = []
    template = "calendars/work_calendar.html"

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")

    def clean(self):
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("Ngày bắt đầu tuần phải là thứ Hai.")})

    def get_template(self, request, *args, **kwargs):
        return printable_template(request, super().get_template(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(week_context(self.get_parent().specific, self.week_start, self))
        return context


LEADER_HELP = _("Chọn trong danh bạ của đơn vị; nếu người chủ trì không có trong danh bạ, ghi vào ô bên dưới.")


class WorkCalendarEntry(Orderable):
    """One item of the week: when, which leader, what, where, with whom, prepared by which office."""

    page = ParentalKey(WorkCalendarWeekPage, related_name="entries", on_delete=models.CASCADE)
    day = models.PositiveSmallIntegerField(_("thứ"), choices=list(enumerate(WEEKDAYS)))
    time = models.TimeField(_("giờ"), null=True, blank=True, help_text=_("Để trống: cả ngày."))
    leader = models.ForeignKey(
        "directory.Person", verbose_name=_("lãnh đạo chủ trì"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=LEADER_HELP,
    )
    leader_text = models.CharField(_("lãnh đạo chủ trì (ghi tên)"), max_length=255, blank=True)
    content = models.TextField(_("nội dung"))
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    participants = models.TextField(_("thành phần"), blank=True)
    preparing = models.CharField(_("đơn vị chuẩn bị"), max_length=255, blank=True)

    panels = [
        FieldPanel("day"), FieldPanel("time"), FieldPanel("leader"), FieldPanel("leader_text"),
        FieldPanel("content"), FieldPanel("location"), FieldPanel("participants"), FieldPanel("preparing"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("nội dung lịch công tác")

    def clean(self):
        super().clean()
        if not self.leader_id and not self.leader_text.strip():
            raise ValidationError({"leader_text": _("Chọn lãnh đạo chủ trì trong danh bạ hoặc ghi tên.")})

    @property
    def leader_label(self) -> str:
        """"Nguyễn Văn An – Chủ tịch UBND" (family name first, as the directory keeps it), or the typed text."""
        if self.leader_id and self.leader is not None:
            return " – ".join(part for part in (self.leader.full_name, self.leader.position) if part)
        return self.leader_text


def printable_template(request, template: str) -> str:
    return "calendars/work_calendar_print.html" if request.GET.get(PRINT_PARAM) == "1" else template


def week_context(calendar: Page, monday: dt.date, week: WorkCalendarWeekPage | None) -> dict:
    """The week's days, Monday to Friday always and the weekend when something is on, with their entries."""
    entries = list(week.entries.select_related("leader")) if week is not None else []
    entries.sort(key=lambda entry: (entry.day, entry.time or dt.time.min, entry.sort_order or 0))
    days = []
    for number, label in enumerate(WEEKDAYS):
        on_day = [entry for entry in entries if entry.day == number]
        if number < 5 or on_day:
            days.append({"label": label, "date": monday + dt.timedelta(days=number), "entries": on_day})
    today = timezone.localdate()
    return {
        "calendar": calendar,
        "week": week,
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "week_code": iso_week(monday),
        "week_number": monday.isocalendar().week,
        "previous_week": iso_week(monday - dt.timedelta(days=7)),
        "next_week": iso_week(monday + dt.timedelta(days=7)),
        "is_this_week": monday == monday_of(today),
        "today": today,
        "days": days,
    }
