"""Each officer graded on their own work (Khánh Hòa Art. 9.2.d): the per-officer table against hand-counted work.

The fixture (``graded``) places, in Sở Tư pháp and around it, work whose standing is known by hand:

Đặng Ngọc Soạn Thảo (justice specialist): early 2 (a step finished two days before its due day; the whole case
she is the main handler of, answered a day before its deadline), on time 1, late 1, overdue 1, open in time 2
(one due tomorrow, one overdue on paper but waiting for the citizen: paused). A step she finished 60 days ago
is outside the period; a step of the same case now held by the office is the office's, not Sở Tư pháp's.
Bùi Minh Phối Hợp (second specialist): late 1 (a directory update), on time 1 (a periodic report).
The unit's queue: overdue 1 (an open case nobody was given yet). Sở Y tế's late step is not counted.
"""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from intranet.cases.models import Case, CaseStep
from intranet.directory.models import DirectoryChange
from intranet.grading import periods, report
from intranet.programs.models import PeriodicReport
from intranet.workdays.calendar import LOCAL_TZ, Status, grade, grade_conditions
from tests.factories.cases import case_world, person

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}
_codes = iter(range(10_000))


def _case(world, *, unit, holder=None, step_due=None, due=None, done=None, main=None, waiting=False, title="Hồ sơ") -> Case:
    now = timezone.now()
    return Case.objects.create(
        kind="question", code=f"HD-2026-T{next(_codes):04d}", title=title, body="Nội dung", step="drafting", unit=unit, agency=unit,
        holder=holder, step_due_at=step_due, due_at=due, done_at=done, main_handler=main, step_started_at=now - dt.timedelta(days=1),
        waiting_since=now if waiting else None,
    )


def _step(case, officer, *, due, done, unit=None) -> CaseStep:
    return CaseStep.objects.create(case=case, kind=case.kind, step="drafting", unit=unit or case.unit, officer=officer,
                                   started_at=due - dt.timedelta(days=3), due_at=due, done_at=done, action="submit")


def _same_day(days_ago: int, hour: int) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, 0), LOCAL_TZ)


@pytest.fixture
def graded(db) -> SimpleNamespace:
    world = case_world()
    now = timezone.now()
    a, b = world.justice_specialist, world.justice_specialist2
    justice = world.justice
    done_case = _case(world, unit=justice, title="Hồ sơ đã xử lý")
    _step(done_case, a, due=now - dt.timedelta(days=2), done=now - dt.timedelta(days=5))  # early
    _step(done_case, a, due=_same_day(3, 16), done=_same_day(3, 9))  # on time: same day, before the due hour
    _step(done_case, a, due=now - dt.timedelta(days=5), done=now - dt.timedelta(days=4))  # late
    _step(done_case, a, due=now - dt.timedelta(days=62), done=now - dt.timedelta(days=60))  # outside the period
    _case(world, unit=justice, holder=a, step_due=now - dt.timedelta(hours=1), title="Hồ sơ quá hạn của chị Thảo")  # overdue
    _case(world, unit=justice, holder=a, step_due=now + dt.timedelta(days=1))  # open, in time
    _case(world, unit=justice, holder=a, step_due=now - dt.timedelta(days=1), waiting=True)  # paused: open, in time
    # Answered a day before its deadline, now at the office's review: the whole case is early, for Sở Tư pháp and its main handler.
    answered = _case(world, unit=justice, main=a, due=now + dt.timedelta(days=2), done=now - dt.timedelta(days=1))
    Case.objects.filter(pk=answered.pk).update(unit=world.office, holder=world.office_specialist, step="office_review",
                                               step_due_at=now + dt.timedelta(days=1))
    _case(world, unit=justice, step_due=now - dt.timedelta(hours=2), title="Hồ sơ chưa giao")  # the unit's queue: overdue
    change = DirectoryChange.objects.create(unit=justice, kind=DirectoryChange.Kind.UPDATED, event_date=timezone.localdate(),
                                            due_at=now - dt.timedelta(days=3), recorded_by=b)
    DirectoryChange.objects.filter(pk=change.pk).update(recorded_at=now - dt.timedelta(days=1))  # late
    PeriodicReport.objects.create(unit=justice, year=now.year, month=now.month, content="Báo cáo", due_at=_same_day(3, 16),
                                  submitted_at=_same_day(3, 9), submitted_by=b)  # on time
    _step(_case(world, unit=world.health), world.health_specialist, due=now - dt.timedelta(days=5), done=now - dt.timedelta(days=4))
    today = timezone.localdate()
    period = f"ky=tuy-chon&tu={today - dt.timedelta(days=30):%Y-%m-%d}&den={today + dt.timedelta(days=30):%Y-%m-%d}"
    return SimpleNamespace(world=world, a=a, b=b, period=period)


def _counts(response, officer) -> dict:
    body = response.content.decode()
    start = body.index(f'data-officer="{officer}"')
    row = body[start:body.index("</tr>", start)]
    counts = {}
    for code in [*report.COLUMNS, "total"]:
        cell = row[row.index(f'data-count="{code}">') + len(f'data-count="{code}">'):]
        counts[code] = int(cell.split("<")[0] if not cell.startswith("<a") else cell.split(">")[1].split("<")[0])
    return counts


def test_the_leader_sees_each_officer_graded_on_their_own_work_as_counted_by_hand(client, graded):
    client.force_login(graded.world.justice_leader)
    response = client.get(f"/danh-gia/don-vi/{graded.world.justice.pk}/?{graded.period}", **HOST)
    assert response.status_code == 200
    assert _counts(response, graded.a.pk) == {"early": 2, "on_time": 1, "late": 1, "overdue": 1, "in_time": 2, "total": 7}
    assert _counts(response, graded.b.pk) == {"early": 0, "on_time": 1, "late": 1, "overdue": 0, "in_time": 0, "total": 2}
    assert _counts(response, "chua-giao") == {"early": 0, "on_time": 0, "late": 0, "overdue": 1, "in_time": 0, "total": 1}
    assert _counts(response, graded.world.justice_leader.pk)["total"] == 0
    body = response.content.decode()
    assert graded.world.health_specialist.get_full_name() not in body  # another department's officer
    assert "Đặng Ngọc Soạn Thảo" in body and "Chuyên viên – Sở Tư pháp" in body  # family name first, position, unit


def test_each_number_opens_the_list_of_those_items(client, graded):
    client.force_login(graded.world.justice_leader)
    url = f"/danh-gia/don-vi/{graded.world.justice.pk}/cong-viec/?{graded.period}&can-bo={graded.a.pk}&muc=overdue"
    body = client.get(url, **HOST).content.decode()
    assert body.count("data-item=") == 1 and "Hồ sơ quá hạn của chị Thảo" in body
    early = client.get(url.replace("muc=overdue", "muc=early"), **HOST).content.decode()
    assert early.count("data-item=") == 2 and "Hồ sơ (toàn bộ thời hạn)" in early
    queue = client.get(url.replace(f"can-bo={graded.a.pk}", "can-bo=chua-giao"), **HOST).content.decode()
    assert "Hồ sơ chưa giao" in queue and queue.count("data-item=") == 1


def test_the_table_links_each_number_and_draws_an_accessible_svg_chart(client, graded):
    client.force_login(graded.world.justice_leader)
    body = client.get(f"/danh-gia/don-vi/{graded.world.justice.pk}/?{graded.period}", **HOST).content.decode()
    assert f"can-bo={graded.a.pk}&amp;muc=late" in body
    assert '<svg class="chart-svg"' in body and 'role="img"' in body and "<desc" in body
    assert "Đặng Ngọc Soạn Thảo: Trễ hạn 1" in body  # each bar segment's own title
    assert "<progress" not in body


def test_a_period_holds_work_finished_in_it_and_open_work_due_in_it(client, graded):
    client.force_login(graded.world.justice_leader)
    today = timezone.localdate()
    old = f"ky=tuy-chon&tu={today - dt.timedelta(days=61):%Y-%m-%d}&den={today - dt.timedelta(days=59):%Y-%m-%d}"
    response = client.get(f"/danh-gia/don-vi/{graded.world.justice.pk}/?{old}", **HOST)
    # Only the step she finished late 60 days ago; none of today's work.
    assert _counts(response, graded.a.pk) == {"early": 0, "on_time": 0, "late": 1, "overdue": 0, "in_time": 0, "total": 1}


def test_the_workbook_has_sheets_per_officer_step_unit_and_the_items(client, graded):
    client.force_login(graded.world.justice_leader)
    response = client.get(f"/danh-gia/don-vi/{graded.world.justice.pk}/xlsx/?{graded.period}", **HOST)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Theo cán bộ", "Theo bước", "Theo đơn vị", "Danh sách công việc"]
    officers = {row[0]: row[2:8] for row in book["Theo cán bộ"].iter_rows(min_row=3, values_only=True)}
    assert officers["Đặng Ngọc Soạn Thảo"] == (2, 1, 1, 1, 2, 7)
    units = {row[0]: row[1:7] for row in book["Theo đơn vị"].iter_rows(min_row=3, values_only=True)}
    assert units == {"Sở Tư pháp": (2, 2, 2, 2, 2, 10)}
    items = list(book["Danh sách công việc"].iter_rows(min_row=3, values_only=True))
    assert len(items) == 10 and any(row[4] == "Bùi Minh Phối Hợp" and row[7] == "Trễ hạn" for row in items)


def test_an_officer_prints_their_own_evaluation_sheet_for_six_months_or_a_year(client, graded):
    client.force_login(graded.a)
    today = timezone.localdate()
    body = client.get(f"/danh-gia/can-bo/{graded.a.pk}/?ky=tuy-chon&tu={today - dt.timedelta(days=30):%Y-%m-%d}"
                      f"&den={today + dt.timedelta(days=30):%Y-%m-%d}", **HOST).content.decode()
    assert "PHIẾU ĐÁNH GIÁ KẾT QUẢ XỬ LÝ CÔNG VIỆC" in body and "data-print" in body
    assert 'data-count="total">7<' in body and 'data-count="early">2<' in body
    assert "Hồ sơ quá hạn của chị Thảo" in body  # the overdue work is listed for the review
    half = client.get(f"/danh-gia/can-bo/{graded.a.pk}/", **HOST).content.decode()
    assert ("6 tháng đầu năm" in half) or ("6 tháng cuối năm" in half)
    assert "Năm " in client.get(f"/danh-gia/can-bo/{graded.a.pk}/?ky=nam&nam={today.year}&so=1", **HOST).content.decode()


def test_a_leader_reads_the_count_of_work_done_elsewhere_but_not_its_title(client, graded):
    """She worked a case of Sở Y tế late (before a transfer, say): it counts on her sheet, but Sở Tư pháp's
    leader reads only "Công việc tại Sở Y tế", while she and the system administrator read its title."""
    world = graded.world
    now = timezone.now()
    elsewhere = _case(world, unit=world.health, title="Hồ sơ nội bộ của Sở Y tế")
    _step(elsewhere, graded.a, due=now - dt.timedelta(days=5), done=now - dt.timedelta(days=4))
    url = f"/danh-gia/can-bo/{graded.a.pk}/?{graded.period}"
    client.force_login(world.justice_leader)
    body = client.get(url, **HOST).content.decode()
    assert 'data-count="total">8<' in body and 'data-count="late">2<' in body
    assert "Hồ sơ nội bộ của Sở Y tế" not in body and elsewhere.code not in body
    assert f"Công việc tại {world.health.name}" in body
    assert "Hồ sơ quá hạn của chị Thảo" in body  # her own unit's work keeps its title
    client.force_login(graded.a)
    assert "Hồ sơ nội bộ của Sở Y tế" in client.get(url, **HOST).content.decode()


def test_grading_pages_are_refused_outside_the_leaders_units(client, graded):
    world = graded.world
    client.force_login(world.justice_specialist)
    assert client.get(f"/danh-gia/don-vi/{world.justice.pk}/", **HOST).status_code == 403
    assert client.get(f"/danh-gia/can-bo/{graded.b.pk}/", **HOST).status_code == 403  # a colleague's sheet
    client.force_login(world.justice_leader)
    for url in (f"/danh-gia/don-vi/{world.health.pk}/", f"/danh-gia/don-vi/{world.health.pk}/cong-viec/",
                f"/danh-gia/don-vi/{world.health.pk}/xlsx/", f"/danh-gia/can-bo/{world.health_specialist.pk}/"):
        assert client.get(url, **HOST).status_code == 403, url
    assert client.get(f"/danh-gia/can-bo/{graded.b.pk}/", **HOST).status_code == 200
    client.force_login(world.chair)  # the province's leader sees every department below
    assert client.get(f"/danh-gia/don-vi/{world.health.pk}/", **HOST).status_code == 200
    assert client.get("/danh-gia/", **HOST)["Location"] == f"/danh-gia/don-vi/{world.province.pk}/"


def test_the_engine_records_each_step_for_whoever_passed_it_on(client, graded):
    world = graded.world
    client.force_login(world.ward_specialist)
    client.post("/ho-so/su-co-cntt/bao-cao/", {"title": "Máy in hỏng", "body": "Kẹt giấy liên tục ở tầng 2."}, **HOST)
    case = Case.objects.get(kind="it")
    due = case.step_due_at
    client.force_login(world.ward_it)
    payload = {"classify-extra_category": "Thiết bị ngoại vi (máy in, máy quét)", "classify-extra_severity": "Trung bình"}
    assert client.post(f"/ho-so/{case.code}/xu-ly/classify/", payload, **HOST).status_code == 302
    step = CaseStep.objects.get(case=case)
    assert (step.step, step.officer, step.unit, step.due_at) == ("classify", world.ward_it, world.ward, due)
    assert step.timeliness == grade(due, step.done_at)


@pytest.mark.parametrize("size", [2, 20])
def test_the_table_and_the_workbook_cost_the_same_queries_at_any_size(client, graded, size, django_assert_max_num_queries):
    world = graded.world
    now = timezone.now()
    for n in range(size):
        officer = person(world.justice, "specialist", f"them_{size}_{n}", full_name=f"Nguyễn Văn Thêm {n}")
        case = _case(world, unit=world.justice, holder=officer, step_due=now + dt.timedelta(hours=n - 5), main=officer,
                     due=now + dt.timedelta(days=1))
        _step(case, officer, due=now - dt.timedelta(hours=n), done=now - dt.timedelta(hours=2 * n))
    client.force_login(world.justice_leader)
    client.get(f"/danh-gia/can-bo/{graded.a.pk}/", **HOST)  # the site's menu and footer, built once and cached (portal/home/menu.py)
    with django_assert_max_num_queries(19):
        assert client.get(f"/danh-gia/don-vi/{world.justice.pk}/?{graded.period}", **HOST).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/danh-gia/don-vi/{world.justice.pk}/xlsx/?{graded.period}", **HOST).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(f"/danh-gia/can-bo/{graded.a.pk}/", **HOST).status_code == 200


def test_the_database_and_python_give_the_same_five_answers_at_the_edges(graded):
    due = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=3), dt.time(16, 0), LOCAL_TZ)
    now = timezone.now()
    finishes = [due, due + dt.timedelta(seconds=1), due.replace(hour=0, minute=1), due.replace(hour=0) - dt.timedelta(minutes=1), None]
    case = _case(graded.world, unit=graded.world.ward)
    steps = [_step(case, graded.a, due=due, done=done or now, unit=graded.world.ward) for done in finishes[:4]]
    expected = [Status.ON_TIME, Status.LATE, Status.ON_TIME, Status.EARLY]
    assert [grade(step.due_at, step.done_at) for step in steps] == expected
    conditions = grade_conditions("due_at", "done_at", now)
    in_sql = {code: set(CaseStep.objects.filter(conditions[code], pk__in=[s.pk for s in steps]).values_list("pk", flat=True))
              for code in conditions}
    assert [next(code for code, pks in in_sql.items() if step.pk in pks) for step in steps] == expected


def test_presets_cover_month_quarter_six_months_and_year():
    assert (periods.preset("thang", 2028, 2).start, periods.preset("thang", 2028, 2).end) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert (periods.preset("quy", 2026, 4).start, periods.preset("quy", 2026, 4).end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert periods.preset("6-thang", 2026, 2).start == dt.date(2026, 7, 1)
    assert periods.preset("6-thang", 2026, 1).label == "6 tháng đầu năm 2026"
    assert (periods.preset("nam", 2026, 1).start, periods.preset("nam", 2026, 1).end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert periods.from_query({"ky": "quy"}, today=dt.date(2026, 5, 9)).label == "Quý II/2026"


def test_the_case_dashboard_takes_periods_by_completion_and_due_date(client, graded):
    from intranet.cases.models import CaseUnit

    world, now, today = graded.world, timezone.now(), timezone.localdate()
    received_long_ago = _case(world, unit=world.justice, due=now - dt.timedelta(days=1), done=now - dt.timedelta(days=1))
    due_next_year = _case(world, unit=world.justice, due=now + dt.timedelta(days=400))
    Case.objects.filter(pk__in=[received_long_ago.pk, due_next_year.pk]).update(created_at=now - dt.timedelta(days=400))
    CaseUnit.objects.bulk_create([CaseUnit(case=received_long_ago, unit=world.justice), CaseUnit(case=due_next_year, unit=world.justice)])
    client.force_login(world.justice_leader)
    body = client.get(f"/ho-so/thong-ke/?pham-vi={world.justice.pk}&tu={today - dt.timedelta(days=3):%Y-%m-%d}"
                      f"&den={today + dt.timedelta(days=3):%Y-%m-%d}", **HOST).content.decode()
    assert 'data-count="total">1<' in body  # answered in the period, though received 400 days ago
    assert f"/danh-gia/don-vi/{world.justice.pk}/" in body
    assert client.get(f"/ho-so/thong-ke/?pham-vi={world.justice.pk}&ky=quy", **HOST).status_code == 200


def test_board_entries_and_program_tasks_count_for_whoever_holds_them(client, graded):
    from intranet.programs.models import ProgramTask, ProvinceProgram
    from tests.factories.boards import BoardFactory

    world, now = graded.world, timezone.now()
    # App. II 1: entered, not published, its 2 working days long past: overdue for the officer who entered it.
    BoardFactory(standing_unit=world.justice, created_by=graded.b, live=False, decision_date=timezone.localdate() - dt.timedelta(days=8))
    program = ProvinceProgram.objects.create(period_kind="month", year=now.year, month=now.month, status=ProvinceProgram.Status.ISSUED,
                                             issued_at=now, report_due_at=now + dt.timedelta(days=10))
    ProgramTask.objects.create(program=program, unit=world.justice, title="Nhiệm vụ tháng", assignee=graded.b)  # open, in time
    client.force_login(world.justice_leader)
    response = client.get(f"/danh-gia/don-vi/{world.justice.pk}/?{graded.period}", **HOST)
    assert _counts(response, graded.b.pk) == {"early": 0, "on_time": 1, "late": 1, "overdue": 1, "in_time": 1, "total": 4}
    boards = client.get(f"/danh-gia/don-vi/{world.justice.pk}/?{graded.period}&loai=board", **HOST)
    assert _counts(boards, graded.b.pk) == {"early": 0, "on_time": 0, "late": 0, "overdue": 1, "in_time": 0, "total": 1}


def test_a_qt07_item_is_graded_on_its_two_day_total_for_its_unit_and_the_leader_who_decided(client, graded):
    from intranet.moderation.models import ModerationItem
    from tests.factories.moderation import desk, submitted
    from tests.factories.units import unit_with_site

    world, now = graded.world, timezone.now()
    ward = unit_with_site(world.province, code="phuonggrade", name="Phường Chấm Điểm")
    people = desk(ward)
    late, in_time = submitted(ward, "Tin đăng trễ"), submitted(ward, "Tin đang chờ")
    ModerationItem.objects.filter(pk=late.pk).update(  # decided and published a day after its 2 working days ran out
        due_at=now - dt.timedelta(days=2), closed_at=now - dt.timedelta(days=1), signed_by=people.leader,
        outcome=ModerationItem.Outcome.PUBLISHED)
    ModerationItem.objects.filter(pk=in_time.pk).update(due_at=now + dt.timedelta(days=1))
    client.force_login(world.chair)
    whole = client.get(f"/danh-gia/don-vi/{ward.pk}/?{graded.period}&loai=qt07_item", **HOST)
    assert _counts(whole, people.leader.pk) == {"early": 0, "on_time": 0, "late": 1, "overdue": 0, "in_time": 0, "total": 1}
    assert _counts(whole, "chua-giao")["in_time"] == 1
    assert "Tin, bài QT-07 (toàn quy trình 2 ngày)" in whole.content.decode()
