"""Bad input (issue 16, point 6): characters PostgreSQL refuses get a 400, never a 500, on every
view; rate-limited views answer in Vietnamese with 429. Runs on SQLite and on PostgreSQL (CI)."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from intranet.cases.models import Case
from tests.factories import province

pytestmark = pytest.mark.django_db
PORTAL = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate limits count per test
    yield
    cache.clear()


def _refused(response) -> bool:
    return response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_nul_byte_in_the_answers_search_is_a_400_not_a_database_error(client):
    province()
    assert _refused(client.get("/hoi-dap/?q=a%00b", **PORTAL))


@pytest.mark.parametrize(
    "url",
    ["/hoi-dap/a%00b/", "/tra-cuu/?ma=HD%00", "/danh-ba/?q=%00", "/tim-kiem/?don_vi=%00", "/hoi-dap/?a%00b=1", "/tim-kiem/?q=%ED%A0%80"],
)
def test_refused_characters_anywhere_in_the_address_are_a_400(client, url):
    province()
    response = client.get(url, **PORTAL)
    assert response.status_code in (200, 400) and (response.status_code == 200 or _refused(response))
    if "%00" in url:
        assert _refused(response)


def test_a_nul_byte_in_a_posted_field_or_file_name_saves_nothing(client):
    province()
    data = {"name": "Nguyễn Văn\x00A", "phone": "0905123456", "email": "a@example.vn", "title": "Hỏi", "question": "x" * 50}
    assert _refused(client.post("/hoi-dap/gui-cau-hoi/", data, **PORTAL))
    assert not Case.objects.exists()


def test_a_nul_byte_in_an_uploaded_file_name_is_no_error(client):
    province()
    data = {"name": "Nguyễn Văn A", "phone": "0905123456", "email": "a@example.vn", "title": "Hỏi", "question": "ngắn"}
    upload = SimpleUploadedFile("giay\x00to.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert client.post("/hoi-dap/gui-cau-hoi/", {**data, "attachments": [upload]}, **PORTAL).status_code in (200, 400)
    assert not Case.objects.exists()


def test_a_nul_byte_in_a_cookie_is_a_400(client):
    client.cookies["sessionid"] = "\x00"
    assert _refused(client.get("/hoi-dap/", **PORTAL))


def test_past_the_search_limit_the_visitor_gets_a_vietnamese_429_page(client, settings):
    province()
    settings.SEARCH_RATE = "2/m"
    codes = [client.get("/tim-kiem/", {"q": "huế"}, **PORTAL).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    body = client.get("/tim-kiem/", {"q": "huế"}, **PORTAL).content.decode()
    assert "Vui lòng thử lại sau" in body and "Forbidden" not in body


def test_past_the_api_limit_the_caller_gets_a_json_429_in_vietnamese(client, settings):
    settings.STORE_API_RATE = "1/m"
    assert client.get("/api/v1/store/units/", **PORTAL).status_code == 200
    response = client.get("/api/v1/store/units/", **PORTAL)
    assert response.status_code == 429 and response["Content-Type"] == "application/json"
    assert "quá nhiều yêu cầu" in json.loads(response.content)["error"]
