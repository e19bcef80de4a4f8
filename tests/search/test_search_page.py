"""/tim-kiem/ as a visitor uses it: folded matching, visibility, hostile input, unit scoping, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from intranet.directory.models import Person
from tests.factories.directory import PersonFactory
from tests.factories.search import legal_document, make_private, standard_page
from tests.factories.units import UnitFactory
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
PHUXUAN = {"HTTP_HOST": "phuxuan.localhost"}


def test_an_unaccented_query_finds_pages_units_and_people_with_the_words_marked(client, portal_home, phuxuan):
    standard_page(portal_home, "Lễ hội Đồng Đà năm 2026", description="Chương trình lễ hội ở Đồng Đà.")
    PersonFactory(unit=phuxuan, full_name="Lê Thị Đông", position="Phó Chủ tịch")
    response = client.get("/tim-kiem/", {"q": "dong"}, **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lễ hội <mark>Đồng</mark> Đà năm 2026" in html
    assert "Lê Thị <mark>Đông</mark>" in html
    assert "Phó Chủ tịch" in html


def test_upper_case_accented_query_finds_the_unit(client, portal_home, phuxuan):
    response = client.get("/tim-kiem/", {"q": "PHÚ XUÂN", "loai": "don-vi"}, **PORTAL)
    assert "Phường <mark>Phú</mark> <mark>Xuân</mark>" in response.content.decode()


def test_drafts_and_private_pages_never_appear_in_results_or_counts(client, portal_home):
    standard_page(portal_home, "Kế hoạch tuyển dụng công khai")
    standard_page(portal_home, "Kế hoạch tuyển dụng bản nháp", live=False)
    make_private(standard_page(portal_home, "Kế hoạch tuyển dụng nội bộ"))
    response = client.get("/tim-kiem/", {"q": "ke hoach tuyen dung", "loai": "trang"}, **PORTAL)
    html = response.content.decode()
    assert "công khai" in html
    assert "bản nháp" not in html and "nội bộ" not in html
    assert response.context["total"] == 1


def test_people_are_found_by_public_fields_only_and_private_ones_never_show(client, phuxuan):
    person = PersonFactory(unit=phuxuan, full_name="Hoàng Văn Bình", civil_servant_code="CC98765", home_address="99 Đường Bí Mật")
    by_code = client.get("/tim-kiem/", {"q": "CC98765"}, **PORTAL)
    by_address = client.get("/tim-kiem/", {"q": "duong bi mat"}, **PORTAL)
    by_name = client.get("/tim-kiem/", {"q": "hoang van binh"}, **PORTAL)
    assert by_code.context["total"] == 0
    assert by_address.context["total"] == 0
    html = by_name.content.decode()
    assert by_name.context["total"] == 1
    assert "CC98765" not in html and "99 Đường Bí Mật" not in html and "1985" not in html
    person.status = Person.Status.RETIRED
    person.save()
    assert client.get("/tim-kiem/", {"q": "hoang van binh"}, **PORTAL).context["total"] == 0


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "'; DROP TABLE wagtailcore_page; --",
        "<script>alert('x')</script>",
        "NEAR( AND OR NOT *",
        "đà " * 2000,
    ],
)
def test_empty_long_and_hostile_queries_get_a_normal_escaped_page(client, portal_home, query):
    standard_page(portal_home, "Đà Nẵng và Huế")
    response = client.get("/tim-kiem/", {"q": query}, **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html or "<script>" not in query


def test_a_nul_byte_in_the_query_gets_the_bad_request_page_not_an_error(client, portal_home):
    response = client.get("/tim-kiem/", {"q": "da nang\x00"}, **PORTAL)
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_very_long_query_is_cut_and_the_visitor_told(client, portal_home):
    response = client.get("/tim-kiem/", {"q": "đà " * 2000}, **PORTAL)
    assert len(response.context["search_query"]) == 200
    assert "Từ khóa quá dài" in response.content.decode()


def test_a_unit_site_shows_its_own_content_first(client, portal_home, phuxuan_home):
    standard_page(portal_home, "Lịch tiếp công dân của thành phố")
    standard_page(phuxuan_home, "Lịch tiếp công dân của phường")
    on_ward = client.get("/tim-kiem/", {"q": "lich tiep cong dan", "loai": "trang"}, **PHUXUAN)
    titles = [str(hit["title"]) for hit in group(on_ward, "trang").shown]
    assert [t.endswith("phường") for t in titles] == [True, False]


def test_results_can_be_limited_to_one_unit(client, hue, portal_home, phuxuan_home):
    standard_page(portal_home, "Thông báo lịch cắt điện thành phố")
    standard_page(phuxuan_home, "Thông báo lịch cắt điện phường")
    response = client.get("/tim-kiem/", {"q": "cat dien", "don_vi": "phuxuan"}, **PORTAL)
    pages = group(response, "trang")
    assert pages.hits.count() == 1
    assert str(pages.shown[0]["title"]).endswith("phường")
    assert pages.shown[0]["unit"].code == "phuxuan"


def test_results_are_filtered_by_type_and_paginated(client, portal_home, phuxuan):
    for n in range(23):
        standard_page(portal_home, f"Văn bản chỉ đạo số {n}")
    PersonFactory(unit=phuxuan, full_name="Nguyễn Văn Bản")
    first = client.get("/tim-kiem/", {"q": "van ban", "loai": "trang"}, **PORTAL)
    second = client.get("/tim-kiem/", {"q": "van ban", "loai": "trang", "trang": 2}, **PORTAL)
    assert len(group(first, "trang").shown) == 20
    assert len(group(second, "trang").shown) == 3
    assert all(not g.shown for g in first.context["groups"] if g.type.key != "trang")
    assert "trang=2" in first.content.decode()


def test_the_overview_shows_a_few_of_each_type_with_a_link_to_all(client, portal_home):
    for n in range(7):
        standard_page(portal_home, f"Thông cáo báo chí {n}")
    response = client.get("/tim-kiem/", {"q": "thong cao"}, **PORTAL)
    assert len(group(response, "trang").shown) == 5
    assert "Xem tất cả 7 kết quả" in response.content.decode()


def _queries_for(client, query):
    # Warm what any page view warms (site root paths in the cache, the query's hit counter).
    client.get("/tim-kiem/", {"q": query}, **PHUXUAN)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/tim-kiem/", {"q": query}, **PHUXUAN).status_code == 200
    with CaptureQueriesContext(connection) as captured_type:
        assert client.get("/tim-kiem/", {"q": query, "loai": "trang"}, **PHUXUAN).status_code == 200
    return len(captured), len(captured_type)


def test_the_number_of_queries_does_not_grow_with_the_results(client, hue, portal_home, phuxuan_home, phuxuan):
    def add(n, start):
        for i in range(start, start + n):
            standard_page(portal_home if i % 2 else phuxuan_home, f"Báo cáo tuần {i}")
            PersonFactory(unit=phuxuan, full_name=f"Báo Cáo {i}")
            UnitFactory(parent=hue, code=f"baocao{i}", name=f"Ban báo cáo {i}", has_site=False)

    add(2, 0)
    few = _queries_for(client, "bao cao")
    add(28, 2)
    many = _queries_for(client, "bao cao")
    assert many[0] <= few[0] and many[1] <= few[1]
    assert few[0] <= 24  # seven types searched once each: a count, a page of hits, one text query per page type shown


def test_editors_picks_match_whatever_the_accents(client, portal_home):
    guide = standard_page(portal_home, "Hướng dẫn nộp hồ sơ trực tuyến")
    SearchPromotion.objects.create(query=Query.get("Thủ tục hành chính"), page=guide, description="Nộp hồ sơ qua mạng")
    response = client.get("/tim-kiem/", {"q": "thu tuc hanh chinh"}, **PORTAL)
    assert response.context["promoted"][0]["title"] == "Hướng dẫn nộp hồ sơ trực tuyến"
    assert "Gợi ý của ban biên tập" in response.content.decode()


def test_an_unpublished_promoted_page_is_not_promoted(client, portal_home):
    guide = standard_page(portal_home, "Hướng dẫn cũ")
    SearchPromotion.objects.create(query=Query.get("hướng dẫn"), page=guide)
    guide.unpublish()
    assert client.get("/tim-kiem/", {"q": "huong dan"}, **PORTAL).context["promoted"] == []


FILLER = " ".join(f"đoạn{n}" for n in range(60))


def test_a_page_found_deep_in_its_body_shows_that_passage_with_the_words_marked(client, portal_home):
    standard_page(portal_home, "Giới thiệu chung", body=f"<p>{FILLER} Lịch <b>tiếp công dân</b> vào thứ Năm. {FILLER}</p>")
    hit = group(client.get("/tim-kiem/", {"q": "tiep cong dan"}, **PORTAL), "trang").shown[0]
    text = str(hit["text"])
    assert "<mark>tiếp</mark> <mark>công</mark> <mark>dân</mark> vào thứ Năm" in text
    assert text.startswith("… ") and text.endswith(" …")
    assert text.startswith("… đoạn53 ") and "<b>" not in text


def test_a_short_text_is_shown_whole_and_escaped(client, portal_home):
    standard_page(portal_home, "Hộp thư góp ý", description="Gửi <góp ý> cho thành phố")
    text = str(group(client.get("/tim-kiem/", {"q": "gop y"}, **PORTAL), "trang").shown[0]["text"])
    assert text.startswith("Gửi &lt;<mark>góp</mark> <mark>ý</mark>&gt; cho thành phố")


def test_showing_the_text_of_many_page_types_costs_a_query_per_type_not_per_page(client, portal_home):
    def search():
        with CaptureQueriesContext(connection) as captured:
            client.get("/tim-kiem/", {"q": "quy che", "loai": "trang"}, **PORTAL)
        return len(captured)

    standard_page(portal_home, "Quy chế 0", body="<p>Quy chế làm việc</p>")
    legal_document(portal_home, "Quy chế văn thư", "1/QĐ-UBND")
    search()  # warm the site and content-type caches
    few = search()
    for n in range(1, 15):
        standard_page(portal_home, f"Quy chế {n}", body="<p>Quy chế làm việc</p>")
    search()  # publishing forgot the site's menu (portal/home/menu.py): warm it again
    assert search() <= few


def test_list_items_stay_apart_and_entities_are_shown_once_escaped(client, portal_home):
    standard_page(
        portal_home, "Liên kết", body="<ul><li>Cổng dịch vụ công quốc gia</li><li>Hệ thống thủ tục &amp; dữ liệu</li></ul>"
    )
    text = str(group(client.get("/tim-kiem/", {"q": "he thong"}, **PORTAL), "trang").shown[0]["text"])
    assert "quốc gia <mark>Hệ</mark> <mark>thống</mark> thủ tục &amp; dữ liệu" in text
    assert "&amp;amp;" not in text
