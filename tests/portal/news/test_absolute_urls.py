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


def _locations(client, host):
    return re.findall(r"<loc>(.*?)</loc>", client.get("/sitemap.xml", HTTP_HOST=host).text)


def test_the_sitemap_lists_the_english_pages_and_published_answers_with_the_port(client, sites):
    import datetime as dt

    from django.utils import timezone
    from wagtail.models import Locale

    from intranet.cases.models import Case
    from search.demo import translate_home

    tinh, phuxuan, thuanhoa = sites
    home = tinh.site.root_page.specific
    home.intro = "<p>Chào mừng đến Huế.</p>"
    home.save_revision().publish()
    translate_home(home, Locale.objects.get(language_code="en"), "Hue City e-Portal", "Welcome to Hue.")
    published = {"step": "published", "answer": "Trả lời.", "published_at": timezone.now() - dt.timedelta(days=1), "body": "Hỏi."}
    Case.objects.create(kind="question", code="HD-2026-PX001", title="Hỏi về đất", agency=phuxuan, requester_name="Trần Thị Riêng", **published)
    Case.objects.create(kind="question", code="HD-2026-TH002", title="Hỏi về hộ tịch", agency=thuanhoa, requester_name="Lê Văn A", **published)
    Case.objects.create(kind="question", code="HD-2026-OPEN1", title="Chưa trả lời", agency=phuxuan, requester_name="Lê Văn Kín", step="received")

    portal = _locations(client, "localhost:8000")
    assert "http://localhost:8000/" in portal and "http://localhost:8000/en/" in portal
    assert {"http://localhost:8000/hoi-dap/HD-2026-PX001/", "http://localhost:8000/hoi-dap/HD-2026-TH002/"} <= set(portal)
    ward = _locations(client, "phuxuan.localhost:8000")
    assert "http://phuxuan.localhost:8000/hoi-dap/HD-2026-PX001/" in ward  # the ward's own answers
    assert not any("HD-2026-TH002" in loc for loc in ward) and not any("HD-2026-OPEN1" in loc for loc in ward + portal)
    assert all(loc.startswith(("http://localhost:8000/", "http://phuxuan.localhost:8000/")) for loc in portal + ward)
    english = client.get("/en/", HTTP_HOST="localhost:8000").text
    assert '<link rel="alternate" hreflang="vi" href="http://localhost:8000/">' in english
    assert '<link rel="alternate" hreflang="en" href="http://localhost:8000/en/">' in english


def test_the_sitemap_costs_the_same_queries_however_many_answers(client, sites, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    from intranet.cases.models import Case

    def cost():
        client.get("/sitemap.xml", HTTP_HOST="localhost:8000")  # Wagtail caches the sites' root paths after the first
        with django_assert_max_num_queries(15) as captured:
            client.get("/sitemap.xml", HTTP_HOST="localhost:8000")
        return len(captured.captured_queries)

    def answers(start, count):
        for n in range(start, start + count):
            Case.objects.create(kind="question", code=f"HD-2026-Q{n:04d}", title=f"Hỏi {n}", agency=sites[1], requester_name="A", step="published",
                                answer="Đáp.", body="Hỏi.", published_at=timezone.now() - dt.timedelta(hours=n))

    answers(0, 2)
    few = cost()
    answers(2, 30)
    assert cost() == few
