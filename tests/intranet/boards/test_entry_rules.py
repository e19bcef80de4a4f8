"""App. II as the table writes it: what a duplicate is, and the 2-working-day entry deadline (shown, alerted, graded)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.boards import services
from intranet.boards.models import Board
from intranet.desk.work import open_work
from intranet.notifications.models import Notification
from intranet.units.models import Unit
from intranet.workdays.models import CalendarDay
from tests.factories import UserFactory, unit_with_site
from tests.factories.boards import BoardFactory, board_form_data

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ADD = "wagtailsnippets_boards_board:add"


def post(client, user, **data):
    client.force_login(user)
    return client.post(reverse(ADD), board_form_data(**data))


@pytest.fixture
def communes(org):
    """Two communes, each with its own People's Committee issuing its own numbers, and their editors."""
    first = unit_with_site(org.tinh, code="phuxuan", name="Phường Phú Xuân", kind=Unit.Kind.COMMUNE)
    second = unit_with_site(org.tinh, code="thuanhoa", name="Phường Thuận Hóa", kind=Unit.Kind.COMMUNE)
    editors = UserFactory(), UserFactory()
    grant_role(editors[0], first, Role.UNIT_BOARD)
    grant_role(editors[1], second, Role.UNIT_BOARD)
    return first, second, editors


def test_another_communes_board_of_the_same_name_and_number_is_accepted(client, org, communes):
    first, second, (first_editor, second_editor) = communes
    assert post(client, first_editor, name="Ban Chỉ đạo chuyển đổi số", decision_number="12/QĐ-UBND", standing_unit=first).status_code == 302
    assert post(client, second_editor, name="Ban Chỉ đạo chuyển đổi số", decision_number="12/QĐ-UBND", standing_unit=second).status_code == 302
    assert {board.issuing_unit for board in Board.objects.all()} == {first, second}
    # The same name again within the first commune is a duplicate, whatever the decision.
    response = post(client, first_editor, name="BAN CHI DAO chuyen doi so", decision_number="99/QĐ-UBND", standing_unit=first)
    assert response.status_code == 200 and "đã có trong hệ thống" in response.content.decode()
    # Another commune's editor may not enter a board for the first one.
    response = post(client, second_editor, name="Ban Chỉ đạo khác", decision_number="13/QĐ-UBND", standing_unit=first)
    assert response.status_code == 200 and Board.objects.count() == 2


def test_the_same_decision_number_is_a_duplicate_only_from_the_same_issuer_in_the_same_year(client, org):
    assert post(client, org.clerk, name="Ban Chỉ đạo A", decision_number="12/QĐ-UBND", standing_unit=org.snv).status_code == 302
    assert Board.objects.get().issuing_unit == org.tinh  # a department's board is founded by the province
    data = board_form_data(name="Ban Chỉ đạo B", decision_number="12/qđ-ubnd", standing_unit=org.snv)
    assert "đã có trong hệ thống" in client.post(reverse(ADD), data).content.decode()
    data["decision_date"] = "2027-01-05"
    assert client.post(reverse(ADD), data).status_code == 302  # another year's 12/QĐ-UBND
    assert Board.objects.count() == 2
    # The database keeps the rule too, for writes that skip the form.
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardFactory(name="Ban Chỉ đạo C", decision_number="12/QĐ-UBND", decision_date=dt.date(2026, 3, 1), standing_unit=org.sxd)


def test_the_entry_deadline_is_two_working_days_shown_alerted_once_and_graded(client, org):
    # Decision Friday 20/11/2026: due at the end of Wednesday 25/11 (the weekend and 24/11, Vietnam Culture Day, skipped).
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=HCM), tick=False):
        response = post(client, org.clerk, name="Ban Chỉ đạo nháp", decision_number="40/QĐ-UBND", standing_unit=org.snv,
                        action="")
    assert response.status_code == 302
    draft = Board.objects.get(name="Ban Chỉ đạo nháp")
    assert not draft.live and draft.entry_due_at == dt.datetime(2026, 11, 25, 17, 0, tzinfo=HCM)
    assert draft.entry_timeliness == "overdue"  # now, long after

    # The admin listing and the editor's desk show the deadline; the other agency's desk does not.
    client.force_login(org.clerk)  # today, not on the travelled day: that session may have expired since
    body = client.get(reverse("wagtailsnippets_boards_board:list")).content.decode()
    assert "17:00 25/11/2026" in body and "Quá hạn" in body
    assert [(item.title, item.due_at) for item in open_work(org.clerk)] == [("Ban Chỉ đạo nháp", draft.entry_due_at)]
    assert open_work(org.outsider) == []

    # The working calendar moves it: a day off on Monday 23/11 makes it Thursday 26/11.
    CalendarDay.objects.create(date=dt.date(2026, 11, 23), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ đột xuất")
    draft.refresh_from_db()
    assert draft.entry_due_at == dt.datetime(2026, 11, 26, 17, 0, tzinfo=HCM)

    # The job alerts the standing agency once it passed, on working days, once.
    assert services.alert_late_board_entries(now=dt.datetime(2026, 11, 26, 16, 0, tzinfo=HCM)) == 0
    assert services.alert_late_board_entries(now=dt.datetime(2026, 11, 28, 8, 0, tzinfo=HCM)) == 0  # Saturday
    assert services.alert_late_board_entries(now=dt.datetime(2026, 11, 27, 8, 0, tzinfo=HCM)) == 1
    assert services.alert_late_board_entries(now=dt.datetime(2026, 11, 30, 8, 0, tzinfo=HCM)) == 0
    assert Notification.objects.filter(recipient=org.clerk, title__contains="Quá hạn cập nhật ban chỉ đạo").count() == 1
    assert not Notification.objects.filter(recipient=org.outsider).exists()


@pytest.mark.parametrize(("published", "grade"), [
    (dt.datetime(2026, 11, 23, 10, 0), "early"),
    (dt.datetime(2026, 11, 25, 16, 59), "on_time"),
    (dt.datetime(2026, 11, 26, 8, 0), "late"),
])
def test_publishing_grades_the_entry(client, org, published, grade):
    with time_machine.travel(published.replace(tzinfo=HCM), tick=False):
        assert post(client, org.clerk, name="Ban Chỉ đạo X", decision_number="41/QĐ-UBND", standing_unit=org.snv).status_code == 302
    board = Board.objects.get()
    assert board.live and board.entry_timeliness == grade
