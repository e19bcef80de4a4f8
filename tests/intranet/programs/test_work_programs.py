"""App. VII from registration to the aggregated report, through HTTP, with what other units must not see."""

import datetime as dt
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.notifications.models import Notification
from intranet.programs import services
from intranet.programs.models import PeriodicReport, ProgramTask, ProvinceProgram, RegistrationItem
from intranet.workdays.calendar import LOCAL_TZ, Status, get_calendar
from tests.factories import UserFactory, unit_with_site

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def _register(client, user, unit, items, month):
    today = timezone.localdate()
    return _as(client, user).post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": unit.pk, "period_kind": "month", "year": today.year, "month": month, "items": "\n".join(items),
    })


def test_a_work_program_from_registration_to_the_aggregated_report(client, org):
    today = timezone.localdate()
    stp, syt = org.units["stp"], org.units["syt"]
    # 1. Units register their month's program.
    assert _register(client, org.cv_stp, stp, ["Rà soát văn bản quy phạm pháp luật", "Tập huấn hộ tịch"], today.month).status_code == 302
    assert _register(client, org.cv_syt, syt, ["Tiêm chủng mở rộng"], today.month).status_code == 302
    # A unit's officer may not aggregate.
    assert _as(client, org.cv_stp).get("/chuong-trinh-cong-tac/tong-hop/").status_code == 403
    # 2. The province office sees them aggregated and drafts the province's program from two of them.
    query = f"?ky=month&nam={today.year}&thang={today.month}"
    page = _as(client, org.cv_vp).get(f"/chuong-trinh-cong-tac/tong-hop/{query}").content.decode()
    assert "Rà soát văn bản quy phạm pháp luật" in page and "Tiêm chủng mở rộng" in page
    items = {t.title: t.pk for t in RegistrationItem.objects.all()}
    response = client.post(f"/chuong-trinh-cong-tac/tong-hop/{query}", {"item": [items["Rà soát văn bản quy phạm pháp luật"], items["Tiêm chủng mở rộng"]]})
    program = ProvinceProgram.objects.get()
    assert response["Location"] == f"/chuong-trinh-cong-tac/tinh/{program.pk}/"
    # A draft is the office's own business.
    assert _as(client, org.cv_stp).get(f"/chuong-trinh-cong-tac/tinh/{program.pk}/").status_code == 404
    assert "Rà soát văn bản" not in client.get("/ban-lam-viec/").content.decode()
    # 3. The office submits it; an office specialist cannot issue it, a province leader does ("trình UBND tỉnh ban hành").
    assert _as(client, org.cv_vp).post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/ban-hanh/", {"number": "01/CTr-UBND"}).status_code == 403
    assert _as(client, org.cv_stp).post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/trinh/").status_code == 403
    _as(client, org.cv_vp).post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/trinh/")
    program.refresh_from_db()
    assert program.status == ProvinceProgram.Status.SUBMITTED and Notification.objects.filter(recipient=org.chutich).exists()
    leader_page = _as(client, org.chutich).get(f"/chuong-trinh-cong-tac/tinh/{program.pk}/").text
    assert "Đã trình UBND tỉnh ban hành" in leader_page and "Ban hành" in leader_page
    # Issued: the tasks reach the units' desks, with the report due by the working-day calendar.
    _as(client, org.chutich).post(f"/chuong-trinh-cong-tac/tinh/{program.pk}/ban-hanh/", {"number": "01/CTr-UBND"})
    program.refresh_from_db()
    assert program.issued_by == org.chutich
    assert program.is_issued
    month_end = dt.datetime.combine(program.period_end(), dt.time.min, LOCAL_TZ)
    assert program.report_due_at == get_calendar().due(month_end, 3)
    assert Notification.objects.filter(recipient=org.cv_stp, kind="assignment").exists()
    stp_desk = _as(client, org.cv_stp).get("/ban-lam-viec/").content.decode()
    assert "Rà soát văn bản quy phạm pháp luật" in stp_desk and "Tiêm chủng mở rộng" not in stp_desk
    assert "Tập huấn hộ tịch" not in stp_desk  # registered but not picked
    syt_desk = _as(client, org.cv_syt).get("/ban-lam-viec/").content.decode()
    assert "Tiêm chủng mở rộng" in syt_desk and "Rà soát văn bản" not in syt_desk
    # Another unit's task cannot be reported on, or even seen.
    stp_task = ProgramTask.objects.get(unit=stp)
    assert _as(client, org.cv_syt).get(f"/chuong-trinh-cong-tac/nhiem-vu/{stp_task.pk}/").status_code == 404
    # 4. The unit reports its result; the task leaves its desk.
    response = _as(client, org.cv_stp).post(f"/chuong-trinh-cong-tac/nhiem-vu/{stp_task.pk}/", {"progress": "done", "result": "Đã rà soát 42 văn bản."})
    assert response.status_code == 302
    assert "Rà soát văn bản quy phạm pháp luật" not in client.get("/ban-lam-viec/").content.decode()
    # 5. The office sees the aggregated report and exports it.
    assert _as(client, org.cv_stp).get(f"/chuong-trinh-cong-tac/tinh/{program.pk}/bao-cao/").status_code == 403
    page = _as(client, org.cv_vp).get(f"/chuong-trinh-cong-tac/tinh/{program.pk}/bao-cao/").content.decode()
    assert "Đã rà soát 42 văn bản." in page
    export = client.get(f"/chuong-trinh-cong-tac/tinh/{program.pk}/bao-cao/?xuat=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Đơn vị", "Nhiệm vụ")
    by_task = {row[2]: row for row in rows[1:]}
    assert by_task["Rà soát văn bản quy phạm pháp luật"][4] == "Đã rà soát 42 văn bản."
    assert by_task["Rà soát văn bản quy phạm pháp luật"][6] in ("Sớm hạn", "Đúng hạn")
    assert by_task["Tiêm chủng mở rộng"][6] == "Trong hạn"


def test_registering_twice_for_a_period_is_refused_and_changes_nothing(client, org):
    today = timezone.localdate()
    _register(client, org.cv_stp, org.units["stp"], ["Việc một"], today.month)
    response = _register(client, org.cv_stp, org.units["stp"], ["Việc hai"], today.month)
    assert "đã đăng ký chương trình công tác kỳ này" in response.content.decode()
    assert list(org.units["stp"].program_registrations.get().items.values_list("title", flat=True)) == ["Việc một"]


def test_an_officer_cannot_register_for_another_unit(client, org):
    response = _register(client, org.cv_stp, org.units["syt"], ["Việc của Sở Y tế"], timezone.localdate().month)
    assert response.status_code == 200
    assert "Bạn không thể đăng ký, báo cáo cho đơn vị này." in response.content.decode()
    assert not org.units["syt"].program_registrations.exists()


def test_a_monthly_registration_needs_a_month(client, org):
    response = _as(client, org.cv_stp).post("/chuong-trinh-cong-tac/dang-ky/", {
        "unit": org.units["stp"].pk, "period_kind": "month", "year": 2026, "month": "", "items": "Việc một"})
    assert "Chọn tháng (từ 1 đến 12) cho kỳ tháng." in response.content.decode()


def test_regular_reports_flow_up_with_late_and_missing_units_flagged(client, org):
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1))
    _as(client, org.cv_stp).post("/bao-cao-cong-tac/gui/", {
        "unit": org.units["stp"].pk, "period_kind": "month", "year": last_month.year, "month": last_month.month,
        "content": "Báo cáo công tác tháng của Sở Tư pháp",
    })
    report = PeriodicReport.objects.get()
    assert report.due_at == services.report_due("month", last_month.year, last_month.month)
    query = f"?ky=month&nam={last_month.year}&thang={last_month.month}"
    assert _as(client, org.cv_syt).get(f"/bao-cao-cong-tac/tong-hop/{query}").status_code == 403
    page = _as(client, org.cv_vp).get(f"/bao-cao-cong-tac/tong-hop/{query}").content.decode()
    assert "Báo cáo công tác tháng của Sở Tư pháp" in page
    assert str(Status.LABELS[report.grade()]) in page  # graded early / on time / late by the calendar
    rows = list(load_workbook(BytesIO(client.get(f"/bao-cao-cong-tac/tong-hop/{query}&xuat=xlsx").content)).active.iter_rows(values_only=True))
    missing = {row[1]: row for row in rows[1:] if row[2] == "Chưa gửi báo cáo"}
    assert "Sở Y tế" in missing


def test_reminders_and_overdue_notices_go_once(org):
    today = timezone.localdate()
    program = ProvinceProgram.objects.create(period_kind="month", year=today.year, month=today.month)
    ProgramTask.objects.create(program=program, unit=org.units["stp"], title="Tập huấn hộ tịch")
    services.issue(program, org.chutich)
    program.refresh_from_db()
    just_before = get_calendar().due(program.report_due_at - dt.timedelta(hours=30), 0)
    assert services.remind(now=max(just_before, program.report_due_at - dt.timedelta(hours=2))) == (1, 0)
    assert services.remind(now=program.report_due_at - dt.timedelta(hours=1)) == (0, 0)
    after = program.report_due_at + dt.timedelta(minutes=1)
    assert services.remind(now=after) == (0, 1)
    assert services.remind(now=after) == (0, 0)
    assert Notification.objects.filter(recipient=org.cv_stp, kind="overdue").count() == 1


def test_a_day_off_added_to_the_calendar_moves_the_report_deadline_of_an_issued_programme(org):
    from intranet.workdays.models import CalendarDay

    today = timezone.localdate()
    program = ProvinceProgram.objects.create(period_kind="month", year=today.year, month=today.month)
    ProgramTask.objects.create(program=program, unit=org.units["stp"], title="Tập huấn hộ tịch")
    services.issue(program, org.chutich)
    program.refresh_from_db()
    before = program.report_due_at
    first_working_day = get_calendar().due(dt.datetime.combine(program.period_end(), dt.time.min, LOCAL_TZ), 0).date()
    CalendarDay.objects.create(date=first_working_day, kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")
    program.refresh_from_db()
    assert program.report_due_at > before
    assert program.report_due_at == get_calendar().due(dt.datetime.combine(program.period_end(), dt.time.min, LOCAL_TZ), 3)


def test_an_office_specialist_cannot_issue_the_province_programme(org):
    program = ProvinceProgram.objects.create(period_kind="month", year=2026, month=11)
    ProgramTask.objects.create(program=program, unit=org.units["stp"], title="Tập huấn hộ tịch")
    with pytest.raises(services.ProgramError):
        services.issue(program, org.cv_vp)
    program.refresh_from_db()
    assert program.status == ProvinceProgram.Status.DRAFT


def test_periodic_reports_are_graded_early_on_time_late_by_the_calendar(org):
    due = services.report_due("month", 2026, 3)
    calendar = get_calendar()
    report = PeriodicReport(unit=org.units["stp"], period_kind="month", year=2026, month=3, content="…", due_at=due)
    for submitted, grade in ((calendar.due(due - dt.timedelta(days=3), 0), Status.EARLY), (due, Status.ON_TIME),
                             (due + dt.timedelta(hours=1), Status.LATE)):
        report.submitted_at = submitted
        assert report.grade(calendar) == grade


def test_missing_reports_are_checked_at_every_level(client, org):
    """A department's leader sees which of its own sub-units have not reported; the office sees the province's units."""
    stp = org.units["stp"]
    division = unit_with_site(stp, code="stp-hcbtp", name="Phòng Hành chính tư pháp")
    other = unit_with_site(stp, code="stp-pbgdpl", name="Phòng Phổ biến giáo dục pháp luật")
    leader = UserFactory(username="lanhdao_stp")
    grant_role(leader, stp, Role.LEADER)
    services.submit_periodic_report(division, leader, period_kind="month", year=2026, month=3, content="Báo cáo của Phòng Hành chính tư pháp")
    page = _as(client, leader).get("/bao-cao-cong-tac/tong-hop/", {"don-vi": stp.pk, "ky": "month", "nam": 2026, "thang": 3})
    assert page.status_code == 200
    assert "Báo cáo của Phòng Hành chính tư pháp" in page.text and other.name in page.text and "Chưa gửi báo cáo" in page.text
    assert "Sở Y tế" not in page.text  # not this level's unit
    # Another department's officer may not look at this level.
    assert _as(client, org.cv_syt).get("/bao-cao-cong-tac/tong-hop/", {"don-vi": stp.pk}).status_code == 403
    office = _as(client, org.cv_vp).get("/bao-cao-cong-tac/tong-hop/", {"ky": "month", "nam": 2026, "thang": 3}).text
    assert "Sở Y tế" in office and "Báo cáo của Phòng Hành chính tư pháp" not in office
