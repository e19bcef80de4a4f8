import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from intranet.workdays.calendar import LOCAL_TZ, Status, WorkingCalendar, _parse_hours, get_calendar
from intranet.workdays.models import CalendarDay

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PLAIN = WorkingCalendar(periods=_parse_hours([["07:30", "11:30"], ["13:30", "17:00"]]))


def at(*args):
    return dt.datetime(*args, tzinfo=HCM)


def test_two_days_from_the_friday_before_tet_2026_skip_the_whole_holiday():
    # Tết 2026: 16–20 February off, with the weekends on both sides.
    assert PLAIN.due(at(2026, 2, 13, 10, 0), 2) == at(2026, 2, 24, 10, 0)


def test_the_computation_names_each_skipped_day():
    computation = PLAIN.explain(at(2026, 2, 13, 10, 0), 2)
    reasons = {day.date: day.reason for day in computation.skipped}
    assert reasons[dt.date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert reasons[dt.date(2026, 2, 14)] == "Thứ Bảy"
    assert len(computation.skipped) == 9


def test_reunification_day_and_labour_day_are_skipped():
    # 30/4 (Thu) and 1/5 (Fri) 2026 are off, then the weekend.
    assert PLAIN.due(at(2026, 4, 29, 9, 0), 1) == at(2026, 5, 4, 9, 0)


def test_a_half_day_crosses_the_lunch_break():
    # 0.5 day = 3 h 45 min of office time: 10:00–11:30 then 13:30–15:45.
    assert PLAIN.due(at(2026, 3, 2, 10, 0), Decimal("0.5")) == at(2026, 3, 2, 15, 45)


def test_work_arriving_after_hours_counts_from_the_next_opening():
    assert PLAIN.due(at(2026, 3, 6, 18, 30), Decimal("0.5")) == at(2026, 3, 9, 11, 15)


def test_a_make_up_saturday_is_a_working_day():
    assert PLAIN.is_working_day(dt.date(2026, 8, 22))
    assert not PLAIN.is_working_day(dt.date(2026, 8, 31))


@pytest.mark.django_db
def test_a_day_off_entered_by_an_administrator_moves_the_deadline():
    start = at(2026, 6, 10, 8, 0)  # Wednesday
    before = get_calendar().due(start, 1)
    CalendarDay.objects.create(date=dt.date(2026, 6, 11), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ đột xuất")
    after = get_calendar().due(start, 1)
    assert (before, after) == (at(2026, 6, 11, 8, 0), at(2026, 6, 12, 8, 0))


@pytest.mark.django_db
def test_an_administrators_make_up_day_counts():
    CalendarDay.objects.create(date=dt.date(2026, 6, 13), kind=CalendarDay.Kind.WORKING_DAY, name="Làm bù")
    assert get_calendar().due(at(2026, 6, 12, 8, 0), 1) == at(2026, 6, 13, 8, 0)


def test_statuses_follow_khanh_hoa_art_9():
    due = at(2026, 3, 4, 10, 0)
    assert PLAIN.status(due, done_at=at(2026, 3, 3, 16, 0)) == Status.EARLY
    assert PLAIN.status(due, done_at=at(2026, 3, 4, 9, 0)) == Status.ON_TIME
    assert PLAIN.status(due, done_at=at(2026, 3, 4, 10, 1)) == Status.LATE
    assert PLAIN.status(due, now=at(2026, 3, 4, 10, 1)) == Status.OVERDUE
    assert PLAIN.status(due, now=at(2026, 3, 4, 9, 59)) == Status.IN_TIME


def test_a_negative_deadline_is_refused():
    with pytest.raises(ValueError):
        PLAIN.due(at(2026, 3, 2, 8, 0), -1)


@pytest.mark.django_db
def test_command_prints_the_due_moment_on_its_last_line(capsys):
    call_command("working_calendar", "due", "2026-02-13T10:00", "2")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2026-02-24T10:00:00+07:00"


@pytest.mark.django_db
def test_command_shows_the_years_days_off_and_make_up_days(capsys):
    call_command("working_calendar", "show", "2026")
    out = capsys.readouterr().out
    assert "2026-02-17" in out and "2026-04-27" in out and "2026-08-22" in out
    assert "2026-02-14" not in out  # a Saturday is not a weekday off


moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=LOCAL_TZ)
)
durations = st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 2)


def _in_office(moment):
    local = moment.astimezone(LOCAL_TZ)
    return PLAIN.is_working_day(local.date()) and any(
        dt.datetime.combine(local.date(), a, LOCAL_TZ) <= local <= dt.datetime.combine(local.date(), b, LOCAL_TZ)
        for a, b in PLAIN.periods
    )


@settings(max_examples=200, deadline=None)
@given(moments, durations)
def test_due_falls_inside_office_hours_on_a_working_day(start, days):
    assert _in_office(PLAIN.due(start, days))


@settings(max_examples=200, deadline=None)
@given(moments, durations)
def test_the_working_time_to_the_due_moment_is_the_duration(start, days):
    assert PLAIN.working_minutes_between(start, PLAIN.due(start, days)) == days * PLAIN.minutes_per_day


@settings(max_examples=200, deadline=None)
@given(moments, durations, durations)
def test_deadlines_add_up(start, first, second):
    assert PLAIN.due(PLAIN.due(start, first), second) == PLAIN.due(start, first + second)
