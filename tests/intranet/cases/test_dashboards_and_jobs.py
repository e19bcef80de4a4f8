"""Dashboards, XLSX export, the desk's work list, beat jobs, and constant query counts."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from intranet.cases import services
from intranet.cases.desk import open_work
from intranet.cases.models import Case
from intranet.jobs.schedule import SCHEDULE
from intranet.notifications.models import Notification
from tests.factories.cases import to_office

from .helpers import HOST

pytestmark = pytest.mark.django_db
HCM = services.LOCAL_TZ
LONG_AGO = dt.datetime(2026, 1, 5, 9, 0, tzinfo=HCM)


def question(n=0, *, now=None):
    case = services.submit_question(name=f"Dân {n}", phone="0905123456", email="", address="", field="khac",
                                    title=f"Câu hỏi {n}", question="Nội dung câu hỏi đủ dài để gửi đi.")
    if now:
        Case.objects.filter(pk=case.pk).update(created_at=now)
    return case


def to_agency(world, case, *, now=None, hard=False):
    to_office(world, case, now=now)
    services.perform(case, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist), now=now)
    return services.perform(case, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice, hard=hard), now=now)


def answered(world, case, *, assigned_at, approved_at):
    to_agency(world, case, now=assigned_at)
    services.perform(case, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist), now=assigned_at)
    services.perform(case, world.justice_specialist, "submit_draft", services.ActionInput(answer="Trả lời"), now=assigned_at)
    return services.perform(case, world.justice_leader, "approve", now=approved_at)


def test_timeliness_counts_early_on_time_late_and_overdue(client, world):
    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM)  # due Monday 9 March 09:00
    answered(world, question(1), assigned_at=monday, approved_at=dt.datetime(2026, 3, 4, 9, 0, tzinfo=HCM))  # early
    answered(world, question(2), assigned_at=monday, approved_at=dt.datetime(2026, 3, 9, 8, 0, tzinfo=HCM))  # on time
    answered(world, question(3), assigned_at=monday, approved_at=dt.datetime(2026, 3, 10, 8, 0, tzinfo=HCM))  # late
    to_agency(world, question(4), now=LONG_AGO)  # overdue
    to_agency(world, question(5))  # in time

    client.force_login(world.justice_leader)
    response = client.get("/ho-so/thong-ke/", {"pham-vi": world.justice.pk, "loai": "question"}, **HOST)
    counts = response.context["board"].totals
    assert (counts["early"], counts["on_time"], counts["late"], counts["overdue"], counts["in_time"]) == (1, 1, 1, 1, 1)
    assert counts["total"] == 5 and counts["open"] == 5  # answered ones still await the office's review

    export = client.get("/ho-so/thong-ke/", {"pham-vi": world.justice.pk, "xuat": "xlsx"}, **HOST)
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Cơ quan xử lý", "Tổng số")
    assert rows[-1][:2] == ("Tổng cộng", 5)


def test_a_leader_sees_only_their_units_on_the_dashboard(client, world):
    to_agency(world, question(1))
    client.force_login(world.justice_leader)
    assert client.get("/ho-so/thong-ke/", {"pham-vi": world.health.pk}, **HOST).status_code == 403
    client.force_login(world.chair)  # the province leader leads every unit below
    assert client.get("/ho-so/thong-ke/", {"pham-vi": world.justice.pk}, **HOST).context["board"].totals["total"] == 1
    client.force_login(world.justice_specialist)
    assert client.get("/ho-so/thong-ke/", **HOST).context["board"].totals["total"] == 0


def test_overdue_cases_alert_the_holder_and_the_leader_once_a_day(world):
    to_agency(world, question(1), now=LONG_AGO)
    now = dt.datetime(2026, 3, 2, 8, 0, tzinfo=HCM)
    assert services.alert_overdue(now=now) == 1
    assert Notification.objects.filter(kind="case_overdue", recipient=world.justice_leader).count() == 1
    assert services.alert_overdue(now=now + dt.timedelta(hours=2)) == 0
    assert services.alert_overdue(now=dt.datetime(2026, 3, 7, 8, 0, tzinfo=HCM)) == 0  # Saturday


def test_the_beat_schedule_runs_the_case_jobs_at_the_regulations_times():
    times = {name: (task.rsplit(".", 1)[1], crontab.get("hour"), crontab.get("minute")) for name, (task, crontab, _d) in SCHEDULE.items()}
    assert times["cases-receive-questions"] == ("receive_new_questions", "10,16", "0")
    assert times["cases-remind-office-leaders"] == ("remind_office_leaders", "7", "30")
    assert times["cases-remind-office-leaders-afternoon"] == ("remind_office_leaders", "14", "0")
    assert times["cases-press-digest-reminder"] == ("remind_press_digest", "10", "0")
    assert times["cases-press-digest-overdue"] == ("flag_missing_press_digest", "11", "0")
    assert times["cases-overdue-alerts"][0] == "alert_overdue_cases"


def test_the_desk_lists_the_cases_waiting_for_me(world):
    case = to_agency(world, question(1))
    items = open_work(world.justice_leader)
    assert [(item.url, item.step) for item in items] == [(case.get_absolute_url(), "Lãnh đạo cơ quan giao chuyên viên xử lý")]
    assert open_work(world.justice_specialist) == []


def _queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_pages_cost_the_same_number_of_queries_with_more_cases(client, world):
    def pages():
        code = Case.objects.first().code
        client.force_login(world.justice_leader)
        counts = {
            "list": _queries(lambda: client.get("/ho-so/", **HOST)),
            "dashboard": _queries(lambda: client.get("/ho-so/thong-ke/", {"pham-vi": world.justice.pk}, **HOST)),
            "desk": _queries(lambda: open_work(world.justice_leader)),
        }
        client.logout()
        counts["lookup"] = _queries(lambda: client.get("/tra-cuu/", {"ma": code}, **HOST))
        counts["answers"] = _queries(lambda: client.get("/hoi-dap/", **HOST))
        return counts

    to_agency(world, question(0))
    first = answered(world, question(1), assigned_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM),
                     approved_at=dt.datetime(2026, 3, 4, 9, 0, tzinfo=HCM))
    services.perform(first, world.office_specialist, "publish")
    pages()  # first visit: Wagtail creates the user's profile once
    few = pages()
    for n in range(2, 14):
        case = answered(world, question(n), assigned_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM),
                        approved_at=dt.datetime(2026, 3, 4, 9, 0, tzinfo=HCM))
        services.perform(case, world.office_specialist, "publish")
    assert Case.objects.published().count() == 13
    many = pages()
    assert many == few
    assert few["desk"] <= 2 and few["lookup"] <= 6


def test_the_desk_page_shows_my_cases_and_todays_press_digest(client, world):
    from django.utils import timezone

    case = to_agency(world, question(1))
    services.post_press_digest(world.board, date=timezone.localdate(), title="Điểm tin hôm nay",
                               items=[{"title": "Ô nhiễm sông An Cựu", "source": "Báo Thanh Niên", "url": "https://thanhnien.vn/a", "summary": "T"}])
    client.force_login(world.justice_leader)
    body = client.get("/ban-lam-viec/", **HOST).content.decode()
    assert case.get_absolute_url() in body
    assert "Ô nhiễm sông An Cựu" in body
