"""Art. 9: a system administrator resets a colleague's second factor (a lost phone) in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Permission
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.notifications.models import Notification, OutgoingEmail
from tests.factories import UserFactory, province
from tests.factories.accounts import PASSWORD, enrol_second_factor

pytestmark = pytest.mark.django_db

USERS = "/quan-tri/users/"


def _login_with_the_code(client, user):
    """A session that passed ``user``'s own second factor."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()


def _reset_url(user):
    return f"/quan-tri/xac-thuc-hai-lop/{user.pk}/dat-lai/"


@pytest.fixture
def sysadmin():
    user = UserFactory(username="quantrivien", first_name="Hùng", last_name="Trần Văn")
    grant_role(user, province(), Role.SYSADMIN)
    return user


@pytest.fixture
def colleague():
    user = UserFactory(username="bientap", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    enrol_second_factor(user, backup_codes=["abcd2345"])
    return user


def test_the_users_listing_offers_the_reset_for_enrolled_colleagues_only(client, sysadmin, colleague):
    other = UserFactory(username="chuabat")
    client.force_login(sysadmin)
    page = client.get(USERS).content.decode()
    assert f'href="{_reset_url(colleague)}"' in page
    assert "Đặt lại xác thực hai lớp" in page
    assert _reset_url(other) not in page
    assert _reset_url(sysadmin) not in page


def test_a_sysadmin_confirms_then_resets_and_the_colleague_logs_in_with_the_password_alone(client, sysadmin, colleague):
    client.force_login(sysadmin)
    page = client.get(_reset_url(colleague)).content.decode()
    assert "Đặt lại xác thực hai lớp của" in page and "bientap" in page
    assert TOTPDevice.objects.filter(user=colleague).exists()  # asking changes nothing
    response = client.post(_reset_url(colleague))
    assert response["Location"] == USERS
    assert "người này đã được thông báo" in client.get(USERS).content.decode()
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticDevice.objects.filter(user=colleague).exists()
    colleague.refresh_from_db()
    assert not colleague.has_second_factor

    client.logout()
    response = client.post("/dang-nhap/", {"username": "bientap", "password": PASSWORD, "next": "/quan-tri/"})
    assert response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


def test_the_reset_is_in_the_audit_log(client, sysadmin, colleague):
    client.force_login(sysadmin)
    client.post(_reset_url(colleague))
    entry = ModelLogEntry.objects.get(action="accounts.reset_two_factor")
    assert entry.object_id == str(colleague.pk) and entry.user_id == sysadmin.pk
    assert entry.message == "Đã đặt lại xác thực hai lớp"


def test_the_colleague_is_told_in_the_app_and_by_email(client, sysadmin, colleague):
    client.force_login(sysadmin)
    client.post(_reset_url(colleague))
    alert = Notification.objects.get(recipient=colleague)
    assert alert.title == "Xác thực hai lớp của bạn đã được đặt lại"
    assert "Trần Văn Hùng (quản trị hệ thống) đã đặt lại xác thực hai lớp của tài khoản bientap" in alert.body
    assert "Nếu bạn không đề nghị việc này" in alert.body
    email = OutgoingEmail.objects.get(to=[colleague.email])
    assert email.subject == alert.title
    client.force_login(colleague)
    assert "Xác thực hai lớp của bạn đã được đặt lại" in client.get("/thong-bao/").content.decode()


def test_with_the_requirement_a_reset_sysadmin_is_sent_to_enrolment(client, sysadmin, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    other_sysadmin = UserFactory(username="quantri2")
    grant_role(other_sysadmin, sysadmin.memberships.get().unit, Role.SYSADMIN)
    enrol_second_factor(other_sysadmin)
    enrol_second_factor(sysadmin)
    _login_with_the_code(client, sysadmin)
    assert client.post(_reset_url(other_sysadmin))["Location"] == USERS
    client.logout()
    client.post("/dang-nhap/", {"username": "quantri2", "password": PASSWORD, "next": "/quan-tri/"})
    assert client.get("/quan-tri/")["Location"] == "/tai-khoan/xac-thuc-hai-lop/?next=%2Fquan-tri%2F"


def test_others_are_refused_even_with_a_crafted_post(client, colleague):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_user", "add_user"]))
    client.force_login(editor)
    assert client.get(USERS).status_code == 200
    assert _reset_url(colleague) not in client.get(USERS).content.decode()
    assert client.get(_reset_url(colleague)).status_code == 403
    response = client.post(_reset_url(colleague))
    assert response.status_code == 403
    assert "Chỉ quản trị hệ thống" in response.content.decode()
    assert TOTPDevice.objects.filter(user=colleague, confirmed=True).exists()
    assert not ModelLogEntry.objects.filter(action="accounts.reset_two_factor").exists()
    assert not Notification.objects.filter(recipient=colleague).exists()


def test_anonymous_visitors_are_sent_to_the_login(client, colleague):
    response = client.post(_reset_url(colleague))
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert TOTPDevice.objects.filter(user=colleague).exists()


def test_a_sysadmin_cannot_reset_their_own_second_factor_here(client, sysadmin):
    enrol_second_factor(sysadmin)
    _login_with_the_code(client, sysadmin)
    response = client.post(_reset_url(sysadmin))
    assert response["Location"] == USERS
    assert TOTPDevice.objects.filter(user=sysadmin, confirmed=True).exists()
    assert "Không thể tự đặt lại" in client.get(USERS).content.decode()
