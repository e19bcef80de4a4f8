"""What every public page wraps its content in (issue 14): the emblem and the unit's name, a main
menu over the sections of Huế Art. 4.2 that have content (never an empty one), the footer a state
portal must show, the accessibility toolbar, and the home page's featured news and category blocks."""

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from portal.home.models import HomePage, StandardPage
from portal.news.models import Category
from portal.pages.models import IntroPage, LegalDocumentIndexPage, LegalDocumentPage, OrganisationPage
from tests.factories.accounts import UserFactory
from tests.factories.boards import BoardFactory, SpeechFactory
from tests.factories.directory import PersonFactory
from tests.factories.news import article
from tests.factories.wagtail import publish_child as _add
from tests.portal.pages_text import menu_items as _menu

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


def test_the_menu_shows_the_sections_with_content_in_the_order_of_article_4_2(client, sites):
    _tinh, phuxuan, _ = sites
    home = phuxuan.site.root_page
    _add(home, IntroPage(title="Giới thiệu", slug="gioi-thieu"))
    documents = _add(home, LegalDocumentIndexPage(title="Văn bản pháp luật", slug="van-ban"))
    _add(home, StandardPage(title="Liên hệ", slug="lien-he", show_in_menus=True))
    _add(home, StandardPage(title="Trang ẩn khỏi menu", slug="an"))

    menu = _menu(client.get("/", **WARD).text)
    # No document, no article, no board, no speech yet: those sections are left out.
    assert "Văn bản" not in menu and "Tin tức" not in menu and "Ban chỉ đạo" not in menu and "Bài phát biểu" not in menu
    assert "Trang ẩn khỏi menu" not in menu
    assert menu[:3] == ["Trang chủ", "Giới thiệu", "Danh bạ"] and "Hỏi đáp" in menu and "Liên hệ" in menu

    _add(documents, LegalDocumentPage(title="Quy chế", slug="quy-che", number="1/QĐ-UBND", issuer="UBND phường",
                                      issued_on=dt.date(2026, 1, 5), summary="Quy chế làm việc"))
    article(phuxuan, "Phường ra quân vệ sinh môi trường")
    BoardFactory(standing_unit=phuxuan, name="Ban Chỉ đạo chuyển đổi số phường")
    SpeechFactory(unit=phuxuan)
    type(phuxuan).objects.filter(pk=phuxuan.pk).update(iso_info="TCVN ISO 9001:2015")
    cache.clear()  # publishing empties the page cache; the board and the unit record do not need to here

    menu = _menu(client.get("/", **WARD).text)
    assert menu == ["Trang chủ", "Giới thiệu", "ISO", "Danh bạ", "Ban chỉ đạo", "Bài phát biểu", "Văn bản",
                    "Tin tức", "Hỏi đáp", "Liên hệ", "Tra cứu hồ sơ"]
    page = client.get("/", **WARD).text
    assert 'href="/gioi-thieu/#iso"' in page and 'alt="Quốc huy"' in page and "Phường Phú Xuân" in page


def test_another_wards_board_does_not_put_boards_in_this_wards_menu(client, sites):
    _tinh, phuxuan, thuanhoa = sites
    BoardFactory(standing_unit=thuanhoa)
    assert "Ban chỉ đạo" not in _menu(client.get("/", **WARD).text)
    assert "Ban chỉ đạo" in _menu(client.get("/", HTTP_HOST="thuanhoa.localhost").text)
    assert "Ban chỉ đạo" in _menu(client.get("/").text)  # the province portal lists every board


def test_the_footer_names_the_managing_body_the_person_responsible_and_the_contacts_never_personal_data(client, sites):
    _tinh, phuxuan, _ = sites
    type(phuxuan).objects.filter(pk=phuxuan.pk).update(address="82 Lê Lợi", phone="0234 3540 740", email="phuxuan@hue.gov.vn")
    phuxuan.refresh_from_db()
    head = UserFactory(first_name="Long", last_name="Tôn Thất")
    grant_role(head, phuxuan, Role.LEADER, is_head=True)
    PersonFactory(user=head, unit=phuxuan, full_name="Tôn Thất Long", position="Chủ tịch UBND phường",
                  birth_date=dt.date(1975, 3, 9), home_address="99 Đường Bí Mật")

    footer = re.search(r"<footer.*</footer>", client.get("/", **WARD).text, re.S).group(0)
    assert "Cơ quan chủ quản: Ủy ban nhân dân phường Phú Xuân" in footer
    assert "Chịu trách nhiệm chính: Tôn Thất Long – Chủ tịch UBND phường" in footer
    assert "82 Lê Lợi" in footer and "0234 3540 740" in footer and "phuxuan@hue.gov.vn" in footer
    assert "99 Đường Bí Mật" not in footer and "09/03/1975" not in footer and "1975" not in footer

    # What the unit's editors write on the home page (tab "Chân trang") wins over the defaults.
    home = HomePage.objects.get(pk=phuxuan.site.root_page_id)
    home.managing_body, home.responsible = "UBND phường Phú Xuân", "Dương Khánh Châu – Phó Chủ tịch UBND phường"
    home.licence = "Giấy phép số 15/GP-TTĐT ngày 02/03/2026"
    home.save_revision().publish()  # as the editor publishes it: the kept footer is forgotten
    footer = re.search(r"<footer.*</footer>", client.get("/", **WARD).text, re.S).group(0)
    assert "Cơ quan chủ quản: UBND phường Phú Xuân" in footer and "Dương Khánh Châu – Phó Chủ tịch UBND phường" in footer
    assert "Giấy phép số 15/GP-TTĐT ngày 02/03/2026" in footer and "Tôn Thất Long" not in footer


def test_every_page_has_the_accessibility_toolbar_without_inline_script(client, sites):
    page = client.get("/", **WARD).text
    for control in ('data-a11y="larger"', 'data-a11y="smaller"', 'data-a11y="contrast"'):
        assert control in page
    assert "Tương phản cao" in page and "onclick" not in page and "<script>" not in page


def test_the_home_page_features_the_latest_and_has_a_block_per_category(client, sites, django_assert_max_num_queries):
    tinh, phuxuan, _ = sites
    article(tinh, "Tin sự kiện của tỉnh", category=Category.PROVINCE_NEWS)
    article(tinh, "Tin điều hành của tỉnh", category=Category.GOVERNMENT)
    for n in range(3):
        article(phuxuan, f"Hoạt động phường số {n}")
    client.get("/", **WARD)
    with django_assert_max_num_queries(30):
        page = client.get("/", **WARD).text
    assert "Tin mới" in page
    blocks = re.findall(r'<section class="home-news category-block">\s*<h2><a href="([^"]+)">([^<]+)</a>', page)
    labels = [label for _url, label in blocks]
    assert labels == [str(Category.PROVINCE_NEWS.label), str(Category.GOVERNMENT.label), str(Category.ACTIVITY.label)]
    assert all("chuyen-muc=" in url for url, _label in blocks)
    assert "Cổng Dịch vụ công quốc gia" in page


def test_organisation_page_lists_the_units_people_from_the_directory_with_public_fields_only(client, sites):
    _tinh, phuxuan, _ = sites
    PersonFactory(unit=phuxuan, full_name="Hoàng Minh An", position="Chủ tịch UBND phường", office_phone="0234 3822 111",
                  home_address="12 Ngõ Riêng", civil_servant_code="CC55555", sort_order=1)
    PersonFactory(unit=phuxuan, full_name="Phan Thanh Linh", position="Công chức Văn hóa – Xã hội", sort_order=5)
    _add(phuxuan.site.root_page, OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))
    page = client.get("/co-cau-to-chuc/", **WARD).text
    assert page.index("Hoàng Minh An") < page.index("Phan Thanh Linh")
    assert "Chủ tịch UBND phường" in page and "0234 3822 111" in page
    assert "12 Ngõ Riêng" not in page and "CC55555" not in page


def test_article_share_links_load_no_third_party_script(client, sites):
    _tinh, phuxuan, _ = sites
    page = client.get(article(phuxuan, "Chia sẻ tin này").url, **WARD).text
    share = re.search(r'<div class="share no-print".*?</div>', page, re.S).group(0)
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fphuxuan.localhost" in share
    assert "Zalo" in share and "Sao chép liên kết" in share and 'data-url="http://phuxuan.localhost' in share
    assert not re.search(r'<script[^>]+src="https?://', page)


def test_the_demo_fills_article_4_2_for_every_unit_with_a_site(client):
    from intranet.accounts import demo as accounts_demo
    from intranet.units import demo as units_demo
    from intranet.units.models import Unit
    from portal.news import demo as news_demo
    from portal.pages import demo as pages_demo

    for loader in (units_demo, accounts_demo, news_demo, pages_demo):
        loader.load(io.StringIO())
    units = Unit.objects.with_site().active()
    assert units.count() > 50
    for field in ("introduction", "functions", "iso_info", "address", "phone", "email"):
        assert not units.filter(**{field: ""}).exists(), field
    page = client.get("/gioi-thieu/", HTTP_HOST="phuxuan.localhost").text
    assert "Chức năng, nhiệm vụ" in page and "ISO 9001:2015" in page
    menu = _menu(client.get("/", HTTP_HOST="phuxuan.localhost").text)
    assert "Liên hệ" in menu and any(item.startswith("Thủ tục hành chính") for item in menu)
    # Two months of visit statistics: the footer shows a count, grouped the Vietnamese way.
    from portal.home.models import PageVisit

    assert re.search(r"Lượt truy cập: \d{1,3}(\.\d{3})+<", client.get("/", HTTP_HOST="phuxuan.localhost").text)
    visits = PageVisit.objects.count()
    assert visits > units.count() * 60
    pages_demo.load(io.StringIO())  # a second run adds nothing
    assert StandardPage.objects.filter(slug="lien-he").count() == units.count()
    assert PageVisit.objects.count() == visits
