import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from intranet.desk.work import open_work
from intranet.moderation import services
from intranet.moderation.periodic import send_period_reports
from intranet.notifications.models import Notification
from tests.factories.moderation import submitted

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")




def test_weekly_summary_xlsx_counts_what_was_published_and_refused(client, march_week):
    client.force_login(march_week.officer)
    response = client.get("/kiem-duyet/bao-cao/?don-vi=phuxuan&ky=tuan&ngay=2026-03-04&dinh-dang=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    titles = [row[2] for row in values[5:] if len(row) > 2]
    assert sorted(titles) == ["Tin bị từ chối", "Tin đăng hai", "Tin đăng một"]
    totals = {row[0]: row[1] for row in values if len(row) == 2}
    assert totals["Tin, bài đã đăng"] == 2 and totals["Không đồng ý cho đăng"] == 1
    assert totals["Tiếp nhận trong kỳ"] == 4 and totals["Đang xử lý cuối kỳ"] == 1
    assert "BIỂU TỔNG HỢP ĐĂNG TIN, BÀI, ẢNH TUẦN" in values[1][0]


def test_monthly_summary_csv_and_printable_page(client, march_week):
    client.force_login(march_week.leader)
    response = client.get("/kiem-duyet/bao-cao/?don-vi=phuxuan&ky=thang&ngay=2026-03-15&dinh-dang=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    totals = {row[0]: row[1] for row in rows if len(row) == 2}
    assert totals["Tin, bài đã đăng"] == "3" and totals["Không đồng ý cho đăng"] == "1"
    page = client.get("/kiem-duyet/bao-cao/?don-vi=phuxuan&ky=thang&ngay=2026-03-15")
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in page.text and "Tin của phường khác" not in page.text


def test_registration_form_lists_the_items_received_in_the_period(client, march_week):
    client.force_login(march_week.officer)
    response = client.get("/kiem-duyet/mau-dang-ky/?don-vi=phuxuan&ky=tuan&ngay=2026-03-04&dinh-dang=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "MẪU ĐĂNG KÝ TIN, BÀI TUẦN"
    titles = {row[1] for row in sheet.iter_rows(min_row=6, values_only=True) if row[1]}
    assert {"Tin đăng một", "Tin đăng hai", "Tin bị từ chối", "Tin còn đang xử lý"} <= titles


def test_another_units_reports_are_refused(client, march_week, thuanhoa):
    client.force_login(thuanhoa.officer)
    assert client.get("/kiem-duyet/bao-cao/?don-vi=phuxuan&ky=tuan&ngay=2026-03-04&dinh-dang=csv").status_code == 403


def test_the_weekly_job_tells_the_culture_officer_and_it_staff_once(march_week):
    assert send_period_reports("tuan", today=dt.date(2026, 3, 9)) >= 1
    assert send_period_reports("tuan", today=dt.date(2026, 3, 9)) == 0
    recipients = set(Notification.objects.filter(kind="moderation_report", url__contains="don-vi=phuxuan").values_list("recipient", flat=True))
    assert recipients == {march_week.officer.pk, march_week.officer2.pk, march_week.it.pk}
    body = Notification.objects.filter(kind="moderation_report", recipient=march_week.it, url__contains="phuxuan").get().body
    assert "Tin, bài đã đăng: 2" in body


def test_the_desk_lists_the_steps_a_user_holds(phuxuan, django_assert_max_num_queries):
    for n in range(3):
        submitted(phuxuan.unit, f"Tin chờ tiếp nhận {n}")
    phuxuan.officer.__dict__.pop("_unit_roles", None)
    with django_assert_max_num_queries(6):
        work = [item for item in open_work(phuxuan.officer) if item.kind == "Kiểm duyệt tin bài"]
    assert len(work) == 3 and all(item.due_at for item in work)
    assert not [item for item in open_work(phuxuan.leader) if item.kind == "Kiểm duyệt tin bài"]


def test_the_admin_dashboard_shows_overdue_steps(client, phuxuan):
    with services.acting_at(dt.datetime(2026, 3, 2, 8, 0, tzinfo=HUE)):
        submitted(phuxuan.unit, "Tin quá hạn trên bảng điều khiển")
    client.force_login(phuxuan.leader)
    # the leader is not in the editors' group: give admin access the way a unit board member has it
    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role

    grant_role(phuxuan.leader, phuxuan.unit, Role.UNIT_BOARD)
    response = client.get("/quan-tri/")
    assert "Tin quá hạn trên bảng điều khiển" in response.text
