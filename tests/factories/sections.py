"""Pages of issue 14's two sections: a unit's work calendar and its drafts put out for comment."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from intranet.units.models import Unit
from portal.calendars.models import WorkCalendarEntry, WorkCalendarIndexPage, WorkCalendarWeekPage
from portal.calendars.weeks import monday_of
from portal.consultations.models import Comment, ConsultationIndexPage, ConsultationPage


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def work_calendar(unit: Unit) -> WorkCalendarIndexPage:
    home = unit.site.root_page
    return WorkCalendarIndexPage.objects.child_of(home).first() or _publish(home, WorkCalendarIndexPage(title="Lịch công tác", slug="lich-cong-tac"))


def calendar_week(unit: Unit, monday: dt.date | None = None, entries=(), *, live: bool = True) -> WorkCalendarWeekPage:
    """A week of ``unit``'s calendar; ``entries`` are dicts of WorkCalendarEntry fields (day, content, ...)."""
    monday = monday or monday_of(timezone.localdate())
    calendar = work_calendar(unit)
    page = WorkCalendarWeekPage(title=f"Tuần {monday.isocalendar().week}", slug=f"tuan-{monday:%Y-%m-%d}", week_start=monday,
                                live=live)
    page.entries = [WorkCalendarEntry(sort_order=n, **{"leader_text": "Chủ tịch UBND", **entry}) for n, entry in enumerate(entries)]
    if live:
        return _publish(calendar, page)
    calendar.add_child(instance=page)
    page.save_revision()
    return page


def consultations(unit: Unit) -> ConsultationIndexPage:
    home = unit.site.root_page
    return ConsultationIndexPage.objects.child_of(home).first() or _publish(
        home, ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="lay-y-kien-du-thao")
    )


_counter = {"n": 0}


def draft(unit: Unit, title: str = "Dự thảo Quy chế làm việc", *, open_: bool = True, **fields) -> ConsultationPage:
    _counter["n"] += 1
    today = timezone.localdate()
    opens_on, closes_on = (today - dt.timedelta(days=3), today + dt.timedelta(days=10)) if open_ else (
        today - dt.timedelta(days=30), today - dt.timedelta(days=1))
    page = ConsultationPage(
        title=title, slug=fields.pop("slug", f"du-thao-{_counter['n']}"), summary=fields.pop("summary", f"Tóm tắt {title}"),
        opens_on=fields.pop("opens_on", opens_on), closes_on=fields.pop("closes_on", closes_on), **fields,
    )
    return _publish(consultations(unit), page)


def comment(page: ConsultationPage, *, approved: bool = True, **fields) -> Comment:
    status = Comment.Status.APPROVED if approved else Comment.Status.PENDING
    return Comment.objects.create(
        page=page, unit=page.get_parent().get_parent().specific.unit,
        **{"name": "Nguyễn Thị Góp Ý", "email": "gopy@example.vn", "content": "Đề nghị làm rõ Điều 3.", "status": status, **fields},
    )
