"""Art. 7.5: the shared applications, kept by the system administrator, with pending counts from a real (tiny) HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.desk.models import SharedApplication
from tests.factories import UserFactory
from tests.factories.desk import SharedApplicationFactory

pytestmark = pytest.mark.django_db

PENDING = {"lan_phuxuan": 7, "hoa_thuanhoa": 2}
ADMIN_LIST = "/quan-tri/shared_applications/"


class _CountHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        user = parse_qs(urlparse(self.path).query).get("user", [""])[0]
        body = json.dumps({"count": PENDING.get(user, 0)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def one_stop_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    cache.clear()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_each_shared_app_shows_my_pending_count_or_that_it_cannot_be_reached(client, tree, settings, one_stop_server):
    one_stop = SharedApplicationFactory(name="Theo dõi, xử lý hồ sơ một cửa", url="https://motcua.example.gov.vn/", count_url=f"{one_stop_server}/api/count")
    SharedApplicationFactory(name="Quản lý văn bản và điều hành", count_url="http://127.0.0.1:1/count")
    SharedApplicationFactory(name="Đăng ký và phát hành giấy mời qua mạng", url="https://giaymoi.example.gov.vn/")
    settings.DESK_SHARED_APPS_TIMEOUT = 2
    client.force_login(tree.officer)
    page = client.get("/ban-lam-viec/").content.decode()
    assert f'data-pending="{one_stop.pk}">7 việc chờ xử lý' in page
    assert "không kết nối được" in page
    assert 'href="https://giaymoi.example.gov.vn/"' in page
    assert page.count("không kết nối được") == 1  # the app without a count endpoint is just a link


def test_the_count_is_the_officers_own(client, tree, one_stop_server):
    one_stop = SharedApplicationFactory(count_url=f"{one_stop_server}/api/count")
    client.force_login(tree.other)
    assert f'data-pending="{one_stop.pk}">2 việc chờ xử lý' in client.get("/ban-lam-viec/").content.decode()


def test_apps_appear_in_the_administrators_order_and_inactive_ones_not_at_all(client, tree):
    SharedApplicationFactory(name="Giải quyết đơn thư", sort_order=2)
    SharedApplicationFactory(name="Quản lý văn bản", sort_order=1)
    SharedApplicationFactory(name="Hệ thống cũ", active=False)
    client.force_login(tree.officer)
    page = client.get("/ban-lam-viec/").content.decode()
    assert page.index("Quản lý văn bản") < page.index("Giải quyết đơn thư")
    assert "Hệ thống cũ" not in page


def test_an_app_without_an_address_is_listed_as_not_configured(client, tree):
    SharedApplicationFactory(name="Đăng ký giấy mời", url="")
    client.force_login(tree.officer)
    assert "chưa cấu hình" in client.get("/ban-lam-viec/").content.decode()


def test_the_desk_reads_the_apps_in_a_constant_number_of_queries(client, tree, django_assert_max_num_queries):
    SharedApplicationFactory()
    client.force_login(tree.officer)
    client.get("/ban-lam-viec/")  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/ban-lam-viec/")
    SharedApplicationFactory.create_batch(6)
    with django_assert_max_num_queries(len(one)):
        client.get("/ban-lam-viec/")


# The Wagtail admin: the system administrator's alone

def _sysadmin(tree):
    user = UserFactory()
    grant_role(user, tree.province, Role.SYSADMIN)
    return user


def _form(**fields):
    return {"name": "Theo dõi, xử lý hồ sơ một cửa", "url": "https://motcua.example.gov.vn/",
            "count_url": "https://motcua.example.gov.vn/api/dem", "sort_order": "2", "active": "on", **fields}


def test_the_system_administrator_adds_an_app_in_the_admin(client, tree):
    client.force_login(_sysadmin(tree))
    assert ADMIN_LIST in client.get("/quan-tri/").content.decode()  # in the settings menu
    response = client.post(f"{ADMIN_LIST}new/", _form())
    assert response.status_code == 302
    app = SharedApplication.objects.get()
    assert (app.url, app.count_url, app.sort_order, app.active) == ("https://motcua.example.gov.vn/", "https://motcua.example.gov.vn/api/dem", 2, True)
    client.force_login(tree.officer)
    assert 'href="https://motcua.example.gov.vn/"' in client.get("/ban-lam-viec/").content.decode()


def test_the_system_administrator_edits_an_app_in_the_admin(client, tree):
    app = SharedApplicationFactory(name="Một cửa")
    client.force_login(_sysadmin(tree))
    assert client.get(f"{ADMIN_LIST}edit/{app.pk}/").status_code == 200
    response = client.post(f"{ADMIN_LIST}edit/{app.pk}/", _form(name="Hồ sơ một cửa", active=""))
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.name == "Hồ sơ một cửa" and not app.active


def test_a_bad_count_address_is_refused_in_vietnamese(client, tree):
    client.force_login(_sysadmin(tree))
    response = client.post(f"{ADMIN_LIST}new/", _form(count_url="file:///etc/passwd"))
    assert response.status_code == 200
    assert "Nhập một URL hợp lệ" in response.content.decode()
    assert not SharedApplication.objects.exists()


def test_an_editor_with_admin_access_cannot_manage_the_apps(client, tree):
    from django.contrib.auth.models import Permission

    app = SharedApplicationFactory(name="Một cửa")
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    grant_role(editor, tree.phuxuan, Role.UNIT_BOARD)
    client.force_login(editor)
    assert ADMIN_LIST not in client.get("/quan-tri/").content.decode()
    for url in (ADMIN_LIST, f"{ADMIN_LIST}new/", f"{ADMIN_LIST}edit/{app.pk}/"):
        assert client.get(url)["Location"] == "/quan-tri/", url  # Wagtail's "permission denied" redirect
    response = client.post(f"{ADMIN_LIST}edit/{app.pk}/", _form(name="Đổi tên"))
    assert response["Location"] == "/quan-tri/"
    app.refresh_from_db()
    assert app.name == "Một cửa"


def test_an_officer_without_admin_access_cannot_reach_the_apps_admin(client, tree):
    client.force_login(tree.officer)
    response = client.post(f"{ADMIN_LIST}new/", _form())
    assert response.status_code == 302 and not SharedApplication.objects.exists()


def test_without_the_stand_ins_the_demo_lists_the_five_apps_unconfigured_and_a_second_run_adds_nothing(client, tree, settings):
    import io

    from intranet.desk import demo

    settings.DEMO_SHARED_APPS = False
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert SharedApplication.objects.count() == 5
    client.force_login(tree.officer)
    assert client.get("/ban-lam-viec/").content.decode().count("chưa cấu hình") == 5
    assert client.get("/ung-dung-mau/1/dem/?user=x").status_code == 404
    assert client.get("/ung-dung-mau/1/").status_code == 404


def test_the_stand_ins_answer_a_steady_count_per_officer_and_nothing_else(client, settings):
    settings.DEMO_SHARED_APPS = True
    first = client.get("/ung-dung-mau/2/dem/?user=lan_phuxuan").json()["count"]
    assert client.get("/ung-dung-mau/2/dem/?user=lan_phuxuan").json() == {"count": first}
    assert 0 <= first < 9
    assert client.get("/ung-dung-mau/6/dem/?user=lan_phuxuan").status_code == 404
    page = client.get("/ung-dung-mau/2/")
    assert "Theo dõi, xử lý hồ sơ một cửa" in page.content.decode() and "ứng dụng mẫu" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_on_a_running_server_the_demo_desk_shows_every_apps_link_and_count(live_server, client, settings):
    """As on `make run`: the demo points the apps at this deployment, and the desk asks it over HTTP."""
    import io
    import json
    import urllib.request

    from django.test import RequestFactory

    from intranet.desk import demo
    from intranet.desk.demo_apps import demo_count

    settings.DEMO_SHARED_APPS = True
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.ALLOWED_HOSTS = ["*"]
    demo.load(io.StringIO())
    assert SharedApplication.objects.filter(count_url__startswith=f"{live_server.url}/ung-dung-mau/").count() == 5
    officer = UserFactory(username="lan_demo")
    client.force_login(officer)
    request = urllib.request.Request(f"{live_server.url}/ban-lam-viec/")  # noqa: S310 (the test's own server)
    request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
    html = urllib.request.urlopen(request).read().decode()  # noqa: S310 (the test's own server)
    assert "chưa cấu hình" not in html and "không kết nối được" not in html
    for number in range(1, 6):
        count = json.loads(demo_count(RequestFactory().get("/", {"user": "lan_demo"}), number).content)["count"]
        assert f'data-pending="{SharedApplication.objects.get(sort_order=number).pk}">{count} việc chờ xử lý' in html
