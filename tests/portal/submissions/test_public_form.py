import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intranet.moderation.models import ModerationItem, Step
from portal.galleries.models import GalleryPage
from portal.news.models import ArticlePage
from portal.submissions.models import Submission
from tests.factories.news import png_bytes

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}
CONTENT = "Sáng nay, phường Phú Xuân tổ chức ra quân dọn vệ sinh môi trường với hơn 200 người tham gia."


def valid(**overrides):
    data = {
        "kind": "news",
        "name": "Trần Thị Bình",
        "phone": "0905 123 456",
        "email": "binh@example.vn",
        "organisation": "Tổ dân phố 5",
        "title": "Ra quân dọn vệ sinh môi trường",
        "content": CONTENT,
        "agree": "on",
    }
    data.update(overrides)
    return data


def photo(name="anh.png", content=None):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type="image/png")


def test_the_form_is_on_every_site(client, phuxuan):
    response = client.get("/gui-tin-bai/", **WARD)
    assert response.status_code == 200 and "Gửi tin, bài, ảnh" in response.text and phuxuan.unit.name in response.text


def test_a_proposed_article_enters_qt07_at_b1_in_the_sites_unit(client, phuxuan):
    response = client.post("/gui-tin-bai/", valid(photos=[photo()]), **WARD)
    assert response.status_code == 302
    submission = Submission.objects.get()
    item = ModerationItem.objects.get(page=submission.page)
    assert item.unit == phuxuan.unit and item.step == Step.RECEIVE
    assert item.submitter_email == "binh@example.vn" and item.submitter_organisation == "Tổ dân phố 5"
    page = ArticlePage.objects.get(pk=submission.page_id)
    assert not page.live and page.image is not None and CONTENT in page.body
    assert "Mã tiếp nhận" in client.get(response["Location"], **WARD).text


def test_proposed_photos_become_a_draft_gallery_in_moderation(client, phuxuan):
    client.post("/gui-tin-bai/", valid(kind="photos", content="", title="Ảnh lễ hội cầu ngư 2026", photos=[photo("a.png"), photo("b.png")]), **WARD)
    item = ModerationItem.objects.get()
    gallery = GalleryPage.objects.get(pk=item.page_id)
    assert item.kind == "photos" and gallery.photos.count() == 2 and not gallery.live


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": ""}, "Vui lòng nhập họ và tên."),
        ({"phone": "", "email": ""}, "Vui lòng nhập số điện thoại hoặc thư điện tử"),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"phone": "abc"}, "Số điện thoại không hợp lệ"),
        ({"title": "Ngắn"}, "Tiêu đề cần ít nhất 10 ký tự."),
        ({"content": "Quá ngắn"}, "Nội dung tin, bài cần ít nhất 50 ký tự."),
        ({"kind": "photos", "content": ""}, "Vui lòng chọn ít nhất một ảnh."),
        ({"agree": ""}, "Bạn cần xác nhận cam đoan"),
    ],
)
def test_bad_submissions_get_a_vietnamese_error_and_store_nothing(client, phuxuan, overrides, message):
    response = client.post("/gui-tin-bai/", valid(**overrides), **WARD)
    assert response.status_code == 400
    assert message in response.text
    assert not Submission.objects.exists() and not ModerationItem.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_by_its_content(client, phuxuan):
    fake = photo("anh.jpg", b"MZ\x90\x00 this is a program, not a photo" * 10)
    response = client.post("/gui-tin-bai/", valid(photos=[fake]), **WARD)
    assert response.status_code == 400 and "không phải ảnh JPEG, PNG hoặc WebP" in response.text
    assert not Submission.objects.exists()


def test_a_photo_over_5_mb_is_refused(client, phuxuan, settings):
    big = photo("lon.png", png_bytes() + b"\0" * (5 * 1024 * 1024))
    response = client.post("/gui-tin-bai/", valid(photos=[big]), **WARD)
    assert response.status_code == 400 and "quá lớn: tối đa 5 MB" in response.text


def test_what_the_form_shows_back_is_escaped(client, phuxuan):
    response = client.post("/gui-tin-bai/", valid(name="<script>alert(1)</script>", title="x"), **WARD)
    assert "<script>alert(1)</script>" not in response.text and "&lt;script&gt;" in response.text


def test_the_honeypot_keeps_robots_out_quietly(client, phuxuan):
    response = client.post("/gui-tin-bai/", valid(website="http://spam.example"), **WARD)
    assert response.status_code == 302
    assert not Submission.objects.exists()


def test_past_five_accepted_proposals_the_form_comes_back_with_what_was_typed(client, phuxuan):
    for _n in range(5):
        client.post("/gui-tin-bai/", valid(), **WARD)
    response = client.post("/gui-tin-bai/", valid(title="Bài thứ sáu cần giữ lại"), **WARD)
    assert response.status_code == 429
    assert "Vui lòng thử lại sau" in response.text and "Bài thứ sáu cần giữ lại" in response.text and CONTENT in response.text
    assert Submission.objects.count() == 5


def test_corrected_mistakes_do_not_use_up_the_allowance(client, phuxuan):
    for _n in range(6):
        assert client.post("/gui-tin-bai/", valid(email="sai"), **WARD).status_code == 400
    assert client.post("/gui-tin-bai/", valid(), **WARD).status_code == 302
    assert Submission.objects.count() == 1


def test_a_flood_of_invalid_posts_is_stopped_at_its_own_higher_limit(client, phuxuan):
    codes = [client.post("/gui-tin-bai/", valid(email="sai"), **WARD).status_code for _n in range(31)]
    assert codes == [400] * 30 + [429]
    response = client.post("/gui-tin-bai/", valid(title="Gửi lại sau"), **WARD)
    assert response.status_code == 429 and "Gửi lại sau" in response.text
    assert not Submission.objects.exists()


def test_a_submission_whose_intake_failed_is_kept_and_retried(phuxuan):
    from intranet.units.models import Unit
    from portal.submissions.services import intake, retry_intake, store

    site = phuxuan.unit.site
    Unit.objects.filter(pk=phuxuan.unit.pk).update(site=None)  # the unit's site is briefly unreachable
    phuxuan.unit.refresh_from_db()
    submission = store(phuxuan.unit, valid(), [])
    assert intake(submission) is False
    submission.refresh_from_db()
    assert submission.intake_error and submission.page is None

    Unit.objects.filter(pk=phuxuan.unit.pk).update(site=site)
    assert retry_intake() == 1
    assert ModerationItem.objects.get().title == "Ra quân dọn vệ sinh môi trường"
