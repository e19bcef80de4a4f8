"""Art. 9: the optional second factor for administrators, on the one login of the desk and the Wagtail admin."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory, province
from tests.factories.accounts import PASSWORD, current_code, enrol_second_factor

pytestmark = pytest.mark.django_db

CODE_PAGE = "/dang-nhap/ma-xac-thuc/"
SETTINGS_PAGE = "/tai-khoan/xac-thuc-hai-lop/"


@pytest.fixture
def admin():
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def _password(client, user, next_url="/quan-tri/", **extra):
    return client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD, "next": next_url}, **extra)


def _code(client, code, next_url="/quan-tri/", **extra):
    return client.post(CODE_PAGE, {"code": code, "next": next_url}, **extra)


# Enrolment

def test_an_administrator_enrols_by_scanning_the_qr_code_and_confirming_a_code(client, admin):
    client.force_login(admin)
    page = client.get(SETTINGS_PAGE).content.decode()
    assert '<svg' in page and 'class="otp-key"' in page
    device = TOTPDevice.objects.get(user=admin)
    assert not device.confirmed
    response = client.post(SETTINGS_PAGE, {"code": current_code(device)})
    page = response.content.decode()
    assert "Đã bật xác thực hai lớp" in page
    assert page.count("<li><code>") == 10  # backup codes, shown once
    device.refresh_from_db()
    assert device.confirmed


def test_the_qr_code_keeps_its_key_until_confirmed(client, admin):
    client.force_login(admin)
    client.get(SETTINGS_PAGE)
    client.get(SETTINGS_PAGE)
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_a_wrong_code_at_enrolment_is_refused_in_vietnamese_and_nothing_is_enabled(client, admin):
    client.force_login(admin)
    client.get(SETTINGS_PAGE)
    device = TOTPDevice.objects.get(user=admin)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETTINGS_PAGE, {"code": wrong})
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    client.logout()
    _password(client, admin)
    assert client.get("/quan-tri/").status_code == 200  # still the password alone


def test_an_officer_without_admin_access_cannot_enrol(client):
    officer = UserFactory()
    grant_role(officer, province(), Role.SPECIALIST)
    client.force_login(officer)
    assert client.get(SETTINGS_PAGE).status_code == 403
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_a_site_editor_with_admin_access_may_enrol(client):
    from django.contrib.auth.models import Permission

    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(SETTINGS_PAGE).status_code == 200


# Login

def test_an_enrolled_administrator_is_asked_for_the_code_after_the_password(client, admin):
    device = enrol_second_factor(admin)
    response = _password(client, admin)
    assert response["Location"] == f"{CODE_PAGE}?next=%2Fquan-tri%2F"
    assert "_auth_user_id" not in client.session
    response = _code(client, current_code(device))
    assert response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


def test_the_wagtail_admin_is_not_reachable_with_the_password_alone(client, admin):
    enrol_second_factor(admin)
    _password(client, admin)
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert client.get("/ban-lam-viec/")["Location"].startswith("/dang-nhap/")


def test_the_admins_own_login_forms_lead_to_the_shared_login(client, admin):
    enrol_second_factor(admin)
    for url in ("/quan-tri/login/", "/django-admin/login/"):
        response = client.post(url, {"username": admin.username, "password": PASSWORD})
        assert response["Location"].startswith("/dang-nhap/")
    assert "_auth_user_id" not in client.session


def test_a_session_opened_before_enrolment_must_pass_the_second_factor_for_the_admin(client, admin):
    client.force_login(admin)
    enrol_second_factor(admin)  # e.g. enrolled from another browser
    assert client.get("/quan-tri/")["Location"].startswith("/dang-nhap/")
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_in_vietnamese(client, admin):
    device = enrol_second_factor(admin)
    _password(client, admin)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = _code(client, wrong)
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout(client, admin, settings):
    settings.AXES_FAILURE_LIMIT = 3
    device = enrol_second_factor(admin)
    _password(client, admin)
    responses = [_code(client, "000000") for _attempt in range(3)]
    assert responses[-1].status_code == 429
    assert "đang bị tạm khóa" in responses[-1].content.decode()
    assert _code(client, current_code(device)).status_code == 429  # the right code no longer helps
    assert _password(client, admin).status_code == 429  # nor the password again
    assert "_auth_user_id" not in client.session


def test_logging_in_with_the_password_again_does_not_reset_the_count_of_wrong_codes(client, admin, settings):
    settings.AXES_FAILURE_LIMIT = 3
    enrol_second_factor(admin)
    for _attempt in range(2):
        _password(client, admin)
        _code(client, "000000")
    _password(client, admin)
    assert _code(client, "000000").status_code == 429


def test_a_backup_code_works_once(client, admin):
    enrol_second_factor(admin, backup_codes=["abcd2345"])
    _password(client, admin)
    assert _code(client, "ABCD 2345")["Location"] == "/quan-tri/"
    client.logout()
    _password(client, admin)
    assert _code(client, "abcd2345").status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_step_needs_the_password_step_first(client):
    response = client.post(CODE_PAGE, {"code": "123456"})
    assert response["Location"] == "/dang-nhap/"


def test_administrators_without_a_device_log_in_as_before(client, admin):
    response = _password(client, admin)
    assert response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


# Disabling

def test_disabling_needs_a_current_code(client, admin):
    device = enrol_second_factor(admin)
    _password(client, admin)
    _code(client, current_code(device))
    response = client.post(SETTINGS_PAGE, {"code": "000000"})
    assert "xác thực hai lớp vẫn đang bật" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    response = client.post(SETTINGS_PAGE, {"code": current_code(device, steps_ahead=1)})
    assert response["Location"] == SETTINGS_PAGE
    assert not TOTPDevice.objects.filter(user=admin).exists()
    client.logout()
    _password(client, admin)
    assert client.get("/quan-tri/").status_code == 200


# The required setting

def test_with_the_requirement_a_system_administrator_enrols_before_using_the_admin(client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    sysadmin = UserFactory()
    grant_role(sysadmin, province(), Role.SYSADMIN)
    _password(client, sysadmin)
    response = client.get("/quan-tri/")
    assert response["Location"] == f"{SETTINGS_PAGE}?next=%2Fquan-tri%2F"
    assert client.get("/ban-lam-viec/")["Location"].startswith(SETTINGS_PAGE)
    page = client.get(response["Location"]).content.decode()
    assert "phải bật xác thực hai lớp" in page
    device = TOTPDevice.objects.get(user=sysadmin)
    client.post(f"{SETTINGS_PAGE}?next=/quan-tri/", {"code": current_code(device), "next": "/quan-tri/"})
    assert client.get("/quan-tri/").status_code == 200


def test_with_the_requirement_the_second_factor_cannot_be_turned_off(client, admin, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    device = enrol_second_factor(admin)
    _password(client, admin)
    _code(client, current_code(device))
    response = client.post(SETTINGS_PAGE, {"code": current_code(device, steps_ahead=1)})
    assert "không thể tắt" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_the_requirement_leaves_other_officers_alone(client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    officer = UserFactory()
    grant_role(officer, province(), Role.SPECIALIST)
    _password(client, officer, next_url="/ban-lam-viec/")
    assert client.get("/ban-lam-viec/").status_code == 200


def test_by_default_the_second_factor_is_optional(client, settings):
    assert settings.TWO_FACTOR_REQUIRED_FOR_ADMINS is False
    sysadmin = UserFactory()
    grant_role(sysadmin, province(), Role.SYSADMIN)
    _password(client, sysadmin)
    assert client.get("/quan-tri/").status_code == 200


def test_the_desk_links_administrators_to_the_second_factor_page(client, admin):
    client.force_login(admin)
    assert f'href="{SETTINGS_PAGE}"' in client.get("/ban-lam-viec/").content.decode()
    officer = UserFactory()
    client.force_login(officer)
    assert f'href="{SETTINGS_PAGE}"' not in client.get("/ban-lam-viec/").content.decode()


# Every page, not only the administration

def test_a_session_opened_before_enrolment_is_sent_to_the_code_page_from_the_desk(client, admin):
    client.force_login(admin)
    enrol_second_factor(admin)
    response = client.get("/ban-lam-viec/")
    assert response["Location"] == f"{CODE_PAGE}?next=%2Fban-lam-viec%2F"
    assert "_auth_user_id" not in client.session
    device = admin.totpdevice_set.get()
    assert _code(client, current_code(device), next_url="/ban-lam-viec/")["Location"] == "/ban-lam-viec/"
    assert client.get("/ban-lam-viec/").status_code == 200


def test_enrolling_in_another_browser_takes_effect_in_the_open_session_at_its_next_click(client, admin):
    from django.test import Client

    client.force_login(admin)
    assert client.get("/ban-lam-viec/").status_code == 200
    other_browser = Client()
    other_browser.force_login(admin)
    other_browser.get(SETTINGS_PAGE)
    other_browser.post(SETTINGS_PAGE, {"code": current_code(TOTPDevice.objects.get(user=admin))})
    assert other_browser.get("/ban-lam-viec/").status_code == 200  # this one passed the code at enrolment
    for path in ("/ban-lam-viec/", "/thong-bao/", "/doi-mat-khau/", SETTINGS_PAGE):
        client.force_login(admin)
        assert client.get(path)["Location"].startswith(CODE_PAGE), path


def test_after_disabling_an_unverified_session_works_with_the_password_alone(client, admin):
    device = enrol_second_factor(admin)
    _password(client, admin)
    _code(client, current_code(device))
    client.post(SETTINGS_PAGE, {"code": current_code(device, steps_ahead=1)})
    admin.refresh_from_db()
    assert not admin.has_second_factor
    client.logout()
    client.force_login(admin)
    assert client.get("/ban-lam-viec/").status_code == 200


def test_a_stale_flag_without_a_device_never_locks_anybody_out(client, admin):
    type(admin).objects.filter(pk=admin.pk).update(has_second_factor=True)
    client.force_login(admin)
    assert client.get("/ban-lam-viec/").status_code == 200
    admin.refresh_from_db()
    assert not admin.has_second_factor


def test_the_code_page_and_logging_out_stay_open_to_a_session_owing_the_code(client, admin):
    client.force_login(admin)
    enrol_second_factor(admin)
    assert client.post("/dang-xuat/").status_code == 200  # signed out, not sent to the code page
    assert "_auth_user_id" not in client.session
    client.force_login(admin)
    client.get("/ban-lam-viec/")
    assert client.get(CODE_PAGE).status_code == 200
