"""Issue 12.6: read replicas, proven over HTTP against a second real database.

The "replica" here is a second database (a second SQLite file, or a second PostgreSQL database)
copied from the primary; after the copy the primary moves on (an article is retitled), so each
page shows which database served it, and the queries captured on each connection say the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import socket
import sqlite3

import pytest
import time_machine
from django.core.cache import cache
from django.db import connections, router
from django.db.utils import load_backend
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from portal import replicas
from portal.news.models import ArticlePage
from tests.factories import PersonFactory, UserFactory
from tests.factories.news import article, province_and_wards

# The copy needs committed data; the flush after each test takes Wagtail's basics with it.
pytestmark = pytest.mark.django_db(transaction=True)

WARD = {"HTTP_HOST": "phuxuan.localhost"}
OLD_TITLE = "Lễ hội Huế 2026 khai mạc"
NEW_TITLE = "Lễ hội Huế 2026 khai mạc: đã sửa trên máy chủ chính"
TRANSACTION = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT"}


@pytest.fixture(autouse=True)
def _fresh_state():
    cache.clear()  # Wagtail's site lookup and the rate limits live in the cache
    replicas._resting_until.clear()
    yield
    cache.clear()
    replicas._resting_until.clear()


def _register(alias: str, settings_dict: dict) -> None:
    # A connection made at run time, as a deployment with DATABASE_REPLICA_URLS has from its settings
    # (Django's test case allows such connections; the suite's own databases stay as they are).
    setattr(connections._connections, alias, load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias))


def _unregister(alias: str) -> None:
    connections[alias].close()
    delattr(connections._connections, alias)


def _copy_primary(alias: str, tmp_path) -> tuple[dict, callable]:
    """A second real database holding the primary's data as it is now; returns its settings and its cleanup."""
    primary = connections["default"]
    settings_dict = copy.deepcopy(primary.settings_dict)
    if primary.vendor == "sqlite":
        path = tmp_path / f"{alias}.sqlite3"
        primary.ensure_connection()
        target = sqlite3.connect(path)
        primary.connection.backup(target)
        target.close()
        settings_dict["NAME"] = str(path)
        return settings_dict, lambda: None
    name = f"{primary.settings_dict['NAME']}_{alias}"[:63]
    primary.close()  # PostgreSQL copies a template database only while nobody is connected to it
    with primary._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{primary.settings_dict["NAME"]}"')
    settings_dict["NAME"] = name

    def drop():
        with primary._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return settings_dict, drop


def _dead(tmp_path) -> dict:
    """Settings of a replica that does not answer: a port nobody listens on (a missing folder on SQLite)."""
    settings_dict = copy.deepcopy(connections["default"].settings_dict)
    if connections["default"].vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "replica.sqlite3")
    else:
        with socket.socket() as probe:  # a free port, closed again: connecting to it is refused
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        settings_dict.update(HOST="127.0.0.1", PORT=port)
        settings_dict["OPTIONS"] = {**settings_dict.get("OPTIONS", {}), "connect_timeout": 2}
    return settings_dict


def _route(settings, *aliases: str) -> None:
    """The settings DATABASE_REPLICA_URLS produces, for the given aliases."""
    settings.REPLICA_DATABASES = list(aliases)
    settings.DATABASE_ROUTERS = ["portal.replicas.ReplicaRouter"]
    settings.MIDDLEWARE = ["portal.replicas.ReplicaMiddleware", *settings.MIDDLEWARE]


@pytest.fixture
def world(wagtail_basics):
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    page = article(phuxuan, OLD_TITLE, slug="le-hoi-hue")
    officer = UserFactory(username="lan_phuxuan")
    grant_role(officer, phuxuan, Role.SPECIALIST)
    PersonFactory(unit=phuxuan, user=officer, full_name="Nguyễn Thị Lan", birth_date=None)
    return type("World", (), {"ward": phuxuan, "page": page, "officer": officer})


@pytest.fixture
def replica(world, settings, tmp_path):
    """The alias "replica": a copy taken now; then the primary retitles the article."""
    settings_dict, drop = _copy_primary("replica", tmp_path)
    _register("replica", settings_dict)
    page = ArticlePage.objects.get(pk=world.page.pk)
    page.title = NEW_TITLE
    page.save_revision().publish()
    _route(settings, "replica")
    yield world
    _unregister("replica")
    drop()


def _served(client: Client, url: str, **extra):
    """GET ``url``; the response and the number of queries each database ran for it."""
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as copy_:
        response = client.get(url, **{**WARD, **extra})
    return response, len(primary.captured_queries), len(copy_.captured_queries)


def test_an_anonymous_visitor_reads_public_pages_from_the_replica(replica):
    response, on_primary, on_replica = _served(Client(), replica.page.url)
    assert response.status_code == 200
    assert OLD_TITLE in response.text and NEW_TITLE not in response.text
    assert on_replica > 0 and on_primary == 0


def test_search_and_the_store_api_read_from_the_replica(replica):
    client = Client()
    with CaptureQueriesContext(connections["default"]) as primary:
        search, _on_primary, on_replica = _served(client, "/tim-kiem/?q=l%E1%BB%85+h%E1%BB%99i")
    assert search.status_code == 200 and on_replica > 0
    # The primary only counts the query for editors' promoted results (Wagtail writes a hit).
    assert all("wagtailsearchpromotions" in query["sql"] or query["sql"].split(' "')[0] in TRANSACTION for query in primary.captured_queries), [q['sql'][:90] for q in primary.captured_queries if 'wagtailsearchpromotions' not in q['sql'] and q['sql'].split(' "')[0] not in TRANSACTION]
    api, on_primary, on_replica = _served(client, "/api/v1/store/units/")
    assert api.status_code == 200 and "phuxuan" in api.text
    assert on_replica > 0 and on_primary == 0


def test_a_logged_in_officer_reads_everything_from_the_primary(replica):
    client = Client()
    client.force_login(replica.officer)
    desk, on_primary, on_replica = _served(client, "/ban-lam-viec/")
    assert desk.status_code == 200 and "Bàn làm việc" in desk.text
    assert on_primary > 0 and on_replica == 0
    page, on_primary, on_replica = _served(client, replica.page.url)
    assert NEW_TITLE in page.text and on_replica == 0


def test_the_admin_reads_from_the_primary_even_before_login(replica):
    response, on_primary, on_replica = _served(Client(), "/dang-nhap/")
    assert response.status_code == 200 and on_replica == 0


def test_after_a_post_the_visitor_reads_their_writes_from_the_primary_for_a_while(replica, settings):
    client = Client()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        # Any non-safe request pins; this one is the citizen's question form, sent empty.
        posted = client.post("/hoi-dap/gui-cau-hoi/", {}, **WARD)
        assert posted.status_code == 200 and replicas.PIN_COOKIE in posted.cookies
        response, on_primary, on_replica = _served(client, replica.page.url)
        assert NEW_TITLE in response.text and on_replica == 0 and on_primary > 0
    with time_machine.travel(now + dt.timedelta(seconds=settings.REPLICA_PIN_SECONDS + 1), tick=False):
        response, on_primary, on_replica = _served(client, replica.page.url)
        assert OLD_TITLE in response.text and NEW_TITLE not in response.text
        assert on_replica > 0 and on_primary == 0


def test_a_forged_pin_cookie_is_ignored(replica):
    client = Client()
    client.cookies[replicas.PIN_COOKIE] = "1"
    response, on_primary, on_replica = _served(client, replica.page.url)
    assert OLD_TITLE in response.text and on_replica > 0


def test_a_dead_replica_falls_back_to_the_primary_and_is_left_alone_for_a_while(world, settings, tmp_path):
    _register("replica", _dead(tmp_path))
    _route(settings, "replica")
    try:
        client = Client()
        with CaptureQueriesContext(connections["default"]) as primary:
            response = client.get(world.page.url, **WARD)
        assert response.status_code == 200 and OLD_TITLE in response.text
        assert len(primary.captured_queries) > 0
        assert "replica" in replicas._resting_until
        # The next visitor does not wait for it again: straight to the primary.
        assert client.get(world.page.url, **WARD).status_code == 200
    finally:
        _unregister("replica")


def test_a_dead_replica_beside_a_live_one_sends_visitors_to_the_live_one(world, settings, tmp_path):
    settings_dict, drop = _copy_primary("replica", tmp_path)
    _register("replica", settings_dict)
    _register("replica_dead", _dead(tmp_path))
    _route(settings, "replica_dead", "replica")
    try:
        for _ in range(4):  # the order is random: each visit must land on the live replica
            response, on_primary, on_replica = _served(Client(), world.page.url)
            assert response.status_code == 200 and on_replica > 0 and on_primary == 0
    finally:
        _unregister("replica_dead")
        _unregister("replica")
        drop()


def test_outside_a_request_reads_writes_and_migrations_use_the_primary(settings):
    # Celery tasks, management commands and migrations never run inside the middleware's choice.
    _route(settings, "replica_1")
    assert router.db_for_read(ArticlePage) == "default"
    assert router.db_for_write(ArticlePage) == "default"
    assert router.allow_migrate("replica_1", "news") is False
    assert router.allow_migrate("default", "news") is True


def test_without_replicas_nothing_changes(world, settings):
    assert settings.REPLICA_DATABASES == [] and "portal.replicas.ReplicaMiddleware" not in settings.MIDDLEWARE
    posted = Client().post("/hoi-dap/gui-cau-hoi/", {}, **WARD)
    assert posted.status_code == 200 and replicas.PIN_COOKIE not in posted.cookies
