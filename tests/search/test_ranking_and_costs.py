"""Issue 18 (2): one search per type however many hits, exact spellings first, no write per search."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query

from search import promotions
from tests.factories.directory import PersonFactory
from tests.factories.search import standard_page
from tests.factories.units import UnitFactory
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
PHUXUAN = {"HTTP_HOST": "phuxuan.localhost"}


def _titles(response, key="trang"):
    return [hit["title"].replace("<mark>", "").replace("</mark>", "") for hit in group(response, key).shown]


def test_an_exact_spelling_ranks_above_a_folded_one_and_both_are_found(client, portal_home):
    standard_page(portal_home, "Lễ hội Đà Nẵng")  # first, so a tie would put it last
    standard_page(portal_home, "Lễ hội dạ nắng")
    exact = client.get("/tim-kiem/", {"q": "Đà Nẵng", "loai": "trang"}, **PORTAL)
    assert _titles(exact) == ["Lễ hội Đà Nẵng", "Lễ hội dạ nắng"]
    spelt_the_other_way = client.get("/tim-kiem/", {"q": "dạ nắng", "loai": "trang"}, **PORTAL)
    assert _titles(spelt_the_other_way) == ["Lễ hội dạ nắng", "Lễ hội Đà Nẵng"]
    unaccented = client.get("/tim-kiem/", {"q": "da nang", "loai": "trang"}, **PORTAL)
    assert sorted(_titles(unaccented)) == ["Lễ hội dạ nắng", "Lễ hội Đà Nẵng"]


def test_a_unit_site_lists_its_own_hits_first_from_one_search_per_type(client, portal_home, phuxuan_home):
    for n in range(3):
        standard_page(portal_home, f"Lịch trực ban thành phố {n}")
        standard_page(phuxuan_home, f"Lịch trực ban phường {n}")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/tim-kiem/", {"q": "lich truc ban"}, **PHUXUAN)
    assert [title.split(" ")[3] for title in _titles(response)] == ["phường"] * 3 + ["thành"] * 2
    searches = [q["sql"] for q in captured.captured_queries if '"wagtailsearch_indexentry"' in q["sql"]]
    # One pass over the index to see which types have hits, then the page with its count for the one that has.
    assert len(searches) == 2


def _add(hue, portal_home, phuxuan_home, phuxuan, start, n):
    for i in range(start, start + n):
        standard_page(portal_home if i % 2 else phuxuan_home, f"Kế hoạch năm {i}", body=f"<p>Kế hoạch số {i}.</p>")
        PersonFactory(unit=phuxuan, full_name=f"Kế Hoạch {i}")
        UnitFactory(parent=hue, code=f"kehoach{i}", name=f"Ban kế hoạch {i}", has_site=False)


def _page_queries(client, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/tim-kiem/", {"q": "ke hoach", **params}, **PHUXUAN).status_code == 200
    return len(captured)


def test_the_search_page_costs_the_same_queries_with_3_or_60_hits_per_type(
    client, hue, portal_home, phuxuan_home, phuxuan, django_assert_max_num_queries
):
    _add(hue, portal_home, phuxuan_home, phuxuan, 0, 3)
    client.get("/tim-kiem/", {"q": "ke hoach"}, **PHUXUAN)  # warm the site and calendar caches
    overview, one_type = _page_queries(client), _page_queries(client, loai="trang")
    _add(hue, portal_home, phuxuan_home, phuxuan, 3, 57)
    client.get("/tim-kiem/", {"q": "ke hoach"}, **PHUXUAN)  # publishing forgot the site's menu (portal/home/menu.py)
    with django_assert_max_num_queries(overview):
        response = client.get("/tim-kiem/", {"q": "ke hoach"}, **PHUXUAN)
    assert group(response, "can-bo").hits.count() == 60
    with django_assert_max_num_queries(one_type):
        response = client.get("/tim-kiem/", {"q": "ke hoach", "loai": "trang", "trang": 2}, **PHUXUAN)
    assert len(group(response, "trang").shown) == 20


def test_a_search_writes_nothing_and_its_hits_reach_the_popular_searches_on_flush(client, portal_home):
    standard_page(portal_home, "Tuyển dụng công chức")
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            client.get("/tim-kiem/", {"q": "tuyển dụng công chức năm nay"}, **PORTAL)
        writes = [q["sql"] for q in captured.captured_queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
        assert writes == []
    promotions.flush_hits()
    assert Query.get("tuyển dụng công chức năm nay").hits == 3
    client.get("/tim-kiem/", {"q": "tuyển dụng công chức năm nay"}, **PORTAL)
    assert promotions.flush_hits() == 1 and promotions.flush_hits() == 0  # each hit counted once
    assert Query.get("tuyển dụng công chức năm nay").hits == 4
