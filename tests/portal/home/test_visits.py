"""Issue 14: visit statistics per page and per site, counted with nothing personal and with no
database write per request (cached hits included), added to the database by beat's job; the
footer shows the site's count; boards and leaders download them as XLSX for their units."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.jobs.schedule import SCHEDULE
from portal.home.models import PageVisit
from portal.home.tasks import flush_visits
from portal.news.models import Category
from tests.factories.accounts import UserFactory
from tests.factories.news import article

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}
VISITOR = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "TrinhDuyetRiengTu/9.9", "HTTP_X_FORWARDED_FOR": "198.51.100.23"}


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_visits_are_counted_per_page_and_site_cached_or_not_without_a_write(client, sites, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 300
    page = article(sites[1], "Tin được xem")
    with CaptureQueriesContext(connection) as rendered:
        client.get(page.url, **WARD, **VISITOR)  # rendered and kept
    assert _writes(rendered.captured_queries) == []
    for _n in range(2):
        with django_assert_num_queries(0):  # answered by the page cache: still a visit
            assert client.get(page.url, **WARD, **VISITOR).status_code == 200
    client.get("/", **WARD)
    assert PageVisit.objects.count() == 0  # nothing reaches the database before the job
    assert flush_visits() == 4
    site = sites[1].site
    assert set(PageVisit.objects.values_list("site_id", "page_id", "count", "day")) == {
        (site.pk, page.pk, 3, timezone.localdate()), (site.pk, site.root_page_id, 1, timezone.localdate())}
    client.get(page.url, **WARD)
    assert flush_visits() == 1 and flush_visits() == 0  # each visit counted once
    assert PageVisit.objects.get(page=page).count == 4


def test_officers_visits_count_too_and_a_shared_article_counts_for_the_site_it_was_read_on(client, sites):
    tinh, phuxuan, _ = sites
    shared = article(tinh, "Tin của tỉnh chia sẻ xuống", category=Category.PROVINCE_NEWS)
    client.force_login(UserFactory())
    assert "Tin của tỉnh chia sẻ xuống" in client.get(f"/tin-tuc/{shared.slug}/", **WARD).text
    flush_visits()
    assert list(PageVisit.objects.values_list("site_id", "page_id", "count")) == [(phuxuan.site_id, shared.pk, 1)]


def _raw_cache_entries() -> bytes:
    """Every key and stored value of the configured cache, as bytes: the local memory cache of the
    embedded default or the Redis of production (CI's PostgreSQL run)."""
    backend = cache._cache
    if hasattr(backend, "get_client"):  # django.core.cache.backends.redis
        client = backend.get_client(None)
        return b"".join(key + (client.get(key) or b"") for key in client.keys("*") if client.type(key) == b"string")
    return b"".join(key.encode() + value for key, value in list(backend.items()))


def test_nothing_personal_is_counted(client, sites, settings):
    settings.PAGE_CACHE_SECONDS = 300
    page = article(sites[1], "Tin riêng tư")
    response = client.get(page.url, **WARD, **VISITOR)
    client.get(page.url, **WARD, **VISITOR)
    assert not response.cookies  # no cookie to recognise a visitor by
    assert {field.name for field in PageVisit._meta.get_fields()} == {"id", "day", "site", "page", "count"}
    flush_visits()
    assert PageVisit.objects.get(page=page).count == 2
    stored = _raw_cache_entries()
    assert b"visits:" in stored
    for personal in ("203.0.113.77", "198.51.100.23", "TrinhDuyetRiengTu"):
        assert personal.encode() not in stored


def test_the_footer_shows_the_sites_visit_count_with_a_vietnamese_thousand_separator(client, sites):
    site = sites[1].site
    today = timezone.localdate()
    PageVisit.objects.create(site=site, page_id=site.root_page_id, day=today - dt.timedelta(days=1), count=12_000)
    PageVisit.objects.create(site=site, page_id=site.root_page_id, day=today, count=345)
    PageVisit.objects.create(site=sites[2].site, page_id=sites[2].site.root_page_id, day=today, count=999)
    html = client.get("/", **WARD).text
    assert "Lượt truy cập: 12.345" in html


def test_the_flush_is_a_beat_job():
    assert SCHEDULE["visits-flush"][:2] == ("portal.home.tasks.flush_visits", {"minute": "*/5"})


def _visits(sites):
    tinh, phuxuan, thuanhoa = sites
    today = timezone.localdate()
    news = article(phuxuan, "Tin nổi bật phường")
    rows = [
        (phuxuan, phuxuan.site.root_page_id, today, 120), (phuxuan, news.pk, today, 45), (phuxuan, news.pk, today - dt.timedelta(days=40), 7),
        (thuanhoa, thuanhoa.site.root_page_id, today, 80), (tinh, tinh.site.root_page_id, today, 900),
    ]
    for unit, page_id, day, count in rows:
        PageVisit.objects.create(site=unit.site, page_id=page_id, day=day, count=count)
    return news


def _sheets(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


def test_a_wards_board_downloads_its_sites_statistics_for_a_range(client, sites):
    tinh, phuxuan, _ = sites
    _visits(sites)
    board = UserFactory()
    grant_role(board, phuxuan, Role.UNIT_BOARD)
    client.force_login(board)
    start = (timezone.localdate() - dt.timedelta(days=10)).strftime("%d/%m/%Y")
    by_site, by_page = _sheets(client.get(f"/thong-ke-truy-cap/?don-vi=phuxuan&tu-ngay={start}&dinh-dang=xlsx"))
    assert ["Phường Phú Xuân", "phuxuan.localhost", 165] in by_site and ["Tổng cộng", None, 165] in by_site
    assert not any(row[0] in ("Phường Thuận Hóa", tinh.name) for row in by_site)
    assert by_page[0] == ["Đơn vị", "Trang", "Đường dẫn", "Lượt truy cập"]
    assert by_page[1:] == [["Phường Phú Xuân", phuxuan.site.root_page.title, "/", 120], ["Phường Phú Xuân", "Tin nổi bật phường", by_page[2][2], 45]]
    assert by_page[2][2].startswith("/tin-tuc/")
    # Another unit's statistics are refused, on screen and as a workbook.
    assert client.get("/thong-ke-truy-cap/?don-vi=thuanhoa").status_code == 403
    assert client.get("/thong-ke-truy-cap/?don-vi=thuanhoa&dinh-dang=xlsx").status_code == 403


def test_the_portal_board_sees_every_site_and_others_see_nothing(client, sites, django_assert_max_num_queries):
    tinh, phuxuan, _ = sites
    _visits(sites)
    board = UserFactory()
    grant_role(board, tinh, Role.PORTAL_BOARD)
    client.force_login(board)
    with django_assert_max_num_queries(20):
        screen = client.get("/thong-ke-truy-cap/?don-vi=" + tinh.code)
    assert screen.status_code == 200 and "Tải bảng tính (XLSX)" in screen.text
    assert [(unit.code, total) for unit, total in screen.context["report"]["sites"]] == [(tinh.code, 900), ("phuxuan", 165), ("thuanhoa", 80)]  # this month
    assert "1.145" in screen.text  # the total, grouped the Vietnamese way
    bad = client.get("/thong-ke-truy-cap/?don-vi=" + tinh.code + "&tu-ngay=31/02/2026")
    assert bad.status_code == 400 and "hợp lệ" in bad.text
    client.force_login(UserFactory())
    assert client.get("/thong-ke-truy-cap/").status_code == 403
    client.logout()
    assert client.get("/thong-ke-truy-cap/").status_code == 302
