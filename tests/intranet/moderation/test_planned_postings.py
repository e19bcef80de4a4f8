"""QT-07 4 "Mẫu đăng ký tin, bài tuần, tháng": registered ahead by contributors and units, reported against what was published."""

import io

import pytest
from openpyxl import load_workbook

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.moderation.models import PlannedPosting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PLAN = "/kiem-duyet/mau-dang-ky/dang-ky/"


def plan(client, user, unit, title, **extra):
    client.force_login(user)
    data = {"unit": unit.pk, "period": "tuan", "day": "2026-03-04", "title": title, "kind": "news", "author": "Tổ dân phố 5", **extra}
    return client.post(PLAN, data)


def test_a_contributor_registers_ahead_and_the_report_sets_plans_against_what_was_published(client, march_week):
    contributor = UserFactory(username="ctv_phuxuan", first_name="Hà", last_name="Lê Thị")
    grant_role(contributor, march_week.unit, Role.CONTRIBUTOR)
    assert plan(client, contributor, march_week.unit, "TIN ĐĂNG MỘT").status_code == 302  # the same title, typed in capitals
    assert plan(client, contributor, march_week.unit, "Tin chưa viết", planned_date="2026-03-06").status_code == 302
    planned = PlannedPosting.objects.get(title="Tin chưa viết")
    assert (planned.period, planned.period_start.isoformat(), planned.registered_by) == ("tuan", "2026-03-02", contributor)

    client.force_login(march_week.officer)
    response = client.get("/kiem-duyet/mau-dang-ky/?don-vi=phuxuan&ky=tuan&ngay=2026-03-04&dinh-dang=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=6, values_only=True) if row[1]}
    assert rows["TIN ĐĂNG MỘT"][6].startswith("Đã đăng ngày 03/03/2026")
    assert rows["Tin chưa viết"][5] == "06/03/2026" and rows["Tin chưa viết"][6] == "Chưa đăng"
    assert rows["Tin đăng hai"][6].startswith("Ngoài đăng ký")  # received without a registration
    assert "Tin đăng một" not in rows  # counted once, against its registration
    totals = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0] and isinstance(row[1], int)}
    assert totals["Số tin, bài, ảnh đăng ký"] == 2 and totals["Đã đăng theo đăng ký"] == 1
    assert totals["Đăng ký nhưng chưa đăng"] == 1 and totals["Đã đăng ngoài đăng ký"] == 1


def test_only_the_units_own_people_register_for_it(client, march_week, thuanhoa):
    # Another ward's culture officer cannot pick Phú Xuân: the unit is not among theirs.
    assert plan(client, thuanhoa.officer, march_week.unit, "Tin lạc đơn vị").status_code == 400
    outsider = UserFactory(username="khong_vai_tro")
    client.force_login(outsider)
    assert client.get(PLAN).status_code == 403
    assert not PlannedPosting.objects.exists()
