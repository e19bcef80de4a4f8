"""App. VII's report deadlines, one row per period, walked over HTTP (issue 13, "Done means").

The reference (002, Thừa Thiên Huế 2016, App. VII; Art. 5 for the week, quarter and ad-hoc periods) says only
"Định kỳ, đến kỳ báo cáo": it counts no days. The software's rule (intranet/programs/services.py):
a week's report by the close of the first working day after the week (the Monday briefing), a month's,
quarter's or year's 3 working days after the period ends, an ad-hoc one by the close of the day the request
names (the next working day's when that day is off). Both the unit's regular report (App. VII.II.1) and the
result report on an issued province programme (App. VII.I.3) are due so. The other procedures' tables:
tests/intranet/cases/test_deadline_table.py (QT-05, App. IV–VI) and tests/intranet/moderation/test_deadline_table.py
(QT-07, App. II's board rule, App. IV's digest).
"""

import datetime as dt

import pytest

from intranet.programs import services
from intranet.programs.models import PeriodicReport, ProvinceProgram
from intranet.workdays.calendar import LOCAL_TZ, get_calendar

pytestmark = pytest.mark.django_db


def at(day: str, clock: str = "17:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=LOCAL_TZ)


# (period as the form posts it, the reference's wording, the software's rule, the deadline it must give)
TABLE = [
    ({"period_kind": "week", "year": 2026, "week": 12}, "Art. 5 tuần – đến kỳ báo cáo", "1 ngày làm việc sau tuần 16–22/3",
     at("2026-03-23")),
    ({"period_kind": "month", "year": 2026, "month": 3}, "VII.II.1 tháng – đến kỳ báo cáo", "3 ngày làm việc từ 01/4", at("2026-04-03")),
    # 30/4 and 1/5 are public holidays: Monday 4 to Wednesday 6 May.
    ({"period_kind": "month", "year": 2026, "month": 4}, "VII.II.1 tháng – đến kỳ báo cáo", "3 ngày làm việc từ 01/5 (lễ)",
     at("2026-05-06")),
    ({"period_kind": "quarter", "year": 2026, "quarter": 1}, "Art. 5 quý – đến kỳ báo cáo", "3 ngày làm việc từ 01/4", at("2026-04-03")),
    # 1/1 is New Year's Day: Friday 2, Monday 5, Tuesday 6 January.
    ({"period_kind": "year", "year": 2025}, "VII.II.1 năm – đến kỳ báo cáo", "3 ngày làm việc từ 01/01/2026 (lễ)", at("2026-01-06")),
    ({"period_kind": "adhoc", "year": 2026, "title": "Bão số 5", "due_on": "2026-09-18"}, "Art. 5 đột xuất – theo yêu cầu",
     "hết giờ làm việc ngày được yêu cầu", at("2026-09-18")),
    ({"period_kind": "adhoc", "year": 2026, "title": "Bão số 6", "due_on": "2026-09-19"}, "Art. 5 đột xuất – theo yêu cầu",
     "ngày yêu cầu là thứ Bảy: hết giờ thứ Hai", at("2026-09-21")),
]
IDS = [f"{row[0]['period_kind']} {row[2]}" for row in TABLE]


@pytest.mark.parametrize(("period", "wording", "rule", "deadline"), TABLE, ids=IDS)
def test_a_units_regular_report_is_due_as_the_table_says(client, org, period, wording, rule, deadline):
    client.force_login(org.cv_stp)
    response = client.post("/bao-cao-cong-tac/gui/", {"unit": org.units["stp"].pk, "content": "Báo cáo kỳ", **period})
    assert response.status_code == 302, wording
    assert PeriodicReport.objects.get().due_at == deadline, rule


@pytest.mark.parametrize(("period", "wording", "rule", "deadline"), TABLE, ids=IDS)
def test_an_issued_programmes_result_report_is_due_as_the_table_says(client, org, period, wording, rule, deadline):
    client.force_login(org.cv_stp)
    assert client.post("/chuong-trinh-cong-tac/dang-ky/", {"unit": org.units["stp"].pk, "items": "Nhiệm vụ kỳ", **period}).status_code == 302
    fields = {**period, "due_on": dt.date.fromisoformat(period["due_on"]) if "due_on" in period else None}
    program = services.draft_program(item_ids=list(org.units["stp"].program_registrations.get().items.values_list("pk", flat=True)), **fields)
    client.force_login(org.cv_vp)
    client.post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/trinh/")
    client.force_login(org.chutich)
    client.post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/ban-hanh/")
    program = ProvinceProgram.objects.get()
    assert program.is_issued and program.report_due_at == deadline, rule
    # And on the unit's desk with that deadline.
    client.force_login(org.cv_stp)
    assert deadline.strftime("%d/%m/%Y") in client.get("/chuong-trinh-cong-tac/").text


def test_the_rule_is_the_working_day_calendar_not_a_fixed_date():
    """A day off the administrator adds moves the deadline (one row, recomputed through the calendar)."""
    from intranet.workdays.models import CalendarDay

    CalendarDay.objects.create(date=dt.date(2026, 4, 2), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")
    assert services.report_due("month", 2026, 3) == get_calendar().due(at("2026-04-01", "00:00"), 3) == at("2026-04-06")
