"""Issue 18 and issue 12 point 7: the anonymous page cache answers before the middleware stack,
on canonical keys (query strings and Host headers cannot grow it), with headers a proxy can use,
and never serves a page to someone it was not kept for."""

import time

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from portal.news.models import Category
from tests.factories.accounts import UserFactory
from tests.factories.news import article

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}
PORTAL = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def _hit(client, django_assert_num_queries, url, **extra):
    with django_assert_num_queries(0):
        return client.get(url, **{**WARD, **extra})


def test_a_hit_costs_no_query_and_carries_validators_for_a_proxy(client, sites, django_assert_num_queries):
    page = article(sites[1], "Tin có bộ kiểm tra")
    first = client.get(page.url, **WARD)
    hit = _hit(client, django_assert_num_queries, page.url)
    assert hit.status_code == 200 and "Tin có bộ kiểm tra" in hit.text
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"] and hit["Last-Modified"]
    assert "public" in hit["Cache-Control"] and "s-maxage=60" in hit["Cache-Control"]
    assert {"cookie", "accept-language"} <= {v.strip().lower() for v in hit["Vary"].split(",")}
    assert hit["Content-Language"] == "vi"
    assert hit["X-Frame-Options"] and hit["X-Content-Type-Options"] == "nosniff"  # security headers still there

    not_modified = _hit(client, django_assert_num_queries, page.url, HTTP_IF_NONE_MATCH=hit["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content


def test_a_page_just_served_is_answered_from_the_process_own_copy_for_a_moment(client, sites, settings, django_assert_num_queries):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.5
    page = article(sites[1], "Tin đọc nhiều")
    first = client.get(page.url, **WARD)
    cache.clear()  # the shared cache loses the entry: this process still has its copy
    assert _hit(client, django_assert_num_queries, page.url).content == first.content
    time.sleep(0.6)
    with CaptureQueriesContext(connection) as rendered:
        assert "Tin đọc nhiều" in client.get(page.url, **WARD).text
    assert rendered.captured_queries  # the moment past, the page is made again
    page.title = "Tin đọc nhiều đã sửa"
    page.save_revision().publish()  # publishing in this process empties its copies at once
    assert "Tin đọc nhiều đã sửa" in client.get(page.url, **WARD).text


def test_unknown_query_parameters_are_served_from_the_same_entry(client, sites, django_assert_num_queries):
    article(sites[1], "Tin một")
    plain = client.get("/tin-tuc/", **WARD)
    for junk in ("?v=1", "?v=2&utm_source=zalo", "?fbclid=abc"):
        hit = _hit(client, django_assert_num_queries, "/tin-tuc/" + junk)
        assert hit.content == plain.content


def test_understood_parameters_make_their_own_entry_in_canonical_order(client, sites, django_assert_num_queries):
    _tinh, phuxuan, _ = sites
    article(phuxuan, "Tin hoạt động", category=Category.ACTIVITY)
    article(phuxuan, "Tin thông báo", category=Category.GOVERNMENT)
    filtered = client.get(f"/tin-tuc/?chuyen-muc={Category.GOVERNMENT}&trang=1", **WARD)
    assert "Tin thông báo" in filtered.text and "Tin hoạt động" not in filtered.text
    same = _hit(client, django_assert_num_queries, f"/tin-tuc/?trang=1&v=9&chuyen-muc={Category.GOVERNMENT}")
    assert same.content == filtered.content
    everything = client.get("/tin-tuc/", **WARD)  # not the filtered entry
    assert "Tin hoạt động" in everything.text


def _rendered(client, url, **host):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **host)
    assert response.status_code == 200 and queries.captured_queries  # rendered, not from the cache
    return response


def test_an_unexpected_value_is_rendered_and_not_kept(client, sites):
    article(sites[1], "Tin một")
    client.get("/tin-tuc/?trang=abc", **WARD)
    response = _rendered(client, "/tin-tuc/?trang=abc", **WARD)
    assert "Tin một" in response.text
    assert "public" not in response.get("Cache-Control", "")


def test_each_unit_site_has_its_own_entry_and_unknown_hosts_are_not_kept(client, sites):
    tinh, phuxuan, thuanhoa = sites
    article(phuxuan, "Tin Phú Xuân")
    article(thuanhoa, "Tin Thuận Hòa")
    assert "Tin Phú Xuân" in client.get("/tin-tuc/", **WARD).text
    other = client.get("/tin-tuc/", HTTP_HOST=f"{thuanhoa.code}.localhost")
    assert "Tin Thuận Hòa" in other.text and "Tin Phú Xuân" not in other.text
    # A Host no site names falls back to the default site: served, never kept.
    client.get("/", HTTP_HOST="ngau-nhien.localhost")
    again = _rendered(client, "/", HTTP_HOST="ngau-nhien.localhost")
    assert "public" not in again.get("Cache-Control", "")


def test_a_logged_in_visitor_never_gets_the_anonymous_copy(client, sites):
    page = article(sites[1], "Tin có nút đề xuất")
    assert "Đề xuất lên Cổng" not in client.get(page.url, **WARD).text  # kept for anonymous visitors
    client.force_login(UserFactory())
    mine = client.get(page.url, **WARD)
    assert "Đề xuất lên Cổng" in mine.text
    assert "private" in mine["Cache-Control"] and "ETag" not in mine


def test_a_waiting_message_is_shown_not_a_cached_page(client, sites):
    page = article(sites[1], "Tin có thông báo")
    client.get(page.url, **WARD)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(messages.SUCCESS, "Đã gửi câu hỏi của bạn.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Đã gửi câu hỏi của bạn." in client.get(page.url, **WARD).text


def test_forms_that_need_a_csrf_token_are_never_kept(client, sites):
    first = client.get("/hoi-dap/gui-cau-hoi/", **PORTAL)
    second = client.get("/hoi-dap/gui-cau-hoi/", **PORTAL)
    assert first.status_code == second.status_code == 200
    assert "csrfmiddlewaretoken" in second.text and "csrftoken" in second.cookies


def test_redirects_still_answer_and_publishing_empties_the_cache(client, sites):
    page = article(sites[1], "Tin gốc")
    client.get(page.url, **WARD)
    Redirect.objects.create(old_path="/tin-cu", redirect_page=page)
    for _ in range(2):
        moved = client.get("/tin-cu/", **WARD)
        assert moved.status_code == 301 and moved["Location"].endswith(page.url)
    page.title = "Tin đã sửa"
    page.save_revision().publish()
    assert "Tin đã sửa" in client.get(page.url, **WARD).text


def test_languages_have_their_own_entries(client, sites):
    vietnamese = client.get("/", **PORTAL)
    assert vietnamese["Content-Language"] == "vi"
    # A browser asking for English at a Vietnamese address still gets the Vietnamese page.
    asked = client.get("/", **PORTAL, HTTP_ACCEPT_LANGUAGE="en")
    assert asked["Content-Language"] == "vi" and asked.content == vietnamese.content
