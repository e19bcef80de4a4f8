"""QT-07 as its table writes it (issue 13): the loudspeaker route (B1 receives for the loudspeakers as
well as the website, B6 the culture officer broadcasts and records when), the procedure's own
2-working-day total beside each step's deadline, and B6 on the website by the IT staff of the nearest
unit up the tree when the ward has none."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from intranet.moderation import services
from intranet.moderation.models import ModerationItem, Step
from intranet.notifications.models import OutgoingEmail
from intranet.workdays.calendar import Status, get_calendar
from intranet.workdays.models import CalendarDay
from portal.news.models import ArticlePage
from portal.submissions.models import Submission
from tests.factories.moderation import desk, submitted
from tests.factories.units import unit_with_site

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")
WARD = {"HTTP_HOST": "phuxuan.localhost"}
FRIDAY_3PM = dt.datetime(2026, 3, 6, 15, 0, tzinfo=HUE)


def act(client, user, item, **data):
    client.force_login(user)
    response = client.post(f"/kiem-duyet/{item.pk}/thao-tac/", data)
    client.logout()
    item.refresh_from_db()
    return response


def _through_b5(client, people, item, **b1):
    act(client, people.officer, item, action="receive", **b1)
    act(client, people.officer, item, action="forward")
    act(client, people.leader, item, action="assign", officer=people.officer.pk)
    act(client, people.officer, item, action="recommend", verdict="approve", draft_document="Đồng ý phát tin.")
    act(client, people.leader, item, action="decide", verdict="approve", document_text="Đồng ý phát tin.")
    assert item.step == Step.CARRY_OUT


def test_a_citizen_asks_for_the_loudspeakers_and_the_culture_officer_broadcasts_it(client, phuxuan):
    form = {
        "kind": "news", "channel": "loudspeaker", "name": "Trần Thị Loa", "email": "loa@example.vn", "phone": "",
        "organisation": "Tổ dân phố 5", "title": "Thông báo tiêm phòng dại cho chó, mèo",
        "content": "Tổ dân phố 5 thông báo lịch tiêm phòng dại cho chó, mèo vào sáng Chủ nhật tại nhà văn hóa.", "agree": "on",
    }  # fmt: skip
    with services.acting_at(FRIDAY_3PM):
        assert client.post("/gui-tin-bai/", form, **WARD).status_code == 302
        item = ModerationItem.objects.get()
        assert item.channel == ModerationItem.Channel.LOUDSPEAKER
        _through_b5(client, phuxuan, item)

    # B6 is the culture officer's, not IT's: nothing goes on the website.
    assert services.holders(item) == [phuxuan.officer] or set(services.holders(item)) == {phuxuan.officer, phuxuan.officer2}
    assert act(client, phuxuan.it, item, action="publish").status_code == 403
    assert act(client, phuxuan.officer, item, action="publish").status_code == 400  # approved for the loudspeakers
    monday = dt.datetime(2026, 3, 9, 10, 0, tzinfo=HUE)
    with services.acting_at(monday):
        refused = act(client, phuxuan.officer, item, action="broadcast", broadcast_at="2026-03-09T11:00")
        assert refused.status_code == 400 and "tương lai" in refused.text and item.step == Step.CARRY_OUT
        refused = act(client, phuxuan.officer, item, action="broadcast", broadcast_at="2026-03-06T08:00")
        assert refused.status_code == 400 and "sau khi lãnh đạo ký" in refused.text

        aired = dt.datetime(2026, 3, 9, 6, 30, tzinfo=HUE)  # the morning bulletin
        act(client, phuxuan.officer, item, action="broadcast", broadcast_at="2026-03-09T06:30", comment="Cụm loa tổ 5, 2 lần")
    assert item.step == Step.DONE and item.outcome == ModerationItem.Outcome.BROADCAST
    assert item.broadcast_at == aired
    assert not ArticlePage.objects.get(pk=item.page_id).live

    mail = [email for email in OutgoingEmail.objects.order_by("pk") if "loa@example.vn" in email.to][-1]
    assert "phát trên loa truyền thanh" in mail.subject and "06:30 ngày 09/03/2026" in mail.body
    code = Submission.objects.get().code
    assert "Đã phát trên hệ thống loa truyền thanh" in client.get(f"/tra-cuu/?ma={code}", **WARD).text

    client.force_login(phuxuan.leader)
    page = client.get(f"/kiem-duyet/{item.pk}/").text
    assert "Phát trên hệ thống loa truyền thanh" in page and "phát lúc" in page and "Cụm loa tổ 5, 2 lần" in page


def test_the_culture_officer_may_route_an_item_to_the_loudspeakers_at_b1_but_not_photos(client, phuxuan):
    item = submitted(phuxuan.unit, "Tin cho loa")
    act(client, phuxuan.officer, item, action="receive", channel="loudspeaker")
    assert item.channel == ModerationItem.Channel.LOUDSPEAKER and item.step == Step.FORWARD

    photos = {
        "kind": "photos", "channel": "loudspeaker", "name": "Lê Ảnh", "email": "anh@example.vn", "phone": "",
        "organisation": "", "title": "Ảnh ngày hội", "content": "", "agree": "on",
    }  # fmt: skip
    response = client.post("/gui-tin-bai/", photos, **WARD)
    assert response.status_code == 400 and "Ảnh không phát được trên loa truyền thanh" in response.text
    assert not Submission.objects.exists()


def test_every_item_carries_the_two_working_day_total_graded_beside_each_steps_own(client, phuxuan):
    with services.acting_at(FRIDAY_3PM):
        item = submitted(phuxuan.unit, "Tin có hạn tổng")
    # Friday 15:00 + 2 working days = Tuesday 15:00 (the weekend skipped), by the one calendar.
    assert item.due_at == get_calendar().due(FRIDAY_3PM, 2) == dt.datetime(2026, 3, 10, 15, 0, tzinfo=HUE)

    with services.acting_at(dt.datetime(2026, 3, 9, 8, 0, tzinfo=HUE)):  # Monday: B1 late (due Friday 17:00)
        _through_b5(client, phuxuan, item)
        act(client, phuxuan.it, item, action="publish")
    assert item.step == Step.DONE
    assert item.total_standing == Status.EARLY  # the whole procedure done a day before its limit
    client.force_login(phuxuan.leader)
    page = client.get(f"/kiem-duyet/{item.pk}/").text
    assert "Hạn toàn quy trình (02 ngày làm việc)" in page and "15:00 10/03/2026" in page
    assert "Sớm hạn" in page and "Trễ hạn" in page  # the total early, B1 itself late


def test_a_calendar_change_moves_the_total_too(phuxuan):
    with services.acting_at(FRIDAY_3PM):
        item = submitted(phuxuan.unit, "Tin gặp ngày nghỉ bù")
    CalendarDay.objects.create(date=dt.date(2026, 3, 9), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")  # Monday off
    item.refresh_from_db()
    assert item.due_at == dt.datetime(2026, 3, 11, 15, 0, tzinfo=HUE)


def test_a_ward_without_it_staff_is_posted_by_the_it_staff_up_the_tree(client, sites):
    province = sites[0]
    provincial = desk(province)
    ward = unit_with_site(province, code="anhoa", name="Phường An Hòa", short_name="An Hòa")
    people = desk(ward)
    people.it.memberships.all().delete()  # the ward has no IT staff of its own
    item = submitted(ward, "Tin phường không có bộ phận CNTT")
    assert item.carry_out_unit == province
    _through_b5(client, people, item)
    assert services.holders(item) == [provincial.it]
    assert item in services.held_items(provincial.it)
    act(client, provincial.it, item, action="publish")
    assert item.outcome == ModerationItem.Outcome.PUBLISHED and ArticlePage.objects.get(pk=item.page_id).live


def test_b4_starts_from_the_units_template_and_the_item_page_shows_what_was_sent(client, phuxuan):
    from portal.home.models import HomePage

    home = HomePage.objects.get(unit=phuxuan.unit)
    home.qt07_refuse_template = "UBND {don_vi} không đồng ý đăng \u201c{tieu_de}\u201d của {nguoi_gui}. {khong_co}"
    home.save()
    item = submitted(phuxuan.unit, "Ngày hội đọc sách")
    act(client, phuxuan.officer, item, action="receive")
    act(client, phuxuan.officer, item, action="forward")
    act(client, phuxuan.leader, item, action="assign", officer=phuxuan.officer.pk)

    client.force_login(phuxuan.officer)
    page = client.get(f"/kiem-duyet/{item.pk}/").text
    # The standard approval wording (this unit kept it), its own refusal wording, the sender's text.
    assert "đồng ý cho đăng trên trang thông tin điện tử tin, bài, ảnh nêu trên" in page
    assert "UBND Phường Phú Xuân không đồng ý đăng “Ngày hội đọc sách” của Nguyễn Văn Dân. {khong_co}" in page
    assert "Nội dung đề nghị đăng" in page and "Nội dung đề nghị đăng." in page
    assert 'data-draft-for="draft_document"' in page
