"""Art. 7.5: the five shared applications with their pending counts, from a real (tiny) HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PENDING = {"lan_phuxuan": 7, "hoa_thuanhoa": 2}


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
    settings.DESK_SHARED_APPS = [
        {"key": "motcua", "name": "Theo dõi, xử lý hồ sơ một cửa", "url": "https://motcua.example.gov.vn/", "count_url": f"{one_stop_server}/api/count"},
        {"key": "qlvb", "name": "Quản lý văn bản và điều hành", "url": "https://qlvb.example.gov.vn/", "count_url": "http://127.0.0.1:1/count"},
        {"key": "giaymoi", "name": "Đăng ký và phát hành giấy mời qua mạng", "url": "https://giaymoi.example.gov.vn/", "count_url": ""},
    ]
    settings.DESK_SHARED_APPS_TIMEOUT = 2
    client.force_login(tree.officer)
    page = client.get("/ban-lam-viec/").content.decode()
    assert 'data-pending="motcua">7 việc chờ xử lý' in page
    assert "không kết nối được" in page
    assert 'href="https://giaymoi.example.gov.vn/"' in page
    assert page.count("không kết nối được") == 1  # the app without a count endpoint is just a link


def test_the_count_is_the_officers_own(client, tree, settings, one_stop_server):
    settings.DESK_SHARED_APPS = [{"key": "motcua", "name": "Một cửa", "url": "https://motcua.example.gov.vn/", "count_url": f"{one_stop_server}/api/count"}]
    client.force_login(tree.other)
    assert 'data-pending="motcua">2 việc chờ xử lý' in client.get("/ban-lam-viec/").content.decode()


def test_unconfigured_apps_are_listed_without_a_link(client, tree):
    client.force_login(tree.officer)
    page = client.get("/ban-lam-viec/").content.decode()
    assert page.count("chưa cấu hình") == 5
