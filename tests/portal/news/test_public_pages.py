import pytest

from portal.news.models import Category
from tests.factories.news import article, gallery

pytestmark = pytest.mark.django_db

PORTAL = {"HTTP_HOST": "localhost"}
WARD = {"HTTP_HOST": "phuxuan.localhost"}


def test_each_site_has_its_news_and_gallery_sections(client, sites):
    for host in (PORTAL, WARD, {"HTTP_HOST": "thuanhoa.localhost"}):
        assert "Tin tức" in client.get("/tin-tuc/", **host).text
        assert "Thư viện ảnh" in client.get("/thu-vien-anh/", **host).text


def test_home_lists_the_sites_newest_articles(client, sites):
    tinh, phuxuan, thuanhoa = sites
    article(phuxuan, "Phú Xuân ra quân dọn vệ sinh")
    article(thuanhoa, "Thuận Hóa tổ chức hội thi")
    home = client.get("/", **WARD)
    assert "Phú Xuân ra quân dọn vệ sinh" in home.text
    assert "Thuận Hóa tổ chức hội thi" not in home.text


def test_article_page_shows_body_print_button_and_canonical_link(client, sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Họp dân khu vực 3", body="<p>Nội dung cuộc họp dân.</p>", with_image=True)
    response = client.get(f"/tin-tuc/{page.slug}/", **WARD)
    assert response.status_code == 200
    assert "Nội dung cuộc họp dân." in response.text
    assert "In bài viết" in response.text
    assert f'<link rel="canonical" href="http://phuxuan.localhost/tin-tuc/{page.slug}/">' in response.text
    assert 'property="og:image"' in response.text


def test_news_list_filters_by_category(client, sites):
    tinh, *_ = sites
    article(tinh, "Tin điều hành về phòng chống bão", category=Category.GOVERNMENT)
    article(tinh, "Lễ hội Festival Huế khai mạc", category=Category.PROVINCE_NEWS)
    filtered = client.get("/tin-tuc/?chuyen-muc=tin-dieu-hanh", **PORTAL).text
    assert "Tin điều hành về phòng chống bão" in filtered
    assert "Lễ hội Festival Huế khai mạc" not in filtered


def test_portal_news_is_shared_down_to_every_unit_site_with_canonical_to_portal(client, sites):
    tinh, phuxuan, _ = sites
    shared = article(tinh, "UBND thành phố chỉ đạo ứng phó mưa lũ", category=Category.GOVERNMENT)
    listing = client.get("/tin-tuc/", **WARD).text
    assert "UBND thành phố chỉ đạo ứng phó mưa lũ" in listing
    assert f'href="/tin-tuc/{shared.slug}/"' in listing
    on_ward = client.get(f"/tin-tuc/{shared.slug}/", **WARD)
    assert on_ward.status_code == 200
    assert f'<link rel="canonical" href="http://localhost/tin-tuc/{shared.slug}/">' in on_ward.text
    assert "Cổng thông tin điện tử tỉnh chia sẻ" in on_ward.text


def test_unit_activity_news_is_not_shared_sideways_or_up_by_itself(client, sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Phú Xuân trao quà Tết")
    assert "Phú Xuân trao quà Tết" not in client.get("/tin-tuc/", HTTP_HOST="thuanhoa.localhost").text
    assert "Phú Xuân trao quà Tết" not in client.get("/tin-tuc/", **PORTAL).text
    assert client.get(f"/tin-tuc/{page.slug}/", HTTP_HOST="thuanhoa.localhost").status_code == 404


def test_gallery_page_shows_its_photos(client, sites):
    _tinh, phuxuan, _ = sites
    page = gallery(phuxuan, "Lễ hội đình làng", photos=3)
    listing = client.get("/thu-vien-anh/", **WARD).text
    assert "Lễ hội đình làng" in listing
    detail = client.get(f"/thu-vien-anh/{page.slug}/", **WARD).text
    assert detail.count("<figure>") == 3 and "Ảnh 2" in detail


def test_rss_feed_lists_the_sites_articles(client, sites):
    tinh, phuxuan, _ = sites
    article(phuxuan, "Phú Xuân khánh thành nhà văn hóa")
    article(tinh, "Tin trong tỉnh cho mọi trang", category=Category.PROVINCE_NEWS)
    response = client.get("/rss/", **WARD)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Phú Xuân khánh thành nhà văn hóa" in response.text
    assert "Tin trong tỉnh cho mọi trang" in response.text


def test_sitemap_lists_the_sites_pages(client, sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Bài cho sơ đồ trang")
    response = client.get("/sitemap.xml", **WARD)
    assert f"http://phuxuan.localhost/tin-tuc/{page.slug}/" in response.text


def test_draft_articles_are_not_public(client, sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Bản nháp chưa duyệt", live=False)
    assert client.get(f"/tin-tuc/{page.slug}/", **WARD).status_code == 404
    assert "Bản nháp chưa duyệt" not in client.get("/tin-tuc/", **WARD).text
