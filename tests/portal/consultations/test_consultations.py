"""Lấy ý kiến dự thảo (issue 14): citizens comment on an open draft, rate-limited and escaped; comments
wait for an officer of the unit and only approved ones show, never with the e-mail; a closed draft
takes no comment and shows the unit's summary of comments."""

import re

import pytest
from django.urls import reverse

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from portal.consultations.models import Comment
from tests.factories import UserFactory
from tests.factories.sections import comment, consultations, draft
from tests.portal.pages_text import menu_items as _menu
from tests.portal.pages_text import page_text as _text

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}
COMMENT = {"name": "Trần Thị Mai", "email": "mai.rieng@example.vn", "content": "Đề nghị bổ sung thời hạn công khai kết quả."}


@pytest.fixture
def officers(sites):
    _tinh, phuxuan, thuanhoa = sites
    px, th = UserFactory(username="bbt_px"), UserFactory(username="bbt_th")
    grant_role(px, phuxuan, Role.UNIT_BOARD)
    grant_role(th, thuanhoa, Role.UNIT_BOARD)
    return px, th


def test_a_comment_is_held_until_an_officer_of_the_unit_approves_it(client, sites, officers):
    _tinh, phuxuan, _ = sites
    px, th = officers
    page = draft(phuxuan, "Dự thảo Kế hoạch chỉnh trang đô thị")
    url = page.get_url()
    assert 'for="id_name"' in client.get(url, **WARD).text  # every field has its label

    response = client.post(url, COMMENT, **WARD, follow=True)
    assert response.status_code == 200 and "sẽ được hiển thị sau khi đơn vị kiểm duyệt" in response.text
    held = Comment.objects.get()
    assert (held.status, held.unit, held.page_id, held.email) == (Comment.Status.PENDING, phuxuan, page.pk, "mai.rieng@example.vn")
    assert "Đề nghị bổ sung thời hạn" not in client.get(url, **WARD).text

    edit = reverse("wagtailsnippets_consultations_comment:edit", args=[held.pk])
    client.force_login(th)  # another ward's board: refused, nothing changes
    assert client.get(edit).status_code in (302, 403)
    client.post(edit, {"status": "approved"})
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Trần Thị Mai" not in client.get(reverse("wagtailsnippets_consultations_comment:list")).text

    client.force_login(px)
    assert "Trần Thị Mai" in client.get(reverse("wagtailsnippets_consultations_comment:list")).text
    assert client.post(edit, {"status": "approved"}).status_code == 302
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED and held.moderated_by == px and held.moderated_at

    client.logout()
    shown = client.get(url, **WARD).text
    assert "Đề nghị bổ sung thời hạn công khai kết quả." in shown and "Trần Thị Mai" in shown
    assert "mai.rieng" not in shown  # the e-mail is never public


def test_nobody_adds_a_comment_in_the_admin(client, sites, officers):
    px, _th = officers
    client.force_login(px)
    assert client.get(reverse("wagtailsnippets_consultations_comment:add")).status_code in (302, 403)


def test_what_a_citizen_wrote_is_shown_escaped(client, sites):
    _tinh, phuxuan, _ = sites
    page = draft(phuxuan)
    comment(page, name="<b>Kẻ xấu</b>", content="<script>alert(1)</script> nội dung góp ý")
    response = client.post(page.get_url(), {**COMMENT, "name": "<i>X</i>", "content": "ngắn"}, **WARD)
    html = response.text
    assert response.status_code == 400 and "Nội dung góp ý cần ít nhất 10 ký tự." in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Kẻ xấu</b>" not in html and "&lt;i&gt;X&lt;/i&gt;" in html  # the refused form keeps what was typed, escaped


@pytest.mark.parametrize(("changes", "message"), [
    ({"name": ""}, "Vui lòng nhập họ và tên."),
    ({"email": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ."),
    ({"content": ""}, "Vui lòng nhập nội dung góp ý."),
])
def test_bad_input_gets_a_vietnamese_error_and_stores_nothing(client, sites, changes, message):
    _tinh, phuxuan, _ = sites
    page = draft(phuxuan)
    response = client.post(page.get_url(), {**COMMENT, **changes}, **WARD)
    assert response.status_code == 400 and message in response.text
    assert not Comment.objects.exists()


def test_the_honeypot_thanks_a_robot_and_keeps_nothing(client, sites):
    _tinh, phuxuan, _ = sites
    page = draft(phuxuan)
    response = client.post(page.get_url(), {**COMMENT, "website": "http://spam.example"}, **WARD)
    assert response.status_code == 302 and not Comment.objects.exists()


def test_past_five_comments_an_hour_the_form_comes_back_with_what_was_typed(client, sites):
    _tinh, phuxuan, _ = sites
    page = draft(phuxuan)
    for _n in range(5):
        assert client.post(page.get_url(), COMMENT, **WARD).status_code == 302
    response = client.post(page.get_url(), {**COMMENT, "content": "Ý kiến thứ sáu, vẫn còn giữ lại."}, **WARD)
    assert response.status_code == 429 and "Bạn đã gửi quá nhiều lần" in response.text
    assert "Ý kiến thứ sáu, vẫn còn giữ lại." in response.text
    assert Comment.objects.count() == 5


def test_a_closed_draft_refuses_comments_changes_nothing_and_shows_the_summary(client, sites):
    _tinh, phuxuan, _ = sites
    page = draft(phuxuan, "Dự thảo Quy chế văn hóa công sở", open_=False,
                 comments_summary="<p>Tiếp thu 3 ý kiến về trang phục công sở.</p>")
    comment(page, content="Ý kiến đã duyệt trước khi đóng.", email="an.rieng@example.vn")
    shown = client.get(page.get_url(), **WARD)
    text = _text(shown.text)
    assert "Đã hết thời gian lấy ý kiến" in text and 'name="content"' not in shown.text
    assert "Tổng hợp ý kiến" in text and "Tiếp thu 3 ý kiến về trang phục công sở." in text
    assert "Ý kiến đã duyệt trước khi đóng." in text and "an.rieng" not in shown.text

    response = client.post(page.get_url(), COMMENT, **WARD)
    assert response.status_code == 403 and "ý kiến không được tiếp nhận" in response.text
    assert Comment.objects.count() == 1


def test_a_draft_not_yet_open_takes_no_comment(client, sites):
    import datetime as dt

    from django.utils import timezone

    _tinh, phuxuan, _ = sites
    soon = timezone.localdate() + dt.timedelta(days=5)
    page = draft(phuxuan, opens_on=soon, closes_on=soon + dt.timedelta(days=30))
    assert "bắt đầu nhận góp ý từ ngày" in client.get(page.get_url(), **WARD).text
    assert client.post(page.get_url(), COMMENT, **WARD).status_code == 403 and not Comment.objects.exists()


def test_the_summary_is_not_shown_while_empty(client, sites):
    _tinh, phuxuan, _ = sites
    page = draft(phuxuan, open_=False)
    assert "Tổng hợp ý kiến" not in client.get(page.get_url(), **WARD).text


def test_the_list_shows_open_drafts_first_with_their_approved_comments(client, sites):
    _tinh, phuxuan, _ = sites
    closed = draft(phuxuan, "Dự thảo đã đóng", open_=False)
    opened = draft(phuxuan, "Dự thảo đang mở")
    comment(opened)
    comment(opened)
    comment(opened, approved=False)
    comment(closed)
    text = _text(client.get("/lay-y-kien-du-thao/", **WARD).text)
    assert text.index("Dự thảo đang mở") < text.index("Dự thảo đã đóng")
    assert re.search(r"Dự thảo đang mở Đang lấy ý kiến .* 2 ý kiến .*Dự thảo đã đóng Đã hết hạn góp ý .* 1 ý kiến", text)


def test_the_section_is_in_the_menu_after_documents_once_a_draft_is_published(client, sites):
    from portal.pages.models import LegalDocumentIndexPage, LegalDocumentPage

    _tinh, phuxuan, _ = sites
    home = phuxuan.site.root_page
    documents = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    home.add_child(instance=documents)
    document = LegalDocumentPage(title="Quy chế", slug="quy-che", number="1/QĐ-UBND", issuer="UBND phường",
                                 issued_on="2026-01-05", summary="Quy chế làm việc")
    documents.add_child(instance=document)
    document.save_revision().publish()
    consultations(phuxuan)
    assert "Lấy ý kiến dự thảo" not in _menu(client.get("/", **WARD).text)
    draft(phuxuan)
    menu = _menu(client.get("/", **WARD).text)
    assert menu.index("Lấy ý kiến dự thảo") == menu.index("Văn bản") + 1


@pytest.mark.parametrize("path", ["/lay-y-kien-du-thao/", "draft"])
def test_the_pages_read_a_fixed_number_of_queries(client, sites, path, django_assert_max_num_queries):
    _tinh, phuxuan, _ = sites
    pages = [draft(phuxuan, f"Dự thảo số {n}", open_=n % 2 == 0) for n in range(4)]
    for n in range(25):
        comment(pages[0], content=f"Ý kiến số {n} về dự thảo.")
    url = pages[0].get_url() if path == "draft" else path
    client.get(url, **WARD)  # the menu and footer are kept after the first page
    with django_assert_max_num_queries(14):
        assert client.get(url, **WARD).status_code == 200


def test_an_approved_comment_shows_at_once_on_a_closed_draft_kept_in_the_page_cache(client, sites, officers, settings):
    settings.PAGE_CACHE_SECONDS = 300
    _tinh, phuxuan, _ = sites
    px, _th = officers
    page = draft(phuxuan, open_=False)
    held = comment(page, approved=False, content="Ý kiến gửi trước giờ đóng, duyệt sau.")
    anonymous = type(client)()
    assert "duyệt sau" not in anonymous.get(page.get_url(), **WARD).text
    assert anonymous.get(page.get_url(), **WARD).has_header("ETag")  # kept in the cache
    client.force_login(px)
    client.post(reverse("wagtailsnippets_consultations_comment:edit", args=[held.pk]), {"status": "approved"})
    assert "Ý kiến gửi trước giờ đóng, duyệt sau." in anonymous.get(page.get_url(), **WARD).text
