"""Work programs and reports in the Wagtail admin: read-only, each unit sees its own, the province office all."""

import pytest
from django.contrib.auth.models import Permission

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.programs import services
from tests.factories import UserFactory, province, unit_with_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    top = province()
    units = {code: unit_with_site(top, code=code, name=name) for code, name in
             [("vpubnd", "Văn phòng UBND tỉnh"), ("stp", "Sở Tư pháp"), ("syt", "Sở Y tế")]}
    access = Permission.objects.get(codename="access_admin")
    people = {}
    for username, code, role in [("cv_vp", "vpubnd", Role.OFFICE_SPECIALIST), ("cv_stp", "stp", Role.SPECIALIST),
                                 ("cv_syt", "syt", Role.SPECIALIST)]:
        people[username] = UserFactory(username=username)
        people[username].user_permissions.add(access)
        grant_role(people[username], units[code], role)
    stp = services.register(units["stp"], people["cv_stp"], period_kind="month", year=2026, month=11, items=["Rà soát văn bản"])
    syt = services.register(units["syt"], people["cv_syt"], period_kind="month", year=2026, month=11, items=["Tiêm chủng mở rộng"])
    services.submit_periodic_report(units["stp"], people["cv_stp"], period_kind="month", year=2026, month=10, content="Báo cáo tháng 10 của Sở Tư pháp")
    return type("Org", (), {"units": units, "stp_registration": stp, "syt_registration": syt, **people})


def test_a_unit_sees_only_its_own_registrations_and_reports_in_the_admin(client, org):
    client.force_login(org.cv_stp)
    page = client.get("/quan-tri/program_registrations/").content.decode()
    assert "Sở Tư pháp" in page and "Sở Y tế" not in page
    assert client.get(f"/quan-tri/program_registrations/inspect/{org.stp_registration.pk}/").status_code == 200
    assert client.get(f"/quan-tri/program_registrations/inspect/{org.syt_registration.pk}/").status_code in (302, 403, 404)
    assert "Sở Tư pháp" in client.get("/quan-tri/periodic_reports/").content.decode()

    client.force_login(org.cv_syt)
    assert "Sở Tư pháp" not in client.get("/quan-tri/periodic_reports/").content.decode()
    assert "Sở Tư pháp" not in client.get("/quan-tri/program_registrations/").content.decode()


def test_the_province_office_sees_every_unit(client, org):
    client.force_login(org.cv_vp)
    page = client.get("/quan-tri/program_registrations/").content.decode()
    assert "Sở Tư pháp" in page and "Sở Y tế" in page
    assert client.get(f"/quan-tri/program_registrations/inspect/{org.syt_registration.pk}/").status_code == 200


def test_the_admin_screens_are_read_only(client, org):
    client.force_login(org.cv_vp)
    assert client.get("/quan-tri/program_registrations/new/").status_code in (302, 403)
    response = client.post(f"/quan-tri/program_registrations/edit/{org.stp_registration.pk}/", {"year": 1999})
    assert response.status_code in (302, 403)
    org.stp_registration.refresh_from_db()
    assert org.stp_registration.year == 2026
    assert client.post(f"/quan-tri/program_registrations/delete/{org.stp_registration.pk}/").status_code in (302, 403)
    assert type(org.stp_registration).objects.filter(pk=org.stp_registration.pk).exists()


def test_a_draft_province_program_stays_with_the_office_until_issued(client, org):
    item = org.stp_registration.items.get()
    program = services.draft_program(period_kind="month", year=2026, month=11, item_ids=[item.pk])
    client.force_login(org.cv_stp)
    assert "tháng 11/2026" not in client.get("/quan-tri/province_programs/").content.decode()
    assert client.get(f"/quan-tri/province_programs/inspect/{program.pk}/").status_code in (302, 403)
    client.force_login(org.cv_vp)
    assert "tháng 11/2026" in client.get("/quan-tri/province_programs/").content.decode()
    chair = UserFactory(username="chutich")
    grant_role(chair, org.units["vpubnd"].get_parent(), Role.LEADER)
    services.issue(program, chair)
    client.force_login(org.cv_stp)
    assert client.get(f"/quan-tri/province_programs/inspect/{program.pk}/").status_code == 200
    # The task shared down is on the unit's admin list too, and not on another unit's.
    assert "Rà soát văn bản" in client.get("/quan-tri/program_tasks/").content.decode()
    client.force_login(org.cv_syt)
    assert "Rà soát văn bản" not in client.get("/quan-tri/program_tasks/").content.decode()


def test_the_admin_lists_a_draft_province_report_to_the_office_only(client, org):
    report = services.draft_province_report(org.cv_vp, **services.period_fields("month", 2026, 10))
    client.force_login(org.cv_vp)
    assert "tháng 10/2026" in client.get("/quan-tri/province_reports/").text
    client.force_login(org.cv_stp)
    assert "tháng 10/2026" not in client.get("/quan-tri/province_reports/").text
    assert client.get(f"/quan-tri/province_reports/inspect/{report.pk}/").status_code in (302, 403)
