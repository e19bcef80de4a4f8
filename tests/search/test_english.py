"""The English portal: the locale exists, the home is served at /en/, versions link to each other, English is searchable."""

from wagtail.models import Locale

from search.demo import translate_home
from tests.factories.search import standard_page
from tests.search.helpers import assert_versions_linked, group

PORTAL = {"HTTP_HOST": "localhost"}


def test_the_english_locale_exists_after_migrations(db):
    assert Locale.objects.filter(language_code="en").exists()


def test_the_portal_home_in_english_is_served_at_en(client, english_home):
    response = client.get("/en/", **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Hue City e-Portal" in html and "Welcome to Hue." in html


def test_the_vietnamese_home_stays_at_the_root(client, portal_home, english_home):
    response = client.get("/", **PORTAL)
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert "Hue City e-Portal" not in response.content.decode()


def test_each_language_version_links_to_the_other_with_hreflang(client, portal_home, english_home):
    assert_versions_linked(client, "/", "/en/")


def test_a_page_without_translation_switches_to_the_other_home_without_hreflang(client, portal_home, english_home):
    page = standard_page(portal_home, "Giới thiệu chung")
    response = client.get(page.url, **PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hreflang="en" href=' not in html.split("</head>")[0]
    assert '<a href="/ngon-ngu/en/" hreflang="en" lang="en">English</a>' in html
    assert client.get("/ngon-ngu/en/", **PORTAL)["Location"] == "/en/"


def test_without_an_english_home_the_switcher_leads_to_the_vietnamese_one(client, portal_home):
    response = client.get("/ngon-ngu/en/", **PORTAL)
    assert response.status_code == 302 and response["Location"] == "/"


def test_views_that_are_not_pages_offer_the_switcher_too(client, english_home):
    html = client.get("/tim-kiem/", **PORTAL).content.decode()
    assert '<a href="/ngon-ngu/en/" hreflang="en" lang="en">English</a>' in html
    assert client.get("/ngon-ngu/xx/", **PORTAL).status_code == 404


def test_english_pages_are_found_by_the_search_and_marked_as_english(client, english_home):
    response = client.get("/tim-kiem/", {"q": "hue city", "loai": "trang"}, **PORTAL)
    hits = group(response, "trang").shown
    assert [str(hit["title"]) for hit in hits] == ["<mark>Hue</mark> <mark>City</mark> e-Portal"]
    assert hits[0]["language"] == "en"
    assert hits[0]["url"].endswith("/en/")
    assert hits[0]["unit"].code == "hue"


def test_the_demo_translation_is_idempotent(portal_home, english):
    first = translate_home(portal_home.specific, english, "Hue City e-Portal", "")
    second = translate_home(portal_home.specific, english, "Other title", "")
    assert first.pk == second.pk and second.title == "Hue City e-Portal"


def test_the_english_footer_names_the_unit_the_head_and_the_licence_in_english(client, hue, portal_home, english_home):
    """Issue 14: no "People's Committee of thành phố Huế" and no Vietnamese licence line on English pages."""
    import re

    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role
    from search.demo import ENGLISH_LICENCE, translate_licence
    from tests.factories.accounts import UserFactory
    from tests.factories.directory import PersonFactory

    type(hue).objects.filter(pk=hue.pk).update(name_en="Hue City")
    head = UserFactory(first_name="Phương", last_name="Nguyễn Văn")
    grant_role(head, hue, Role.LEADER, is_head=True)
    PersonFactory(user=head, unit=hue, full_name="Nguyễn Văn Phương", position="Chủ tịch UBND thành phố",
                  position_en="Chairperson of the City People's Committee")
    home = portal_home.specific
    home.licence = "Giấy phép thiết lập Cổng thông tin điện tử số 25/GP-STTTT ngày 10/07/2025 của Sở Văn hóa và Thể thao thành phố Huế"
    home.save_revision().publish()
    from portal.pages import demo as pages_demo

    assert home.licence == pages_demo.PORTAL_LICENCE
    translate_licence(home, english_home.locale)

    footer = re.search(r"<footer.*</footer>", client.get("/en/", **PORTAL).text, re.S).group(0)
    assert "Managing body: People&#x27;s Committee of Hue City" in footer
    assert "Responsible: Nguyễn Văn Phương – Chairperson of the City People&#x27;s Committee" in footer
    assert ENGLISH_LICENCE in footer and "Giấy phép" not in footer and "thành phố Huế</p>" not in footer
    vietnamese = re.search(r"<footer.*</footer>", client.get("/", **PORTAL).text, re.S).group(0)
    assert "Cơ quan chủ quản: Ủy ban nhân dân thành phố Huế" in vietnamese and "Giấy phép thiết lập" in vietnamese
    assert "Chủ tịch UBND thành phố" in vietnamese
