"""Issue 14: the search finds a unit by what people call it ("ubnd phuong phu xuan") and shows a
page put on many sites once, still one search per type."""

import pytest

from intranet.units.models import Unit
from tests.factories.search import legal_document, standard_page
from tests.factories.units import unit_with_site
from tests.search.helpers import group

pytestmark = pytest.mark.django_db
PORTAL = {"HTTP_HOST": "localhost"}


def _names(response, key):
    return [getattr(hit, "name", None) or hit.title for hit in group(response, key).hits[0:50]]


@pytest.mark.parametrize("query", ["ubnd phuong phu xuan", "UBND phường Phú Xuân", "uy ban nhan dan phuong phu xuan", "phu xuan"])
def test_a_ward_is_found_as_its_peoples_committee(client, phuxuan, query):
    unit_with_site(phuxuan.get_parent(), code="phuxuong", name="Phường Phú Xương", kind=Unit.Kind.COMMUNE)
    response = client.get("/tim-kiem/", {"q": query, "loai": "don-vi"}, **PORTAL)
    assert _names(response, "don-vi") == ["Phường Phú Xuân"]
    assert "http://phuxuan.localhost/" in response.text  # the hit leads to the ward's site


def test_a_department_is_not_called_a_peoples_committee(client, hue):
    unit_with_site(hue, code="stp", name="Sở Tư pháp", kind=Unit.Kind.DEPARTMENT)
    assert _names(client.get("/tim-kiem/", {"q": "ubnd so tu phap", "loai": "don-vi"}, **PORTAL), "don-vi") == []
    assert _names(client.get("/tim-kiem/", {"q": "so tu phap", "loai": "don-vi"}, **PORTAL), "don-vi") == ["Sở Tư pháp"]


def _many_sites(hue, count):
    homes = [hue.site.root_page]
    for n in range(count):
        homes.append(unit_with_site(hue, code=f"xa{n}", name=f"Xã Thử Nghiệm {n}", kind=Unit.Kind.COMMUNE).site.root_page)
    for home in homes:
        standard_page(home, "Thủ tục hành chính", body="<p>Cổng dịch vụ công quốc gia.</p>")
        legal_document(home, "Luật Báo chí", "103/2016/QH13", issuer="Quốc hội")
    return homes


def test_a_page_on_every_site_is_one_hit(client, hue):
    homes = _many_sites(hue, 6)
    standard_page(homes[3], "Thủ tục hành chính đặc thù của xã", body="<p>Dịch vụ công riêng.</p>")
    legal_document(homes[3], "Quy chế của xã", "5/2026/QĐ-UBND", issuer="Ủy ban nhân dân xã Thử Nghiệm 2")
    response = client.get("/tim-kiem/", {"q": "thu tuc hanh chinh"}, **PORTAL)
    assert sorted(_names(response, "trang")) == ["Thủ tục hành chính", "Thủ tục hành chính đặc thù của xã"]
    assert group(response, "trang").hits.count() == 2
    laws = client.get("/tim-kiem/", {"q": "luat bao chi", "loai": "van-ban"}, **PORTAL)
    assert group(laws, "van-ban").hits.count() == 1
    # The portal's copy, the first in the tree.
    assert [row["url"] for row in group(laws, "van-ban").shown] == ["/van-ban/luat-bao-chi/"]


def test_leaving_copies_out_keeps_one_search_per_type(client, hue, django_assert_max_num_queries):
    _many_sites(hue, 2)

    def cost():
        client.get("/tim-kiem/", {"q": "thu tuc hanh chinh"}, **PORTAL)
        with django_assert_max_num_queries(24) as captured:
            client.get("/tim-kiem/", {"q": "thu tuc hanh chinh"}, **PORTAL)
        return len(captured.captured_queries)

    few = cost()
    more = [unit_with_site(hue, code=f"them{n}", name=f"Xã Thêm {n}", kind=Unit.Kind.COMMUNE) for n in range(5)]
    for unit in more:
        standard_page(unit.site.root_page, "Thủ tục hành chính", body="<p>Cổng dịch vụ công quốc gia.</p>")
    assert cost() == few
