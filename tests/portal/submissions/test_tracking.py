"""QT-07 for the sender: a tracking code from /gui-tin-bai/ that /tra-cuu/ accepts, a public timeline with the
2-working-day total, a receipt e-mail and a result e-mail on approval as on refusal; every step's deadline."""

from decimal import Decimal

import pytest

from intranet.moderation import services
from intranet.moderation.models import ModerationItem, Step
from intranet.moderation.templatetags.moderation_tags import vn_name
from intranet.notifications.models import OutgoingEmail
from intranet.workdays.calendar import LOCAL_TZ, get_calendar
from portal.submissions.models import Submission
from tests.intranet.moderation.test_qt07 import act

from .test_public_form import valid

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}
HALF = Decimal("0.5")


def send(client, **overrides):
    response = client.post("/gui-tin-bai/", valid(**overrides), **WARD)
    thanks = client.get(response["Location"], **WARD).text
    submission = Submission.objects.get(title=overrides.get("title", valid()["title"]))
    return submission, thanks


def look_up(client, code):
    return client.get("/tra-cuu/", {"ma": code.lower()}, **WARD)


def test_a_sender_follows_the_item_from_receipt_to_publication(client, phuxuan):
    submission, thanks = send(client)
    assert submission.code.startswith("TB-") and submission.code in thanks and f"/tra-cuu/?ma={submission.code}" in thanks
    receipt = OutgoingEmail.objects.get(to=["binh@example.vn"])
    assert submission.code in receipt.subject and f"http://phuxuan.localhost/tra-cuu/?ma={submission.code}" in receipt.body  # the ward site it was sent to

    item = ModerationItem.objects.get(page=submission.page)
    calendar = get_calendar()
    total_due = calendar.due(item.received_at, Decimal(2))
    page = look_up(client, submission.code)
    assert page.status_code == 200
    assert "Ra quân dọn vệ sinh môi trường" in page.text and "Đã tiếp nhận tin, bài, ảnh" in page.text
    assert total_due.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M") in page.text  # QT-07's 2-working-day total

    # B1 office hours; B2–B5 half a working day each; the right person only.
    assert act(client, phuxuan.leader, item, action="receive").status_code == 403
    act(client, phuxuan.officer, item, action="receive")
    for action, wrong, right, data in (
        ("forward", phuxuan.leader, phuxuan.officer, {}),
        ("assign", phuxuan.officer, phuxuan.leader, {"officer": phuxuan.officer2.pk}),
        ("recommend", phuxuan.officer, phuxuan.officer2, {"verdict": "approve", "draft_document": "Đồng ý cho đăng."}),
        ("decide", phuxuan.officer2, phuxuan.leader, {"verdict": "approve"}),
    ):
        assert item.step_due_at == calendar.due(item.step_started_at, HALF), item.step
        assert act(client, wrong, item, action=action, **data).status_code == 403
        assert act(client, right, item, action=action, **data).status_code == 302
    assert item.step == Step.CARRY_OUT
    assert act(client, phuxuan.officer, item, action="publish").status_code == 403
    act(client, phuxuan.it, item, action="publish")
    assert item.outcome == ModerationItem.Outcome.PUBLISHED

    result = OutgoingEmail.objects.filter(to=["binh@example.vn"]).exclude(pk=receipt.pk).get()
    assert "đã được đăng" in result.subject and item.document_number in result.body and submission.code in result.body
    page = look_up(client, submission.code).text
    assert "Đã đăng trên trang thông tin điện tử" in page and "Xem tin, bài đã đăng" in page
    for person in (phuxuan.officer, phuxuan.officer2, phuxuan.leader, phuxuan.it):
        assert vn_name(person) not in page  # never the officers' names
    assert "Đồng ý cho đăng." not in page  # nor the draft document


def test_a_refused_sender_sees_the_refusal_and_gets_the_letter(client, phuxuan):
    submission, _thanks = send(client, title="Quảng cáo sản phẩm")
    item = ModerationItem.objects.get(page=submission.page)
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    services.assign(item, phuxuan.leader, phuxuan.officer)
    services.recommend(item, phuxuan.officer, "refuse", "Không đồng ý.", "Nội dung quảng cáo thương mại.")
    services.decide(item, phuxuan.leader, "refuse")
    services.send_refusal(item, phuxuan.officer)
    letter = OutgoingEmail.objects.get(pk=item.refusal_email_id)
    assert letter.to == ["binh@example.vn"] and "Nội dung quảng cáo thương mại." in letter.body
    assert f"http://phuxuan.localhost/tra-cuu/?ma={submission.code}" in letter.body  # an absolute link back to the timeline
    assert "Không được đồng ý cho đăng" in look_up(client, submission.code).text


def test_lookup_never_shows_internal_it_or_press_cases(client, phuxuan):
    from intranet.cases import services as cases

    it_case = cases.open_case("it", title="Máy chủ nội bộ hỏng ổ cứng", body="…", origin=phuxuan.unit)
    press_case = cases.open_case("press", title="Báo nêu sai phạm đất đai", body="…", origin=phuxuan.unit, agency=phuxuan.unit)
    question = cases.open_case("question", title="Thủ tục cấp đổi giấy phép", body="…", origin=phuxuan.unit)
    for case in (it_case, press_case):
        response = look_up(client, case.code)
        assert response.status_code == 404 and case.title not in response.text
    assert "Thủ tục cấp đổi giấy phép" in look_up(client, question.code).text
    assert look_up(client, "TB-2026-ZZZZZ").status_code == 404
