"""App. VII.II.1: the beat job reminds units of a regular report due within a working day and flags the
units without one past the deadline to the province office; each once, however often it runs."""

import datetime as dt

import pytest

from intranet.notifications.models import Notification
from intranet.programs import services, tasks
from intranet.programs.models import ReportReminder
from intranet.workdays.calendar import LOCAL_TZ, get_calendar

pytestmark = pytest.mark.django_db


def test_february_is_due_on_the_third_working_day_of_march():
    """Monday 2 to Wednesday 4 March 2026: the job on Wednesday 07:30 reminds, Thursday's flags."""
    due = services.report_due("month", 2026, 2)
    assert due == dt.datetime(2026, 3, 4, 17, 0, tzinfo=LOCAL_TZ) == get_calendar().due(dt.datetime(2026, 3, 1, tzinfo=LOCAL_TZ), 3)


@pytest.fixture
def monthly_only(settings):
    settings.PROGRAM_REMINDED_PERIODS = ["month"]


def test_a_unit_without_its_report_is_reminded_once_then_flagged_once_to_the_office(org, monthly_only):
    morning = dt.datetime(2026, 3, 4, 7, 30, tzinfo=LOCAL_TZ)
    # Sở Tư pháp has sent February's report; Sở Y tế and the office itself have not.
    services.submit_periodic_report(org.units["stp"], org.cv_stp, period_kind="month", year=2026, month=2, content="Báo cáo tháng 2")
    assert services.remind_periodic_reports(now=morning) == (2, 0)
    assert services.remind_periodic_reports(now=morning + dt.timedelta(hours=2)) == (0, 0)  # not twice
    reminder = Notification.objects.get(recipient=org.cv_syt, kind="reminder")
    assert reminder.title == "Sắp đến hạn báo cáo công tác tháng 2/2026" and "17:00 04/03/2026" in reminder.body
    assert not Notification.objects.filter(recipient=org.cv_stp, kind="reminder").exists()  # already reported

    next_morning = morning + dt.timedelta(days=1)
    assert services.remind_periodic_reports(now=next_morning) == (0, 2)
    assert services.remind_periodic_reports(now=next_morning + dt.timedelta(days=1)) == (0, 0)  # not twice
    flag = Notification.objects.get(recipient=org.cv_vp, kind="overdue", url="/bao-cao-cong-tac/tong-hop/")
    assert "Sở Y tế" in flag.body and "Sở Tư pháp" not in flag.body
    assert Notification.objects.filter(recipient=org.cv_syt, kind="overdue").count() == 1
    assert set(ReportReminder.objects.values_list("unit__code", "kind")) == {
        ("syt", "due_soon"), ("vpubnd", "due_soon"), ("syt", "overdue"), ("vpubnd", "overdue")}


def test_a_report_sent_after_the_reminder_stops_the_overdue_flag(org, monthly_only):
    services.remind_periodic_reports(now=dt.datetime(2026, 3, 4, 7, 30, tzinfo=LOCAL_TZ))
    for code, user in (("stp", org.cv_stp), ("syt", org.cv_syt), ("vpubnd", org.cv_vp)):
        services.submit_periodic_report(org.units[code], user, period_kind="month", year=2026, month=2, content="Báo cáo tháng 2")
    assert services.remind_periodic_reports(now=dt.datetime(2026, 3, 5, 7, 30, tzinfo=LOCAL_TZ)) == (0, 0)


def test_a_quarters_and_a_years_report_are_chased_too(org):
    """In early April 2026 the first quarter's report is due (3 working days after 1 April), with March's; 2025's is long overdue."""
    q1_due = services.report_due("quarter", 2026, quarter=1)
    assert q1_due == get_calendar().due(dt.datetime(2026, 4, 1, tzinfo=LOCAL_TZ), 3)
    services.remind_periodic_reports(now=q1_due - dt.timedelta(hours=2))
    assert set(ReportReminder.objects.filter(unit__code="syt").values_list("period_kind", "month", "quarter", "year", "kind")) == {
        ("month", 3, 0, 2026, "due_soon"), ("quarter", 0, 1, 2026, "due_soon"), ("year", 0, 0, 2025, "overdue")}


def test_the_beat_task_runs_both_reminders(org):
    result = tasks.remind_reports.apply().get()
    assert set(result) == {"tasks", "periodic_reports"}
