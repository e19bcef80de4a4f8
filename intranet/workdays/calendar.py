"""THE working-day calendar: every deadline in the project is computed here.

A working day is Monday to Friday, minus Vietnam's public holidays and their
observed days (from the ``holidays`` package), plus the make-up working
Saturdays it knows, then adjusted by the days an administrator enters
(``CalendarDay``). Working time runs only inside office hours
(default 07:30–11:30 and 13:30–17:00).

A duration of N working days is N times the office time of one day, so a
whole number of days ends at the same clock time, and 0.5 day is half of the
day's office time (QT-07 steps).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_MAX_SCAN_DAYS = 3660  # ten years: a guard against a calendar with no working day


class Status:
    """Khánh Hòa Art. 9.2.d: how a piece of work stands against its deadline."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    IN_TIME = "in_time"  # still open, not yet due

    LABELS = {
        EARLY: _("Sớm hạn"),
        ON_TIME: _("Đúng hạn"),
        LATE: _("Trễ hạn"),
        OVERDUE: _("Quá hạn"),
        IN_TIME: _("Trong hạn"),
    }


@lru_cache(maxsize=64)
def _law_calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="vi")


def _parse_hours(pairs) -> tuple[tuple[dt.time, dt.time], ...]:
    periods = tuple(
        (dt.time.fromisoformat(start), dt.time.fromisoformat(end)) for start, end in pairs
    )
    if not periods or any(start >= end for start, end in periods):
        raise ValueError("WORKDAY_OFFICE_HOURS must be non-empty (start, end) pairs with start < end")
    return tuple(sorted(periods))


@dataclass(frozen=True)
class SkippedDay:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class DueComputation:
    """How a due moment was computed, to show next to it."""

    start: dt.datetime
    counted_from: dt.datetime
    days: Decimal
    due: dt.datetime
    skipped: list[SkippedDay] = field(default_factory=list)


@dataclass(frozen=True)
class WorkingCalendar:
    periods: tuple[tuple[dt.time, dt.time], ...]
    days_off: frozenset[dt.date] = frozenset()
    working_days: frozenset[dt.date] = frozenset()
    names: dict = field(default_factory=dict, compare=False, hash=False)

    # -- days -----------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        law = _law_calendar(day.year)
        if day in law.weekend_workdays:
            return True
        return day.weekday() < 5 and day not in law

    def why_not_working(self, day: dt.date) -> str:
        if day in self.days_off:
            return self.names.get(day) or str(_("Ngày nghỉ theo thông báo"))
        law = _law_calendar(day.year)
        if day in law:
            return law.get(day)
        return str(_("Thứ Bảy")) if day.weekday() == 5 else str(_("Chủ nhật"))

    def next_working_day(self, day: dt.date) -> dt.date:
        for _i in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day within ten years")

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes(start, end) for start, end in self.periods)

    # -- moments ----------------------------------------------------------
    def _windows(self, moment: dt.datetime):
        """Yield the office windows (start, end) at or after ``moment``, clipped to it."""
        day = moment.date()
        for _i in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day):
                for start, end in self.periods:
                    window_start = dt.datetime.combine(day, start, LOCAL_TZ)
                    window_end = dt.datetime.combine(day, end, LOCAL_TZ)
                    if window_end < moment:
                        continue
                    yield max(window_start, moment), window_end
            day += dt.timedelta(days=1)
        raise ValueError("no working time within ten years")

    def next_office_moment(self, moment: dt.datetime) -> dt.datetime:
        """The moment itself if it is inside office hours, else when the office next opens."""
        return next(self._windows(_local(moment)))[0]

    def next_time_of_day(self, moment: dt.datetime, times: tuple[str, ...]) -> dt.datetime:
        """The first of ``times`` (local clock times such as "07:30") on a working day strictly after ``moment``.

        App. V: a batch moved at 10:00 is assigned by 14:00 the same working day, one at 16:00 by 07:30 the next.
        """
        moment = _local(moment)
        clock = sorted(dt.time.fromisoformat(value) for value in times)
        day = moment.date()
        for _i in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day):
                for value in clock:
                    candidate = dt.datetime.combine(day, value, LOCAL_TZ)
                    if candidate > moment:
                        return candidate
            day += dt.timedelta(days=1)
        raise ValueError("no working day within ten years")

    def due(self, start: dt.datetime, days: Decimal | int | float | str) -> dt.datetime:
        return self.explain(start, days).due

    def explain(self, start: dt.datetime, days: Decimal | int | float | str) -> DueComputation:
        days = Decimal(str(days))
        if days < 0:
            raise ValueError("a deadline cannot be negative")
        start = _local(start)
        remaining = days * self.minutes_per_day
        windows = self._windows(start)
        window_start, window_end = next(windows)
        counted_from = window_start
        while True:
            available = Decimal((window_end - window_start).total_seconds()) / 60
            if remaining <= available:
                due = window_start + dt.timedelta(minutes=float(remaining))
                break
            remaining -= available
            window_start, window_end = next(windows)
        return DueComputation(
            start=start,
            counted_from=counted_from,
            days=days,
            due=due.replace(microsecond=0),
            skipped=self.skipped_between(start.date(), due.date()),
        )

    def skipped_between(self, first: dt.date, last: dt.date) -> list[SkippedDay]:
        skipped, day = [], first
        while day <= last:
            if not self.is_working_day(day):
                skipped.append(SkippedDay(day, self.why_not_working(day)))
            day += dt.timedelta(days=1)
        return skipped

    def working_minutes_between(self, start: dt.datetime, end: dt.datetime) -> int:
        start, end = _local(start), _local(end)
        total = 0.0
        if end <= start:
            return 0
        for window_start, window_end in self._windows(start):
            if window_start >= end:
                break
            total += (min(window_end, end) - window_start).total_seconds() / 60
        return round(total)

    def working_days_between(self, start: dt.datetime, end: dt.datetime) -> Decimal:
        minutes = Decimal(self.working_minutes_between(start, end))
        return (minutes / self.minutes_per_day).quantize(Decimal("0.01"))

    def status(self, due: dt.datetime, done_at: dt.datetime | None = None, now: dt.datetime | None = None) -> str:
        return grade(due, done_at, now)

    def is_due_soon(self, due: dt.datetime, now: dt.datetime | None = None, within_days: Decimal = Decimal("0.5")) -> bool:
        now = now or timezone.now()
        return now <= due <= self.due(now, within_days)

    # -- a year at a glance -------------------------------------------------
    def non_working_weekdays(self, year: int) -> list[SkippedDay]:
        day, out = dt.date(year, 1, 1), []
        while day.year == year:
            if day.weekday() < 5 and not self.is_working_day(day):
                out.append(SkippedDay(day, self.why_not_working(day)))
            day += dt.timedelta(days=1)
        return out

    def extra_working_days(self, year: int) -> list[SkippedDay]:
        day, out = dt.date(year, 1, 1), []
        while day.year == year:
            if day.weekday() >= 5 and self.is_working_day(day):
                out.append(SkippedDay(day, self.names.get(day) or str(_("Ngày làm việc bù"))))
            day += dt.timedelta(days=1)
        return out


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _local(moment: dt.datetime) -> dt.datetime:
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(LOCAL_TZ)


def get_calendar() -> WorkingCalendar:
    """The calendar as configured now: settings' office hours plus the administrators' days (one query)."""
    from .models import CalendarDay

    days_off, working, names = set(), set(), {}
    for day in CalendarDay.objects.all():
        (working if day.kind == CalendarDay.Kind.WORKING_DAY else days_off).add(day.date)
        names[day.date] = day.name
    return WorkingCalendar(
        periods=_parse_hours(settings.WORKDAY_OFFICE_HOURS),
        days_off=frozenset(days_off),
        working_days=frozenset(working),
        names=names,
    )


# The shortcuts the rest of the project uses.
def due(start: dt.datetime, days) -> dt.datetime:
    return get_calendar().due(start, days)


def explain(start: dt.datetime, days) -> DueComputation:
    return get_calendar().explain(start, days)


def working_time_between(start: dt.datetime, end: dt.datetime) -> Decimal:
    return get_calendar().working_days_between(start, end)


def grade(due: dt.datetime, done_at: dt.datetime | None = None, now: dt.datetime | None = None) -> str:
    """Early / on time / late for finished work; overdue or in time for open work (no database query).

    Early means finished on a day before the one it was due.
    """
    if done_at is None:
        now = now or timezone.now()
        return Status.OVERDUE if now > due else Status.IN_TIME
    if done_at > due:
        return Status.LATE
    if _local(done_at).date() < _local(due).date():
        return Status.EARLY
    return Status.ON_TIME


def grade_conditions(due: str, done: str, now: dt.datetime | None = None) -> dict[str, Q]:
    """``grade`` as database filters on a due and a done field: the same five answers, for counting in SQL.

    Early compares local calendar days, like ``grade``; the days are taken in Asia/Ho_Chi_Minh.
    """
    now = now or timezone.now()
    finished = Q(**{f"{done}__isnull": False})
    late = finished & Q(**{f"{done}__gt": F(due)})
    early = finished & Q(LessThan(TruncDate(done, tzinfo=LOCAL_TZ), TruncDate(due, tzinfo=LOCAL_TZ)))
    return {
        Status.EARLY: early,
        Status.ON_TIME: finished & ~late & ~early,
        Status.LATE: late,
        Status.OVERDUE: Q(**{f"{done}__isnull": True, f"{due}__lt": now}),
        # Open work whose clock is paused (no due moment while it waits) is in time, never overdue.
        Status.IN_TIME: Q(**{f"{done}__isnull": True}) & (Q(**{f"{due}__gte": now}) | Q(**{f"{due}__isnull": True})),
    }


def status(due_at: dt.datetime, done_at: dt.datetime | None = None, now: dt.datetime | None = None) -> str:
    return grade(due_at, done_at, now)


def is_working_day(day: dt.date) -> bool:
    return get_calendar().is_working_day(day)
