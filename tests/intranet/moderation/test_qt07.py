"""QT-07/VHTT end to end through the officer screens: the right person at each step, the wrong ones refused."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import PageLogEntry

from intranet.moderation import services
from intranet.moderation.models import ModerationItem, Step
from intranet.moderation.templatetags.moderation_tags import vn_name
from intranet.notifications.models import Notification, OutgoingEmail
from portal.news.models import ArticlePage
from tests.factories.moderation import submitted

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def act(client, user, item, **data):
    client.force_login(user)
    response = client.post(f"/kiem-duyet/{item.pk}/thao-tac/", data)
    client.logout()
    item.refresh_from_db()
    return response


def test_approved_item_goes_b1_to_b6_with_the_units_own_people_and_is_published(client, phuxuan, thuanhoa):
    item = submitted(phuxuan.unit, "Phường tổ chức ngày hội đại đoàn kết")
    assert item.step == Step.RECEIVE

    assert act(client, thuanhoa.officer, item, action="receive").status_code == 403  # another ward's officer
    assert act(client, phuxuan.officer, item, action="receive").status_code == 302
    assert item.step == Step.FORWARD

    assert act(client, phuxuan.leader, item, action="forward").status_code == 403  # forwarding is the officer's
    act(client, phuxuan.officer, item, action="forward")
    assert item.step == Step.ASSIGN

    assert act(client, phuxuan.officer, item, action="assign", officer=phuxuan.officer2.pk).status_code == 403
    assert act(client, thuanhoa.leader, item, action="assign", officer=phuxuan.officer2.pk).status_code == 403
    act(client, phuxuan.leader, item, action="assign", officer=phuxuan.officer2.pk)
    assert item.step == Step.REVIEW and item.assigned_officer == phuxuan.officer2

    assert act(client, phuxuan.officer, item, action="recommend", verdict="approve", draft_document="Đồng ý").status_code == 403
    act(client, phuxuan.officer2, item, action="recommend", verdict="approve", draft_document="Đồng ý cho đăng tin trên trang.")
    assert item.step == Step.DECIDE

    assert act(client, phuxuan.officer2, item, action="decide", verdict="approve").status_code == 403
    act(client, phuxuan.leader, item, action="decide", verdict="approve", document_text="Đồng ý cho đăng.")
    assert item.step == Step.CARRY_OUT and item.signed_by == phuxuan.leader and item.document_number

    assert act(client, phuxuan.officer, item, action="publish").status_code == 403  # the website is IT's
    assert act(client, thuanhoa.it, item, action="publish").status_code == 403
    act(client, phuxuan.it, item, action="publish")
    assert item.step == Step.DONE and item.outcome == ModerationItem.Outcome.PUBLISHED

    page = ArticlePage.objects.get(pk=item.page_id)
    assert page.live
    assert "Phường tổ chức ngày hội đại đoàn kết" in client.get(page.url, HTTP_HOST="phuxuan.localhost").text
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions
    assert item.steps.filter(finished_at__isnull=False).count() == 6


def test_refused_item_gets_a_signed_document_and_a_letter_with_the_reason(client, phuxuan):
    item = submitted(phuxuan.unit, "Quảng cáo bán hàng đa cấp", email="nguoigui@example.vn")
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    services.assign(item, phuxuan.leader, phuxuan.officer)

    response = act(client, phuxuan.officer, item, action="recommend", verdict="refuse", draft_document="Không đồng ý cho đăng.")
    assert response.status_code == 400 and "phải nêu lý do" in response.text
    act(client, phuxuan.officer, item, action="recommend", verdict="refuse", draft_document="Không đồng ý cho đăng.",
        reason="Nội dung quảng cáo thương mại, không phải tin hoạt động.")
    act(client, phuxuan.leader, item, action="decide", verdict="refuse")
    assert item.decision == "refuse" and item.reason.startswith("Nội dung quảng cáo")

    assert act(client, phuxuan.it, item, action="send_refusal").status_code == 403  # the letter is the officer's
    act(client, phuxuan.officer, item, action="send_refusal")
    assert item.outcome == ModerationItem.Outcome.REFUSED and item.step == Step.DONE
    letter = OutgoingEmail.objects.get(pk=item.refusal_email_id)
    assert letter.to == ["nguoigui@example.vn"]
    assert "Nội dung quảng cáo thương mại" in letter.body and item.document_number in letter.body
    assert not ArticlePage.objects.get(pk=item.page_id).live

    client.force_login(phuxuan.leader)
    document = client.get(f"/kiem-duyet/{item.pk}/van-ban/")
    assert "VĂN BẢN KHÔNG ĐỒNG Ý CHO ĐĂNG TIN, BÀI, ẢNH" in document.text
    assert vn_name(phuxuan.leader) in document.text and "In văn bản" in document.text


def test_the_leader_can_only_assign_a_culture_officer_of_the_unit(client, phuxuan, thuanhoa):
    item = submitted(phuxuan.unit)
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    response = act(client, phuxuan.leader, item, action="assign", officer=thuanhoa.officer.pk)
    assert response.status_code == 400 and "công chức Văn hóa của đơn vị" in response.text
    assert item.step == Step.ASSIGN


def test_another_units_people_cannot_even_see_the_item(client, phuxuan, thuanhoa):
    item = submitted(phuxuan.unit, "Tin nội bộ của Phú Xuân")
    client.force_login(thuanhoa.leader)
    assert client.get(f"/kiem-duyet/{item.pk}/").status_code == 403
    assert "Tin nội bộ của Phú Xuân" not in client.get("/kiem-duyet/").text


def test_each_step_shows_its_holders_and_due_moment(client, phuxuan):
    item = submitted(phuxuan.unit, "Tin có người giữ")
    services.confirm_receipt(item, phuxuan.officer)
    client.force_login(phuxuan.leader)
    page = client.get(f"/kiem-duyet/{item.pk}/").text
    assert "B2. Chuyển lãnh đạo phân công" in page
    assert vn_name(phuxuan.officer) in page and vn_name(phuxuan.officer2) in page
    assert dt.datetime.strftime(item.step_due_at.astimezone(HUE), "%H:%M %d/%m/%Y") in page


def test_deadlines_skip_the_weekend_and_the_national_day_holidays(phuxuan):
    friday_afternoon = dt.datetime(2026, 8, 28, 15, 0, tzinfo=HUE)
    with services.acting_at(friday_afternoon):
        item = submitted(phuxuan.unit)
    # B1 "giờ hành chính": by the close of the office day it arrives in.
    assert item.step_due_at == dt.datetime(2026, 8, 28, 17, 0, tzinfo=HUE)
    with services.acting_at(dt.datetime(2026, 8, 28, 16, 0, tzinfo=HUE)):
        services.confirm_receipt(item, phuxuan.officer)
    # B2 is 0.5 day (3 h 45 min of office time): 1 h on Friday, then Sat–Sun, the 31/8 day off and the
    # National Day holidays 1–2/9 are skipped; the rest runs from 07:30 on Thursday 3/9.
    assert item.step_due_at == dt.datetime(2026, 9, 3, 10, 15, tzinfo=HUE)


def test_overdue_steps_are_flagged_to_the_holder_and_their_leader(client, phuxuan):
    with services.acting_at(dt.datetime(2026, 3, 2, 8, 0, tzinfo=HUE)):
        late = submitted(phuxuan.unit, "Tin để quá hạn")
        services.confirm_receipt(late, phuxuan.officer)
    submitted(phuxuan.unit, "Tin còn trong hạn")
    for user in (phuxuan.officer, phuxuan.leader):
        client.force_login(user)
        panel = client.get("/kiem-duyet/").text.split("Bước quá hạn")[1].split("</section>")[0]
        assert "Tin để quá hạn" in panel and "Tin còn trong hạn" not in panel
    client.force_login(phuxuan.it)
    assert "Bước quá hạn" not in client.get("/kiem-duyet/").text

    assert services.alert_overdue() == 1
    assert services.alert_overdue() == 0  # once per overdue step
    alerted = set(Notification.objects.filter(title__startswith="Quá hạn").values_list("recipient", flat=True))
    assert alerted == {phuxuan.officer.pk, phuxuan.officer2.pk, phuxuan.leader.pk}


def test_a_secret_item_cannot_be_approved_or_published(client, phuxuan):
    item = submitted(phuxuan.unit, "Tài liệu mật", is_secret=True)
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    services.assign(item, phuxuan.leader, phuxuan.officer)
    services.recommend(item, phuxuan.officer, "approve", "Đồng ý")
    response = act(client, phuxuan.leader, item, action="decide", verdict="approve")
    assert response.status_code == 400 and "Mật" in response.text
    assert item.step == Step.DECIDE
    assert not ArticlePage.objects.get(pk=item.page_id).live


def test_an_editor_submitting_in_the_admin_enters_qt07_too(phuxuan):
    from tests.factories.moderation import draft_article

    page = draft_article(phuxuan.unit, "Bài của ban biên tập")
    services.qt07_workflow().start(page, phuxuan.board)
    item = ModerationItem.objects.get(page=page)
    assert item.unit == phuxuan.unit and item.step == Step.RECEIVE and item.submitted_by == phuxuan.board


def test_qt07_sends_no_direct_wagtail_emails_only_queued_vietnamese_ones(phuxuan, mailoutbox):
    from tests.factories.moderation import draft_article

    # Submitted by an officer with an account: Wagtail would mail them on rejection.
    item = services.receive(draft_article(phuxuan.unit, "Tin không kèm thư tiếng Anh"), submitted_by=phuxuan.board,
                            submitter_email=phuxuan.board.email)
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    services.assign(item, phuxuan.leader, phuxuan.officer)
    services.recommend(item, phuxuan.officer, "refuse", "Không đồng ý", reason="Trùng lặp")
    services.decide(item, phuxuan.leader, "refuse")
    services.send_refusal(item, phuxuan.officer)
    assert mailoutbox == []  # nothing went out behind the queue's back
    assert OutgoingEmail.objects.filter(subject__startswith="Thông báo không đồng ý").count() == 1


def test_the_leader_tells_culture_officers_apart_by_position_and_unit_when_assigning(client, phuxuan, thuanhoa, django_assert_max_num_queries):
    from intranet.directory.models import Person
    from intranet.units.services import Decision, merge_units

    Person.objects.create(user=phuxuan.officer, unit=phuxuan.unit, full_name="Hoàng Thị Mai", position="Công chức Văn hóa – Xã hội",
                          civil_servant_code="px-1")
    item = submitted(phuxuan.unit, "Tin sau sáp nhập")
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    merge_units([thuanhoa.unit], successor=phuxuan.unit, decision=Decision("1680/NQ-UBTVQH15", dt.date(2025, 6, 16)))
    client.force_login(phuxuan.leader)
    page = client.get(f"/kiem-duyet/{item.pk}/", HTTP_HOST="localhost").text
    mai = f'<option value="{phuxuan.officer.pk}">{vn_name(phuxuan.officer)} – Công chức Văn hóa – Xã hội – Phú Xuân</option>'
    moved = f'<option value="{thuanhoa.officer.pk}">{vn_name(thuanhoa.officer)} – Công chức Văn hóa – Phú Xuân</option>'
    assert mai in page and moved in page
    with django_assert_max_num_queries(60):  # the labels come with the people, not one query per option
        client.get(f"/kiem-duyet/{item.pk}/", HTTP_HOST="localhost")
