"""QT-07's step table (reference 000, La Khê 2024, part 2), one parametrised test per step deadline, walked over HTTP.

B1 "Giờ hành chính" and B6 "Ngay sau khi có văn bản chấp thuận" have no working-day count: the software
gives them the close of the office day they start in. B2–B5 are 0,5 ngày each; 3.4 the whole procedure
02 ngày làm việc. Also Appendix II's 2-working-day board entry and Appendix IV's 11:00 digest.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from intranet.boards.models import Board
from intranet.cases.services import PRESS_DIGEST_DUE, press_digest_due
from intranet.moderation import services
from intranet.moderation.models import TOTAL_DAYS, ModerationItem, Step
from intranet.workdays.calendar import LOCAL_TZ, get_calendar
from tests.factories.moderation import submitted

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.datetime(2026, 3, 2, 8, 0, tzinfo=HUE)
HALF = Decimal("0.5")

# (step, the reference's wording, working days or None for "within the office day")
REFERENCE = [
    (Step.RECEIVE, "B1 Tiếp nhận tin, bài, ảnh – Giờ hành chính", None),
    (Step.FORWARD, "B2 Chuyển lãnh đạo phân công – 0,5 ngày", HALF),
    (Step.ASSIGN, "B3 Phân công xử lý – 0,5 ngày", HALF),
    (Step.REVIEW, "B4 Kiểm duyệt nội dung – 0,5 ngày", HALF),
    (Step.DECIDE, "B5 Phê duyệt – 0,5 ngày", HALF),
    (Step.CARRY_OUT, "B6 Thực hiện – ngay sau khi có văn bản chấp thuận", None),
]


def act(client, user, item, **data):
    client.force_login(user)
    response = client.post(f"/kiem-duyet/{item.pk}/thao-tac/", data)
    client.logout()
    item.refresh_from_db()
    return response


def walk_to(client, people, step) -> ModerationItem:
    """B1 to ``step`` through the item page's forms, an hour per action from a Monday morning."""
    path = [
        (people.officer, {"action": "receive"}),
        (people.officer, {"action": "forward"}),
        (people.leader, {"action": "assign", "officer": people.officer.pk}),
        (people.officer, {"action": "recommend", "verdict": "approve", "draft_document": "Đồng ý cho đăng."}),
        (people.leader, {"action": "decide", "verdict": "approve"}),
    ]
    with services.acting_at(MONDAY):
        item = submitted(people.unit, "Tin kiểm tra hạn")
    for hour, (user, data) in enumerate(path, start=1):
        if item.step == step:
            break
        with services.acting_at(MONDAY + dt.timedelta(hours=hour)):
            assert act(client, user, item, **data).status_code == 302, data
    assert item.step == step
    return item


@pytest.mark.parametrize(("step", "wording", "days"), REFERENCE, ids=[str(step) for step, _w, _d in REFERENCE])
def test_each_qt07_step_is_due_as_the_reference_says(client, phuxuan, step, wording, days):
    item = walk_to(client, phuxuan, step)
    calendar = get_calendar()
    if days is None:
        closing = calendar.periods[-1][1]
        assert item.step_due_at == dt.datetime.combine(calendar.next_office_moment(item.step_started_at).date(), closing, LOCAL_TZ), wording
    else:
        assert item.step_due_at == calendar.due(item.step_started_at, days), wording
    # 3.4: the procedure's own 02 working days from B1, beside every step's deadline.
    assert TOTAL_DAYS == Decimal(2)
    assert item.due_at == calendar.due(item.received_at, Decimal(2))


def test_app_ii_a_board_is_due_two_working_days_after_its_decision():
    friday = dt.date(2026, 3, 6)
    # "Chậm nhất sau 02 ngày làm việc": Monday and Tuesday, so by the close of Tuesday.
    due = Board.entry_due_for(friday)
    calendar = get_calendar()
    assert due.astimezone(LOCAL_TZ).date() == dt.date(2026, 3, 10)
    assert due == dt.datetime.combine(dt.date(2026, 3, 10), calendar.periods[-1][1], LOCAL_TZ)


def test_app_iv_the_digest_is_due_before_11_on_a_working_day():
    monday = dt.date(2026, 3, 2)
    assert PRESS_DIGEST_DUE == dt.time(11, 0)
    assert press_digest_due(monday) == dt.datetime.combine(monday, dt.time(11, 0), LOCAL_TZ)
