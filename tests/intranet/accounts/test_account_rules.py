"""Art. 9: personal accounts, monthly passwords, lockout after repeated failures, no login once gone."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from intranet.accounts.models import User
from intranet.directory.models import Person
from tests.factories import PersonFactory, UserFactory, province
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD, **extra):
    return client.post("/dang-nhap/", {"username": username, "password": password, "next": "/ban-lam-viec/"}, **extra)


def _age_password(user, days):
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=days))


def test_a_fresh_password_goes_straight_to_the_desk(client):
    officer = UserFactory()
    response = _login(client, officer.username)
    assert response.status_code == 302 and response["Location"] == "/ban-lam-viec/"
    assert client.get("/ban-lam-viec/").status_code == 200


def test_a_password_older_than_the_limit_must_be_changed_before_the_desk(client, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 30
    officer = UserFactory()
    _age_password(officer, 31)
    _login(client, officer.username)
    response = client.get("/ban-lam-viec/")
    assert response.status_code == 302
    assert response["Location"].startswith("/doi-mat-khau/?next=/ban-lam-viec/")
    page = client.get(response["Location"])
    assert "Mật khẩu của bạn đã quá hạn sử dụng" in page.content.decode()


def test_the_wagtail_admin_also_sends_an_old_password_to_the_change_form(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    _age_password(admin, 45)
    client.force_login(admin)
    response = client.get("/quan-tri/")
    assert response["Location"].startswith("/doi-mat-khau/")


def test_changing_the_password_reopens_the_desk(client):
    officer = UserFactory()
    _age_password(officer, 31)
    _login(client, officer.username)
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "Hue-Mua-Thu-2026!", "new_password2": "Hue-Mua-Thu-2026!", "next": "/ban-lam-viec/"},
    )
    assert response["Location"] == "/ban-lam-viec/"
    assert client.get("/ban-lam-viec/").status_code == 200
    officer.refresh_from_db()
    assert timezone.now() - officer.password_changed_at < dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("Ab1!xyz", "quá ngắn"),
        ("12345678901", "hoàn toàn là số"),
        ("password123", "quá phổ biến"),
        (PASSWORD, "phải khác mật khẩu đang dùng"),
    ],
)
def test_a_weak_or_reused_new_password_is_refused_in_vietnamese(client, new_password, message):
    officer = UserFactory()
    _age_password(officer, 40)
    client.force_login(officer)
    response = client.post("/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 200
    assert message in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_a_name_like_password_is_refused(client):
    officer = UserFactory(username="nguyenthilan", first_name="Lan", last_name="Nguyễn Thị")
    client.force_login(officer)
    response = client.post("/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": "nguyenthilan1", "new_password2": "nguyenthilan1"})
    assert "quá giống" in response.content.decode()


def test_repeated_failed_logins_lock_the_account_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    officer = UserFactory()
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau")
    response = _login(client, officer.username)
    assert response.status_code == 429
    assert "đang bị tạm khóa" in response.content.decode()
    assert client.get("/ban-lam-viec/").status_code == 302  # not logged in


def test_the_lock_holds_for_the_account_on_that_client_only(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    officer, colleague = UserFactory(), UserFactory()
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau", REMOTE_ADDR="10.0.0.5")
    assert _login(client, officer.username, REMOTE_ADDR="10.0.0.5").status_code == 429
    assert _login(client, colleague.username, REMOTE_ADDR="10.0.0.5").status_code == 302
    client.logout()
    assert _login(client, officer.username, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_a_deactivated_account_cannot_log_in(client):
    officer = UserFactory(is_active=False)
    response = _login(client, officer.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deactivating_an_account_ends_its_open_session(client):
    officer = UserFactory()
    _login(client, officer.username)
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert client.get("/ban-lam-viec/")["Location"].startswith("/dang-nhap/")


def test_a_retired_person_cannot_log_in(client):
    unit = province()
    officer = UserFactory()
    PersonFactory(unit=unit, user=officer, status=Person.Status.RETIRED)
    response = _login(client, officer.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_wagtail_admin_sends_anonymous_visitors_to_the_shared_login(client):
    response = client.get("/quan-tri/")
    assert response["Location"].startswith("/dang-nhap/?next=/quan-tri/")


def test_an_account_with_no_password_date_changes_its_password_at_the_first_login(client):
    officer = UserFactory()
    User.objects.filter(pk=officer.pk).update(password_changed_at=None)
    _login(client, officer.username)
    response = client.get("/ban-lam-viec/")
    assert response["Location"].startswith("/doi-mat-khau/?next=/ban-lam-viec/")
    assert "Mật khẩu của bạn do quản trị viên cấp" in client.get(response["Location"]).content.decode()
    client.post("/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": "Hue-Mua-Thu-2026!", "new_password2": "Hue-Mua-Thu-2026!"})
    assert client.get("/ban-lam-viec/").status_code == 200


def _admin_user_form(**fields):
    return {"username": "nguoimoi", "email": "nguoimoi@example.gov.vn", "first_name": "Minh", "last_name": "Trần Văn",
            "password1": "Song-Huong-2026!", "password2": "Song-Huong-2026!", **fields}


def test_an_account_an_administrator_creates_changes_its_password_at_the_first_login(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post("/quan-tri/users/new/", _admin_user_form())
    assert response.status_code == 302
    created = User.objects.get(username="nguoimoi")
    assert created.password_changed_at is None
    client.logout()
    _login(client, "nguoimoi", "Song-Huong-2026!")
    assert client.get("/ban-lam-viec/")["Location"].startswith("/doi-mat-khau/")


def test_a_password_an_administrator_resets_is_changed_at_the_next_login(client):
    officer = UserFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = _admin_user_form(username=officer.username, email=officer.email, is_active="on")
    response = client.post(f"/quan-tri/users/edit/{officer.pk}/", form)
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Song-Huong-2026!") and officer.password_changed_at is None


def test_an_administrator_editing_a_name_leaves_the_password_date_alone(client):
    officer = UserFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = _admin_user_form(username=officer.username, email=officer.email, first_name="Mai", password1="", password2="", is_active="on")
    assert client.post(f"/quan-tri/users/edit/{officer.pk}/", form).status_code == 302
    officer.refresh_from_db()
    assert officer.first_name == "Mai" and officer.password_changed_at is not None


def test_createsuperuser_chooses_its_own_password_and_is_not_forced(client, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Song-Huong-2026!")
    call_command("createsuperuser", interactive=False, username="quantri2", email="qt@example.gov.vn", stdout=io.StringIO())
    _login(client, "quantri2", "Song-Huong-2026!")
    assert client.get("/ban-lam-viec/").status_code == 200


def test_demo_accounts_open_the_desk_without_a_forced_change(client, settings):
    from intranet.accounts import demo as accounts_demo
    from intranet.units import demo as units_demo

    units_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    User.objects.filter(username="cv_vp").update(password_changed_at=None)  # a database from before the rule
    accounts_demo.load(io.StringIO())
    for username in ("cv_stp", "cv_vp"):
        client.post("/dang-nhap/", {"username": username, "password": settings.DEMO_PASSWORD})
        assert client.get("/ban-lam-viec/").status_code == 200, username


def test_an_imported_account_changes_its_password_at_the_first_login(client):
    User.objects.create_user("nhap_tu_file", "nhap@example.gov.vn", "Song-Huong-2026!")
    _login(client, "nhap_tu_file", "Song-Huong-2026!")
    assert client.get("/ban-lam-viec/")["Location"].startswith("/doi-mat-khau/")
