"""Issue 16, point 5: the lasting security trail. Every kind of event is recorded (who, when, from
where, outcome), listed and filtered in the Wagtail admin for system administrators only, exported
to XLSX, and forgotten after ``SECURITY_TRAIL_DAYS`` by the daily purge job."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from intranet.accounts.models import Role, SecurityEvent
from intranet.accounts.services import grant_role
from intranet.jobs.schedule import SCHEDULE
from intranet.jobs.tasks import purge_security_trail
from tests.factories import UserFactory, province
from tests.factories.accounts import PASSWORD, current_code, enrol_second_factor
from tests.factories.units import UnitFactory

pytestmark = pytest.mark.django_db
Kind, Outcome = SecurityEvent.Kind, SecurityEvent.Outcome
OFFICE = "203.0.113.5"
TRAIL = "/quan-tri/nhat-ky-an-ninh/"


def _login(client, username, password=PASSWORD):
    return client.post("/dang-nhap/", {"username": username, "password": password, "next": "/ban-lam-viec/"}, REMOTE_ADDR=OFFICE)


def _forget_setup():
    # UserFactory sets the password in a second save, which the trail rightly records as a reset.
    SecurityEvent.objects.all().delete()


def _kinds(**filters):
    return list(SecurityEvent.objects.filter(**filters).order_by("id").values_list("kind", "outcome"))


@pytest.fixture
def tinh():
    return province()


@pytest.fixture
def sysadmin(tinh):
    admin = UserFactory(username="quantri", is_staff=True)
    grant_role(admin, tinh, Role.SYSADMIN)
    return admin


def _other_unit(tinh):
    return UnitFactory(parent=tinh, code="stp", name="Sở Tư pháp")


# -- what is recorded ------------------------------------------------------------------------------
def test_login_failed_login_and_logout_are_recorded_with_the_address(client):
    officer = UserFactory(username="vanthu")
    _forget_setup()
    _login(client, "vanthu", "sai-mat-khau")
    _login(client, "vanthu")
    client.post("/dang-xuat/", REMOTE_ADDR=OFFICE)
    assert _kinds(user=officer) == [(Kind.LOGIN_FAILED, Outcome.FAILURE), (Kind.LOGIN, Outcome.SUCCESS), (Kind.LOGOUT, Outcome.SUCCESS)]
    assert set(SecurityEvent.objects.values_list("ip_address", flat=True)) == {OFFICE}


def test_a_failed_login_for_an_unknown_name_keeps_the_typed_name(client):
    _login(client, "khong-ton-tai", "x")
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user, event.username) == (Kind.LOGIN_FAILED, None, "khong-ton-tai")


def test_a_lockout_is_recorded(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    officer = UserFactory()
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau")
    assert SecurityEvent.objects.filter(kind=Kind.LOCKOUT, user=officer, outcome=Outcome.FAILURE).exists()


def test_changing_ones_own_password_and_a_reset_by_someone_else_are_told_apart(client, sysadmin):
    officer = UserFactory()
    _forget_setup()
    client.force_login(officer)
    new = "Mật-khẩu-mới-2026!"
    client.post("/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert SecurityEvent.objects.filter(kind=Kind.PASSWORD_CHANGE, user=officer, actor=officer).exists()
    officer.set_password("Đặt-lại-bởi-quản-trị-1")
    officer.save()  # outside a request: a reset (the command line, the admin)
    assert SecurityEvent.objects.filter(kind=Kind.PASSWORD_RESET, user=officer).exists()


def test_second_factor_enrolment_and_reset_are_recorded(client, sysadmin):
    client.force_login(sysadmin)
    client.get("/tai-khoan/xac-thuc-hai-lop/")
    client.post("/tai-khoan/xac-thuc-hai-lop/", {"code": current_code(TOTPDevice.objects.get(user=sysadmin))})
    assert SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_ENROL, user=sysadmin).count() == 1
    colleague = UserFactory(is_staff=True)
    enrol_second_factor(colleague)
    client.post(f"/quan-tri/xac-thuc-hai-lop/{colleague.pk}/dat-lai/")
    assert SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_RESET, user=colleague, actor=sysadmin).exists()


def test_role_group_and_superuser_changes_are_recorded(tinh):
    officer = UserFactory()
    _forget_setup()
    grant_role(officer, _other_unit(tinh), Role.UNIT_BOARD)
    officer.groups.add(Group.objects.create(name="Biên tập viên"))
    officer.is_superuser = True
    officer.save()
    events = SecurityEvent.objects.filter(user=officer)
    assert events.filter(kind=Kind.PERMISSION_CHANGE, detail__contains="Giao vai trò").exists()
    assert events.filter(kind=Kind.GROUP_CHANGE, detail__contains="Biên tập viên").exists()
    assert events.filter(kind=Kind.PERMISSION_CHANGE, detail__contains="superuser").exists()


# -- the screen ------------------------------------------------------------------------------------
@pytest.fixture
def trail(sysadmin):
    now = timezone.now()
    SecurityEvent.objects.create(kind=Kind.LOGIN_FAILED, outcome=Outcome.FAILURE, username="chutich", ip_address=OFFICE, at=now)
    SecurityEvent.objects.create(kind=Kind.LOGIN, username="vanthu", ip_address="198.51.100.7", at=now - dt.timedelta(days=3))
    SecurityEvent.objects.create(kind=Kind.PERMISSION_CHANGE, username="bientap", actor=sysadmin, detail="Giao vai trò", at=now)
    return now


def test_the_system_administrator_lists_and_filters_the_trail(client, sysadmin, trail, django_assert_max_num_queries):
    client.force_login(sysadmin)
    with django_assert_max_num_queries(25):
        page = client.get(TRAIL).content.decode()
    assert "Nhật ký an ninh" in page and "chutich" in page and "vanthu" in page and "Giao vai trò" in page

    def shown(**query):
        body = client.get(TRAIL, query).content.decode()
        return {name for name in ("chutich", "vanthu", "bientap") if name in body}

    assert shown(kind=Kind.LOGIN_FAILED) == {"chutich"}
    assert shown(outcome=Outcome.SUCCESS) == {"vanthu", "bientap"}
    assert shown(username="VANTHU") == {"vanthu"}
    assert shown(ip_address="198.51.100") == {"vanthu"}
    day = timezone.localdate(trail)
    assert shown(at_from=day.isoformat(), at_to=day.isoformat()) == {"chutich", "bientap"}


def test_the_trail_is_exported_to_xlsx_with_vietnamese_headings(client, sysadmin, trail):
    client.force_login(sysadmin)
    response = client.get(TRAIL, {"export": "xlsx", "kind": Kind.LOGIN_FAILED})
    assert response.status_code == 200 and "nhat-ky-an-ninh" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))).active.values)
    assert rows[0][:4] == ("Thời điểm", "Sự kiện", "Kết quả", "Tên đăng nhập")
    assert rows[1][1:4] == ("Đăng nhập sai", "Thất bại", "chutich") and rows[1][5] == OFFICE
    assert len(rows) == 2


@pytest.mark.parametrize("role", [Role.UNIT_BOARD, Role.LEADER])
def test_nobody_but_the_system_administrator_sees_the_trail(client, tinh, trail, role):
    officer = UserFactory(is_staff=True)
    grant_role(officer, _other_unit(tinh), role)
    client.force_login(officer)
    for url in (TRAIL, f"{TRAIL}?export=xlsx", f"{TRAIL}ket-qua/"):
        response = client.get(url)
        # Refused (403), or sent away by the admin itself when the role has no admin access at all.
        assert response.status_code in (302, 403) and b"chutich" not in response.content


def test_anonymous_visitors_are_sent_to_the_login(client, trail):
    assert client.get(TRAIL).status_code == 302


# -- the purge job ---------------------------------------------------------------------------------
def test_the_daily_job_forgets_events_older_than_the_kept_period(settings):
    settings.SECURITY_TRAIL_DAYS = 365
    old = SecurityEvent.objects.create(kind=Kind.LOGIN, username="cu", at=timezone.now() - dt.timedelta(days=366))
    kept = SecurityEvent.objects.create(kind=Kind.LOGIN, username="moi", at=timezone.now() - dt.timedelta(days=364))
    purge_security_trail()
    assert not SecurityEvent.objects.filter(pk=old.pk).exists() and SecurityEvent.objects.filter(pk=kept.pk).exists()
    assert SCHEDULE["security-trail-purge"][0] == "intranet.jobs.tasks.purge_security_trail"


def test_the_trail_is_in_the_reports_menu_of_the_system_administrator_only(client, tinh, sysadmin):
    client.force_login(sysadmin)
    assert TRAIL in client.get("/quan-tri/").content.decode()
    editor = UserFactory(is_staff=True, is_superuser=False)
    grant_role(editor, tinh, Role.PORTAL_BOARD)
    client.force_login(editor)
    home = client.get("/quan-tri/")
    assert home.status_code == 200 and TRAIL not in home.content.decode()
