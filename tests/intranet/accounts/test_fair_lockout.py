"""Issue 16: wrong passwords lock one account on one address; an address alone only past a much
higher ceiling; the page says what is locked and until when; the system administrator unlocks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from intranet.accounts.models import SecurityEvent
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
OFFICE, HOME = "203.0.113.5", "198.51.100.7"


def _login(client, username, password=PASSWORD, address=OFFICE):
    return client.post("/dang-nhap/", {"username": username, "password": password, "next": "/ban-lam-viec/"}, REMOTE_ADDR=address)


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 7
    return settings


def test_a_locked_account_does_not_lock_its_colleagues_on_the_same_network(client, limits):
    officer, colleague = UserFactory(username="chutich"), UserFactory()
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau")
    locked = _login(client, officer.username)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tài khoản «chutich»" in page and OFFICE in page and "Khóa tự mở lúc" in page
    assert "Các tài khoản khác trên cùng mạng vẫn đăng nhập bình thường" in page
    assert _login(client, colleague.username).status_code == 302
    client.logout()
    # Typing the chair's username from elsewhere did not lock the chair out at home.
    assert _login(client, officer.username, address=HOME).status_code == 302


def test_one_address_trying_many_accounts_is_stopped_at_the_higher_ceiling(client, limits):
    victims = [UserFactory() for _ in range(4)]
    for victim in victims:
        for _attempt in range(2):  # under the per-account limit each time
            _login(client, victim.username, "sai-mat-khau")
    newcomer = UserFactory()
    response = _login(client, newcomer.username)
    assert response.status_code == 429
    assert "mọi lần đăng nhập từ địa chỉ này" in response.content.decode()
    assert _login(client, newcomer.username, address=HOME).status_code == 302


def test_the_system_administrator_sees_locked_accounts_and_unlocks_them(client, limits):
    officer = UserFactory(username="vanthu")
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau")
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    listing = client.get("/quan-tri/tai-khoan-bi-khoa/")
    assert listing.status_code == 200 and "vanthu" in listing.content.decode() and OFFICE in listing.content.decode()
    response = client.post("/quan-tri/tai-khoan-bi-khoa/", {"username": "vanthu", "ip_address": OFFICE}, follow=True)
    assert "Đã mở khóa đăng nhập" in response.content.decode()
    assert "vanthu" not in client.get("/quan-tri/tai-khoan-bi-khoa/").content.decode().split("Tài khoản bị khóa tại một địa chỉ")[1]
    unlock = SecurityEvent.objects.get(kind=SecurityEvent.Kind.UNLOCK)
    assert (unlock.user, unlock.actor, unlock.username) == (officer, admin, "vanthu")
    client.logout()
    assert _login(client, officer.username).status_code == 302


def test_only_the_system_administrator_may_unlock(client, limits):
    officer = UserFactory()
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau")
    colleague = UserFactory()
    client.force_login(colleague)
    assert client.get("/quan-tri/tai-khoan-bi-khoa/").status_code in (302, 403)
    assert client.post("/quan-tri/tai-khoan-bi-khoa/", {"username": officer.username, "ip_address": OFFICE}).status_code in (302, 403)
    client.logout()
    assert _login(client, officer.username).status_code == 429


def _production_setting(name: str, **env) -> object:
    script = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.{name}))"
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_SETTINGS", "TWO_FACTOR"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        REDIS_URL="redis://127.0.0.1:6379/1",
        **env,
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=Path(django_settings.BASE_DIR), env=environment, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_requires_the_second_factor_of_administrators_unless_turned_off():
    assert _production_setting("TWO_FACTOR_REQUIRED_FOR_ADMINS") is True
    assert _production_setting("TWO_FACTOR_REQUIRED_FOR_ADMINS", TWO_FACTOR_REQUIRED_FOR_ADMINS="false") is False
