"""The browser journeys' harness: Debian's Chromium through Playwright, against a live server
of the project holding the demo province (loaded once for the whole package).

The demo is committed to the test database (not rolled back per test) so the live server's
thread, the browser and the test see the same rows on SQLite and PostgreSQL alike; the
database's earlier state is put back when the package ends. Each test asserts what the user
sees; on a failure the screenshot and HTML of every open page go to ``.ci-logs/browser/``.
"""

import os
import re
import socket
from pathlib import Path

import pytest
from django.conf import settings as django_settings

# Playwright's sync API runs an event loop in the test's thread; the ORM calls a test makes
# between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # Unit sites are <code>.localhost: every such name reaches the live server.
    "--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1",
]
PORTS = range(8200, 8300)  # this project's range for servers started by tests
LOGS = Path(django_settings.BASE_DIR) / ".ci-logs" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        # Never a silent skip: the journeys are part of the suite.
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (installs it on Debian) or set CHROMIUM=/path/to/chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "viewport": DESKTOP}


def _free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}–{PORTS.stop - 1}")


class Portal:
    """The live server: ``url()`` of the province portal, ``url(path, unit="phuxuan")`` of a unit's site."""

    def __init__(self, port):
        self.port = port

    def url(self, path="/", unit=None):
        host = f"{unit}.{django_settings.PORTAL_DOMAIN}" if unit else django_settings.PORTAL_DOMAIN
        return f"http://{host}:{self.port}{path}"


@pytest.fixture(scope="session")
def _test_database(request, django_db_setup, django_db_blocker):
    """The test database. pytest-django creates it only for tests marked for the database; the
    journeys are not (a per-test transaction or flush would hide the demo from the live server),
    so when only journeys run, it is created here the same way."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    if _get_databases_for_setup(request.session.items)[0]:
        yield
        return
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="package")
def portal(_test_database, django_db_blocker):
    """The demo province on a live server, loaded once for every journey."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    from tests.factories.wagtail import restore_wagtail_basics

    port = _free_port()
    server_url = f"http://{django_settings.PORTAL_DOMAIN}:{port}"
    with django_db_blocker.unblock(), override_settings(PORTAL_PORT=port, WAGTAILADMIN_BASE_URL=server_url, DEBUG=False):
        before = connection.creation.serialize_db_to_string()
        # An earlier transactional test's flush may have left the database without them.
        restore_wagtail_basics()
        call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        started = _database_now(connection)
        server = LiveServer(f"127.0.0.1:{port}")
        try:
            yield Portal(port)
        finally:
            server.stop()
            _close_server_connections(connection, started)
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)


def _database_now(connection):
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        return cursor.fetchone()[0]


def _close_server_connections(connection, started):
    """The live server's request threads may leave PostgreSQL sessions open; end those opened since
    it started (not a CI worker's), or the test database cannot be dropped at the end of the run."""
    if started is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_start >= %s",
            [started],
        )


@pytest.fixture(autouse=True)
def _fresh_cache_and_outbox(portal):
    """Rate limits and cached fragments of one journey do not leak into the next."""
    from django.core import mail
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    mail.outbox = []


@pytest.fixture(autouse=True)
def _browser_for_failure_pages(browser):
    """Every journey has the browser at hand, so a failure can save what it shows; afterwards every
    context the journey itself opened is closed, so no page of it (an editor pinging its editing
    session) still talks to the server while the next journey runs. Contexts a wider fixture opened
    before it and the officers a module shares stay open for the journeys after it."""
    from .steps import Officers

    before = set(browser.contexts)
    yield
    for context in list(browser.contexts):
        if context not in before and context not in Officers.kept:
            context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed journey leaves a screenshot and the HTML of every page it had open in .ci-logs/browser/
    (taken while the test's pages are still open, before its fixtures close them)."""
    outcome = yield
    report = outcome.get_result()
    browser = getattr(item, "funcargs", {}).get("browser")
    if report.when != "call" or not report.failed or browser is None:
        return
    LOGS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])[:150]
    for c, context in enumerate(browser.contexts):
        for p, page in enumerate(context.pages):
            stem = LOGS / f"{name}-{c}-{p}"
            try:
                page.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(f"<!-- {page.url} -->\n" + page.content(), encoding="utf-8")
            except Exception as error:  # a crashed page must not hide the test's own failure
                Path(f"{stem}.txt").write_text(f"{page.url}: {error}", encoding="utf-8")
