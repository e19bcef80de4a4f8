"""Behind reverse proxies the lockout and the rate limits count the citizen's address, not the proxy's."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


def _login(client, username, password, forwarded):
    return client.post(
        "/dang-nhap/",
        {"username": username, "password": password, "next": "/ban-lam-viec/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_LOCKOUT_PARAMETERS = ["ip_address"]
    cache.clear()


def test_one_citizen_locked_out_does_not_lock_out_everyone_behind_the_proxy(client, one_proxy):
    officer, colleague = UserFactory(), UserFactory()
    for _attempt in range(3):
        _login(client, officer.username, "sai-mat-khau", "203.0.113.5")
    assert _login(client, colleague.username, PASSWORD, "203.0.113.5").status_code == 429
    assert _login(client, colleague.username, PASSWORD, "198.51.100.7").status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, one_proxy):
    officer, colleague = UserFactory(), UserFactory()
    for attempt in range(3):
        # The client sends its own X-Forwarded-For; the proxy appends the real address.
        _login(client, officer.username, "sai-mat-khau", f"192.0.2.{attempt}, 203.0.113.5")
    assert _login(client, colleague.username, PASSWORD, "192.0.2.99, 203.0.113.5").status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_LOCKOUT_PARAMETERS = ["ip_address"]
    officer, colleague = UserFactory(), UserFactory()
    for attempt in range(3):
        _login(client, officer.username, "sai-mat-khau", f"203.0.113.{attempt}")
    # Every attempt came from the proxy's address, whatever the header claimed.
    assert _login(client, colleague.username, PASSWORD, "198.51.100.7").status_code == 429
