"""Issue 12.5: production hardening as a client and an operator see it — `check --deploy` clean with
the production defaults, a Content-Security-Policy on every response (cached pages included, the
admin's relaxations on the admin only), and JSON log lines that carry the request's id."""

import io
import json
import logging
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories.accounts import UserFactory
from tests.factories.news import article, province_and_wards

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


def _policy(response) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def sites():
    cache.clear()
    yield province_and_wards()
    cache.clear()


def test_public_pages_allow_only_our_own_scripts_and_styles_even_from_the_page_cache(client, sites, settings):
    settings.PAGE_CACHE_SECONDS = 300
    page = article(sites[1], "Tin dưới chính sách bảo mật nội dung")
    first, hit = client.get(page.url, **WARD), client.get(page.url, **WARD)
    assert first.status_code == hit.status_code == 200
    for response in (first, hit):
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # What the policy would block is not in the page: no inline handlers or styles.
    assert "onclick=" not in first.text and 'style="' not in first.text and "data-print" in first.text


def test_the_admin_alone_gets_the_relaxations_its_widgets_need(client, sites):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    admin = client.get("/quan-tri/pages/", HTTP_HOST="localhost")
    assert admin.status_code == 200
    assert "'unsafe-inline'" in _policy(admin)["script-src"]
    desk = client.get("/ban-lam-viec/", HTTP_HOST="localhost")
    assert "'unsafe-inline'" not in desk["Content-Security-Policy"]


def test_a_changed_policy_applies_to_the_next_response(client, sites, settings):
    # The middleware builds each policy once per process; a new setting is a new policy.
    assert "https://video.hue.gov.vn" not in client.get("/", **WARD)["Content-Security-Policy"]
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-src": ["'self'", "https://video.hue.gov.vn"]}
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": directives}
    assert _policy(client.get("/", **WARD))["frame-src"] == ["'self'", "https://video.hue.gov.vn"]


def test_every_response_names_its_request_id_and_keeps_a_proxys(client, sites):
    own = client.get("/", HTTP_HOST="localhost")
    assert len(own["X-Request-ID"]) >= 32
    forwarded = client.get("/", HTTP_HOST="localhost", HTTP_X_REQUEST_ID="proxy-7f3a")
    assert forwarded["X-Request-ID"] == "proxy-7f3a"


@pytest.fixture
def json_log():
    """The project's LOGGING formatter and filter, on a stream the test can read."""
    stream = io.StringIO()
    config = settings.LOGGING
    handler = logging.StreamHandler(stream)
    formatter = config["formatters"]["json"]
    factory = formatter["()"]
    module, _, name = factory.rpartition(".")
    handler.setFormatter(
        getattr(__import__(module, fromlist=[name]), name)(
            formatter["format"], timestamp=formatter["timestamp"], rename_fields=formatter["rename_fields"]
        )
    )
    from django_guid.log_filters import CorrelationId

    handler.addFilter(CorrelationId())
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_a_log_line_is_json_with_the_request_id_of_its_request(client, sites, json_log):
    response = client.get("/khong-co-trang-nay/", HTTP_HOST="localhost", HTTP_X_REQUEST_ID="req-404-check")
    assert response.status_code == 404
    lines = [line for line in json_log() if line["logger"] == "django.request"]
    assert lines and lines[-1]["request_id"] == "req-404-check"
    assert lines[-1]["level"] == "WARNING" and "/khong-co-trang-nay/" in lines[-1]["message"]
    assert lines[-1]["time"].endswith("+00:00")


def test_an_error_logs_its_traceback_inside_the_json_line(json_log):
    from django_guid import set_guid

    set_guid("task-abc")
    try:
        raise ValueError("không gửi được thư")
    except ValueError:
        logging.getLogger("django.task").exception("gửi thư thất bại")
    set_guid(None)
    line = json_log()[-1]
    assert line["request_id"] == "task-abc" and line["message"] == "gửi thư thất bại"
    assert "Traceback" in line["exc_info"] and "ValueError: không gửi được thư" in line["exc_info"]


def test_check_deploy_is_clean_with_the_production_defaults(tmp_path):
    """HSTS and the HTTPS redirect are on unless the environment turns them off."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.sqlite3",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    shown = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert shown.stdout.split()[-3:] == ["True", "31536000", "True"], shown.stdout + shown.stderr
