"""Other apps' content in the one search: news articles and legal documents, each under its own tab."""

import datetime as dt

from portal.pages.models import LegalDocumentIndexPage, LegalDocumentPage
from tests.factories.news import article
from tests.search.helpers import group

PORTAL = {"HTTP_HOST": "localhost"}
PHUXUAN = {"HTTP_HOST": "phuxuan.localhost"}


def test_published_articles_are_found_unaccented_and_drafts_and_secrets_are_not(client, hue, phuxuan):
    article(phuxuan, "Phường Đông Ba ra quân dọn vệ sinh", summary="Đông Ba sạch đẹp.")
    article(phuxuan, "Đông Ba: kế hoạch chưa công bố", live=False)
    article(phuxuan, "Đông Ba: tài liệu mật", live=False, is_secret=True)
    response = client.get("/tim-kiem/", {"q": "dong ba", "loai": "tin-tuc"}, **PORTAL)
    news = group(response, "tin-tuc")
    assert news.hits.count() == 1
    assert str(news.shown[0]["title"]) == "Phường <mark>Đông</mark> <mark>Ba</mark> ra quân dọn vệ sinh"
    assert news.shown[0]["unit"] == phuxuan
    assert "mật" not in response.content.decode()


def test_articles_are_not_counted_twice_as_pages(client, hue, phuxuan):
    article(phuxuan, "Hội nghị tổng kết năm")
    response = client.get("/tim-kiem/", {"q": "tong ket"}, **PORTAL)
    assert group(response, "tin-tuc").hits.count() == 1
    assert group(response, "trang").hits.count() == 0
    assert response.context["total"] == 1


def test_a_legal_document_is_found_by_its_number_typed_without_diacritics(client, hue, portal_home):
    documents = portal_home.add_child(instance=LegalDocumentIndexPage(title="Văn bản"))
    documents.add_child(
        instance=LegalDocumentPage(
            title="Quyết định ban hành quy chế",
            number="123/QĐ-UBND",
            issuer="Ủy ban nhân dân thành phố Huế",
            issued_on=dt.date(2026, 1, 5),
            summary="Ban hành quy chế phối hợp đấu thầu",
        )
    )
    response = client.get("/tim-kiem/", {"q": "123/qd-ubnd", "loai": "van-ban"}, **PORTAL)
    documents_found = group(response, "van-ban")
    assert documents_found.hits.count() == 1
    assert "<mark>123</mark>/<mark>QĐ</mark>-<mark>UBND</mark>" in str(documents_found.shown[0]["title"])


def test_published_answers_are_found_unaccented_and_open_cases_never(client, hue, phuxuan):
    import datetime as dt

    from django.utils import timezone

    from intranet.cases.models import Case

    answered = Case.objects.create(
        kind="question",
        code="HD-2026-AB3CD",
        title="Thủ tục cấp giấy chứng nhận quyền sử dụng đất",
        body="Tôi muốn hỏi về đất đai.",
        answer="Công dân nộp hồ sơ tại bộ phận một cửa.",
        step="published",
        agency=phuxuan,
        requester_name="Trần Thị Riêng",
        requester_phone="0905123456",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    Case.objects.create(
        kind="question",
        code="HD-2026-ZZ9ZZ",
        title="Thủ tục đất đai chưa trả lời",
        body="Đất đai",
        step="received",
        agency=phuxuan,
        requester_name="Lê Văn Kín",
    )
    response = client.get("/tim-kiem/", {"q": "dat dai", "loai": "hoi-dap"}, **PORTAL)
    answers = group(response, "hoi-dap")
    assert [hit.pk for hit in answers.hits[0:10]] == [answered.pk]
    page = response.content.decode()
    assert "/hoi-dap/HD-2026-AB3CD/" in page
    assert "Trần Thị Riêng" not in page and "0905123456" not in page and "HD-2026-ZZ9ZZ" not in page


def test_published_steering_boards_are_found_and_drafts_are_not(client, hue, phuxuan):
    from tests.factories.boards import BoardFactory

    board = BoardFactory(name="Ban Chỉ đạo phòng, chống thiên tai", standing_unit=phuxuan)
    BoardFactory(name="Ban Chỉ đạo thiên tai (dự thảo)", standing_unit=phuxuan, live=False)
    response = client.get("/tim-kiem/", {"q": "thien tai", "loai": "ban-chi-dao"}, **PORTAL)
    boards = group(response, "ban-chi-dao")
    assert [hit.pk for hit in boards.hits[0:10]] == [board.pk]
    assert f"/ban-chi-dao/{board.pk}/" in response.content.decode()


def test_every_word_of_a_query_must_match(client, hue, phuxuan):
    article(phuxuan, "Hướng dẫn thủ tục đăng ký khai sinh")
    article(phuxuan, "Festival Huế thu hút du khách")
    response = client.get("/tim-kiem/", {"q": "thu tuc", "loai": "tin-tuc"}, **PORTAL)
    titles = [str(hit.title) for hit in group(response, "tin-tuc").hits[0:10]]
    assert titles == ["Hướng dẫn thủ tục đăng ký khai sinh"]
