"""Home, news list and article cost the same number of queries with few or many articles,
and anonymous visitors are served from the cache until something is published."""

import pytest

from portal.news.models import Category
from tests.factories.news import article

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


def _fill(sites, count):
    tinh, phuxuan, _ = sites
    pages = [article(phuxuan, f"Tin phường {n}", with_image=True) for n in range(count)]
    pages += [article(tinh, f"Tin tỉnh {n}", category=Category.PROVINCE_NEWS, with_image=True) for n in range(count // 2)]
    return pages


def _queries(client, django_assert_max_num_queries, url, limit):
    client.get(url, **WARD)  # renditions are made on the first view; count a visitor after that
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url, **WARD)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", ["/", "/tin-tuc/", "/tin-tuc/?chuyen-muc=hoat-dong", "/rss/"])
def test_list_pages_do_not_grow_queries_with_articles(client, sites, django_assert_max_num_queries, url):
    _fill(sites, 3)
    few = _queries(client, django_assert_max_num_queries, url, 25)
    _fill(sites, 14)
    many = _queries(client, django_assert_max_num_queries, url, 25)
    assert many == few


def test_article_page_does_not_grow_queries_with_articles(client, sites, django_assert_max_num_queries):
    page = _fill(sites, 3)[0]
    few = _queries(client, django_assert_max_num_queries, page.url, 30)
    _fill(sites, 14)
    many = _queries(client, django_assert_max_num_queries, page.url, 30)
    assert many == few


def test_anonymous_pages_come_from_the_cache_until_something_is_published(client, sites, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 300
    _tinh, phuxuan, _ = sites
    article(phuxuan, "Tin đầu tiên")
    assert "Tin đầu tiên" in client.get("/tin-tuc/", **WARD).text
    with django_assert_max_num_queries(0):
        cached = client.get("/tin-tuc/", **WARD)
    assert "Tin đầu tiên" in cached.text
    article(phuxuan, "Tin vừa đăng")  # publishing empties the cache
    assert "Tin vừa đăng" in client.get("/tin-tuc/", **WARD).text


def test_logged_in_visitors_are_not_served_the_anonymous_copy(client, sites, settings):
    from tests.factories.accounts import UserFactory

    settings.PAGE_CACHE_SECONDS = 300
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Tin có nút đề xuất")
    anonymous = client.get(page.url, **WARD).text
    assert "Đề xuất lên Cổng" not in anonymous
    client.force_login(UserFactory())
    assert "Đề xuất lên Cổng" in client.get(page.url, **WARD).text
