"""Text a visitor sees on a page or a directory entry is text the search finds, typed without diacritics."""

from wagtail.models import Locale

from portal.home.models import StandardPage
from portal.pages.models import DocumentKind
from tests.factories.boards import BoardFactory
from tests.factories.directory import PersonFactory
from tests.factories.search import legal_document
from tests.factories.units import UnitFactory
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
PHUXUAN = {"HTTP_HOST": "phuxuan.localhost"}


def titles(response, key: str) -> list[str]:
    return [hit.title if hasattr(hit, "title") else str(hit) for hit in group(response, key).hits[0:20]]


def test_a_standard_pages_body_is_searched(client, portal_home):
    page = portal_home.add_child(
        instance=StandardPage(title="Lịch làm việc", body="<p>Tiếp công dân định kỳ vào thứ Năm hằng tuần.</p>")
    )
    page.save_revision().publish()
    response = client.get("/tim-kiem/", {"q": "tiep cong dan dinh ky", "loai": "trang"}, **PORTAL)
    assert titles(response, "trang") == ["Lịch làm việc"]


def test_a_home_pages_introduction_is_searched_in_english_too(client, hue, portal_home):
    home = portal_home.specific
    home.intro = "<p>Cổng thông tin điện tử của thành phố Huế, đô thị di sản.</p>"
    home.save_revision().publish()
    english = home.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    english.title = "Hue City e-Portal"
    english.intro = "<p>Welcome to the heritage city.</p>"
    english.save_revision().publish()
    vietnamese = client.get("/tim-kiem/", {"q": "do thi di san", "loai": "trang"}, **PORTAL)
    in_english = client.get("/tim-kiem/", {"q": "heritage city", "loai": "trang"}, **PORTAL)
    assert titles(vietnamese, "trang") == [hue.name]
    assert titles(in_english, "trang") == ["Hue City e-Portal"]
    assert group(in_english, "trang").shown[0]["language"] == "en"


def test_a_legal_document_is_found_by_its_issuer_and_signer(client, portal_home):
    legal_document(
        portal_home,
        "Quyết định phê duyệt quy hoạch",
        "45/QĐ-UBND",
        kind=DocumentKind.DECISION,
        issuer="Sở Xây dựng",
        signer="Trần Hữu Thùy",
    )
    by_issuer = client.get("/tim-kiem/", {"q": "so xay dung", "loai": "van-ban"}, **PORTAL)
    by_signer = client.get("/tim-kiem/", {"q": "TRAN HUU THUY", "loai": "van-ban"}, **PORTAL)
    assert group(by_issuer, "van-ban").hits.count() == 1
    assert group(by_signer, "van-ban").hits.count() == 1


def test_a_unit_is_found_by_its_english_name_and_its_functions(client, hue):
    UnitFactory(
        parent=hue,
        code="sotuphap",
        name="Sở Tư pháp",
        name_en="Department of Justice",
        has_site=False,
        functions="<p>Quản lý công tác hộ tịch, chứng thực, lý lịch tư pháp.</p>",
    )
    by_english = client.get("/tim-kiem/", {"q": "department of justice", "loai": "don-vi"}, **PORTAL)
    by_function = client.get("/tim-kiem/", {"q": "ly lich tu phap", "loai": "don-vi"}, **PORTAL)
    assert [unit.code for unit in group(by_english, "don-vi").hits[0:5]] == ["sotuphap"]
    assert [unit.code for unit in group(by_function, "don-vi").hits[0:5]] == ["sotuphap"]


def test_a_steering_board_is_found_by_its_published_functions_and_assignments(client, hue, phuxuan):
    board = BoardFactory(
        name="Ban Chỉ đạo chuyển đổi số",
        standing_unit=phuxuan,
        functions="<p>Chỉ đạo xây dựng chính quyền số.</p>",
        assignments="<p>Trưởng ban phụ trách đề án 06.</p>",
    )
    for query in ("chinh quyen so", "de an 06"):
        response = client.get("/tim-kiem/", {"q": query, "loai": "ban-chi-dao"}, **PORTAL)
        assert [hit.pk for hit in group(response, "ban-chi-dao").hits[0:5]] == [board.pk], query


def test_people_of_a_dissolved_unit_are_not_found_and_the_own_unit_comes_first(client, hue, phuxuan):
    from intranet.units.models import Unit

    dissolved = UnitFactory(parent=hue, code="xacu", name="Xã Cũ", status=Unit.Status.DISSOLVED, has_site=False)
    PersonFactory(unit=dissolved, full_name="Phan Văn Cũ")
    PersonFactory(unit=hue, full_name="Phan Văn Tỉnh")
    PersonFactory(unit=phuxuan, full_name="Phan Văn Phường")
    response = client.get("/tim-kiem/", {"q": "phan van", "loai": "can-bo"}, **PHUXUAN)
    people = group(response, "can-bo")
    assert [person.full_name for person in people.hits[0:10]] == ["Phan Văn Phường", "Phan Văn Tỉnh"]
    assert people.hits.count() == 2  # one search: the own unit first by ordering, not a second search
