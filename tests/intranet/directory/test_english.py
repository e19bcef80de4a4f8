"""The directory in English: the portal's directory page translated with wagtail-localize, at /en/directory/."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from intranet.directory.demo import directory_page
from search.demo import ENGLISH_DIRECTORY, translate_home
from search.translations import publish_translation
from tests.factories.directory import PersonFactory
from tests.factories.units import UnitFactory
from tests.search.helpers import assert_versions_linked

PORTAL = {"HTTP_HOST": "localhost"}
PRIVATE_VALUES = ("1985-06-15", "15/06/1985", "12 Lê Lợi, Huế", "CC0", "0905")


def _html(client, url):
    response = client.get(url, **PORTAL)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def vietnamese_page(org):
    return directory_page(org.tinh.site.root_page)


@pytest.fixture
def english_page(org, vietnamese_page):
    english = Locale.objects.get(language_code="en")
    translate_home(org.tinh.site.root_page.specific, english, "Provincial e-Portal", "")
    return publish_translation(vietnamese_page, english, ENGLISH_DIRECTORY)


def test_the_directory_page_is_a_wagtail_localize_translation_at_en_directory(english_page, vietnamese_page):
    assert english_page.full_url == "http://localhost/en/directory/" and english_page.locale.language_code == "en"
    assert Translation.objects.filter(source__object_id=vietnamese_page.translation_key, target_locale=english_page.locale).exists()


def test_the_english_tree_shows_english_unit_names_and_falls_back_to_vietnamese(client, english_page):
    html = _html(client, "/en/directory/")
    assert '<html lang="en">' in html and "Directory of agencies" in html
    assert '<a href="/en/directory/stp/">Department of Justice</a>' in html
    assert '<a href="/en/directory/sxd/">Sở Xây dựng</a>' in html  # no English name yet
    assert ">Sở Tư pháp<" not in html


def test_the_english_unit_page_shows_english_positions_and_falls_back_to_vietnamese(client, org, english_page):
    PersonFactory(unit=org.office, full_name="Trần Anh", position="Phó Chánh Văn phòng")
    html = _html(client, "/en/directory/stp-vp/")
    assert "Lê Thị Văn Thư" in html and ">Clerk</td>" in html and "Văn thư" not in html
    assert ">Phó Chánh Văn phòng</td>" in html  # no English position yet
    assert "<th>Position</th>" in html and '<a href="/en/directory/">Directory of agencies</a>' in html


def test_the_english_unit_page_shows_no_personal_data(client, org, english_page):
    PersonFactory(unit=org.stp, full_name="Võ Đức Thắng", position="Giám đốc", position_en="Director", mobile_phone="0905 123 456",
                  home_address="12 Lê Lợi, Huế", civil_servant_code="CC0123")
    html = _html(client, "/en/directory/stp/")
    assert "Võ Đức Thắng" in html and "Director" in html
    for value in PRIVATE_VALUES:
        assert value not in html


def test_the_vietnamese_directory_stays_at_danh_ba_with_the_pages_text(client, english_page):
    html = _html(client, "/danh-ba/")
    assert '<html lang="vi">' in html and "Danh bạ tổ chức, hành chính" in html
    assert '<a href="/danh-ba/stp/">Sở Tư pháp</a>' in html and "Department of Justice" not in html


def test_both_versions_link_to_each_other_with_hreflang_down_to_the_unit(client, english_page):
    assert_versions_linked(client, "/danh-ba/", "/en/directory/")
    assert_versions_linked(client, "/danh-ba/stp/", "/en/directory/stp/")


def test_old_english_links_lead_to_the_english_pages(client, english_page):
    response = client.get("/danh-ba/stp/?lang=en", **PORTAL)
    assert response.status_code == 301 and response["Location"] == "/en/directory/stp/"


def test_an_unknown_unit_is_not_found_in_english(client, english_page):
    assert client.get("/en/directory/khong-co/", **PORTAL).status_code == 404


def test_a_site_without_a_directory_page_still_answers_danh_ba(client, org, english_page):
    html = client.get("/danh-ba/stp/", HTTP_HOST="stp.localhost").content.decode()
    assert "Sở Tư pháp" in html and "Lê Thị Văn Thư" not in html  # stp's own people are listed on stp-vp


def test_the_english_unit_page_costs_the_same_queries_with_more_people(client, org, english_page, django_assert_max_num_queries):
    PersonFactory.create_batch(2, unit=org.stp, position_en="Officer")
    client.get("/en/directory/stp/", **PORTAL)
    with django_assert_max_num_queries(15) as few:
        client.get("/en/directory/stp/", **PORTAL)
    PersonFactory.create_batch(30, unit=org.stp)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/directory/stp/", **PORTAL)
    assert response.content.decode().count("<tr><th scope=\"row\">") == 32


def test_the_english_tree_costs_the_same_queries_with_more_units(client, org, english_page, django_assert_max_num_queries):
    client.get("/en/directory/", **PORTAL)
    with django_assert_max_num_queries(15) as few:
        client.get("/en/directory/", **PORTAL)
    queries = len(few.captured_queries)  # read now: the next request starts a new query log
    for n in range(20):
        UnitFactory(parent=org.sxd, code=f"sxd-p{n}", kind="office", has_site=False, name_en=f"Office {n}")
    client.get("/en/directory/", **PORTAL)  # a saved unit empties what each process keeps (portal.memo)
    with django_assert_max_num_queries(queries):
        html = client.get("/en/directory/", **PORTAL).content.decode()
    assert "Office 19" in html


def test_the_directory_lists_the_agencies_before_the_wards_keeping_the_tree(client, org):
    """Issue 14: the office and the departments at the top, not after forty wards created before them."""
    UnitFactory(parent=org.tinh, code="phuxuan", name="Phường Phú Xuân", kind="commune", has_site=False)
    UnitFactory(parent=org.tinh, code="sgd", name="Sở Giáo dục", kind="department", has_site=False)
    html = _html(client, "/danh-ba/")
    order = [html.index(f'href="/danh-ba/{code}/"') for code in ("stp", "stp-vp", "sxd", "sgd", "phuxuan")]
    assert order == sorted(order)
