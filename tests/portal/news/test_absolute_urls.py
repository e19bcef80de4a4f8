"""Every absolute URL a public page carries names the site's host and port (``make run`` serves on :8000)."""

import re

import pytest

from portal.news.models import Category
from tests.factories.news import article, province_and_wards

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost:8000"}


@pytest.fixture
def sites(settings):
    settings.PORTAL_PORT = 8000  # what `make run` sets: sites are provisioned with the served port
    return province_and_wards()


def test_the_sitemap_names_host_and_port(client, sites):
    page = article(sites[1], "Bài cho sơ đồ trang")
    text = client.get("/sitemap.xml", **WARD).text
    assert f"<loc>http://phuxuan.localhost:8000/tin-tuc/{page.slug}/</loc>" in text
    assert re.findall(r"<loc>(.*?)</loc>", text) and all(loc.startswith("http://phuxuan.localhost:8000/") for loc in re.findall(r"<loc>(.*?)</loc>", text))


def test_the_rss_feed_links_name_host_and_port(client, sites):
    page = article(sites[1], "Tin cho RSS")
    text = client.get("/rss/", **WARD).text
    assert f"<link>http://phuxuan.localhost:8000/tin-tuc/{page.slug}/</link>" in text


def test_canonical_and_og_url_name_host_and_port(client, sites):
    page = article(sites[1], "Tin có đường dẫn chuẩn")
    text = client.get(f"/tin-tuc/{page.slug}/", **WARD).text
    assert f'<link rel="canonical" href="http://phuxuan.localhost:8000/tin-tuc/{page.slug}/">' in text
    assert f'<meta property="og:url" content="http://phuxuan.localhost:8000/tin-tuc/{page.slug}/">' in text


def test_shared_down_news_points_to_the_portal_with_its_port(client, sites):
    shared = article(sites[0], "Tin trong tỉnh", category=Category.PROVINCE_NEWS)
    text = client.get(f"/tin-tuc/{shared.slug}/", **WARD).text
    assert f'<link rel="canonical" href="http://localhost:8000/tin-tuc/{shared.slug}/">' in text


def test_the_republished_copy_links_back_to_the_units_site_with_its_port(client, sites):
    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role
    from portal.news import services
    from tests.factories.accounts import UserFactory

    board, ward_editor = UserFactory(), UserFactory()
    grant_role(board, sites[0], Role.PORTAL_BOARD)
    grant_role(ward_editor, sites[1], Role.UNIT_BOARD)
    page = article(sites[1], "Phú Xuân khánh thành cầu dân sinh")
    copy = services.republish(services.offer_up(page, ward_editor), board)
    text = client.get(copy.url, HTTP_HOST="localhost:8000").text
    assert f'href="http://phuxuan.localhost:8000/tin-tuc/{page.slug}/"' in text
