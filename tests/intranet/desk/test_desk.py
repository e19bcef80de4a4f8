"""The personal desk (SPEC §8) through HTTP, for a real officer in a real unit."""

import datetime as dt

import pytest
from django.utils import timezone

from intranet.directory.models import Person
from intranet.notifications.models import Notification
from tests.factories import PersonFactory
from tests.factories.desk import NotificationFactory, born_on

pytestmark = pytest.mark.django_db


def _desk(client, user):
    client.force_login(user)
    response = client.get("/ban-lam-viec/")
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/ban-lam-viec/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/ban-lam-viec/"


def test_the_desk_is_phone_friendly_and_shows_every_block_with_its_empty_state(client, tree):
    page = _desk(client, tree.officer)
    assert 'name="viewport"' in page and "desk.css" in page
    for empty in ["Không có công việc đang chờ xử lý.", "Không có thông báo mới.", "Hôm nay không có sinh nhật đồng nghiệp.",
                  "Chưa có điểm báo hôm nay.", "Bạn chưa tham gia ban chỉ đạo nào.", "Chưa có bài viết, bài phát biểu."]:
        assert empty in page


def test_my_unread_alerts_and_the_bell_count_are_mine_only(client, tree):
    NotificationFactory(recipient=tree.officer, title="Bạn được giao xử lý câu hỏi HD-1")
    NotificationFactory(recipient=tree.officer, title="Đã đọc rồi", read_at=timezone.now())
    NotificationFactory(recipient=tree.other, title="Việc của phường Thuận Hóa")
    page = _desk(client, tree.officer)
    assert "Bạn được giao xử lý câu hỏi HD-1" in page
    assert 'data-unread="1"' in page
    assert "Việc của phường Thuận Hóa" not in page
    assert "Đã đọc rồi" not in page


def test_opening_an_alert_marks_it_read_and_follows_its_link(client, tree):
    alert = NotificationFactory(recipient=tree.officer, url="/thong-bao/cai-dat/")
    client.force_login(tree.officer)
    response = client.get(f"/thong-bao/{alert.pk}/")
    assert response["Location"] == "/thong-bao/cai-dat/"
    assert 'data-unread="0"' in client.get("/ban-lam-viec/").content.decode()


def test_an_alert_pointing_off_site_does_not_redirect_there(client, tree):
    alert = NotificationFactory(recipient=tree.officer, url="https://evil.example/phish")
    client.force_login(tree.officer)
    assert client.get(f"/thong-bao/{alert.pk}/")["Location"] == "/thong-bao/"


def test_another_users_alert_cannot_be_opened_or_marked(client, tree):
    theirs = NotificationFactory(recipient=tree.other)
    client.force_login(tree.officer)
    assert client.get(f"/thong-bao/{theirs.pk}/").status_code == 404
    assert client.post(f"/thong-bao/{theirs.pk}/da-doc/").status_code == 404
    client.post("/thong-bao/da-doc/")
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read_empties_the_bell(client, tree):
    NotificationFactory.create_batch(3, recipient=tree.officer)
    client.force_login(tree.officer)
    assert client.get("/thong-bao/chua-doc.json").json() == {"unread": 3}
    client.post("/thong-bao/da-doc/")
    assert client.get("/thong-bao/chua-doc.json").json() == {"unread": 0}


def test_birthdays_today_show_my_units_colleagues_and_the_province_leaders_only(client, tree):
    today = timezone.localdate()
    PersonFactory(unit=tree.phuxuan, full_name="Trần Văn Đồng Nghiệp", birth_date=born_on(today))
    PersonFactory(unit=tree.thuanhoa, full_name="Phạm Thị Phường Khác", birth_date=born_on(today))
    chair = Person.objects.get(user=tree.chair)
    chair.birth_date = born_on(today, 1970)
    chair.save(update_fields=["birth_date"])
    PersonFactory(unit=tree.phuxuan, full_name="Hồ Văn Ngày Mai", birth_date=born_on(today + dt.timedelta(days=1)))
    page = _desk(client, tree.officer)
    assert "Trần Văn Đồng Nghiệp" in page
    assert "Nguyễn Văn Phương" in page  # the province's leader, on every desk
    assert "Phạm Thị Phường Khác" not in page
    assert "Hồ Văn Ngày Mai" not in page


def test_birthdays_of_hidden_retired_or_deactivated_colleagues_are_not_shown(client, tree):
    today = timezone.localdate()
    PersonFactory(unit=tree.phuxuan, full_name="Người Giấu Ngày Sinh", birth_date=born_on(today), hide_birthday=True)
    PersonFactory(unit=tree.phuxuan, full_name="Người Đã Nghỉ Hưu", birth_date=born_on(today), status=Person.Status.RETIRED)
    from tests.factories import UserFactory

    PersonFactory(unit=tree.phuxuan, full_name="Người Bị Khóa", birth_date=born_on(today), user=UserFactory(is_active=False))
    page = _desk(client, tree.officer)
    for name in ["Người Giấu Ngày Sinh", "Người Đã Nghỉ Hưu", "Người Bị Khóa"]:
        assert name not in page
    assert "Hôm nay không có sinh nhật đồng nghiệp." in page


def test_the_birth_year_never_reaches_the_desk(client, tree):
    today = timezone.localdate()
    PersonFactory(unit=tree.phuxuan, full_name="Trần Văn Đồng Nghiệp", birth_date=born_on(today, 1979))
    page = _desk(client, tree.officer)
    assert "1979" not in page


def test_the_desk_costs_the_same_queries_with_more_alerts_and_birthdays(client, tree, django_assert_max_num_queries):
    today = timezone.localdate()
    client.force_login(tree.officer)
    NotificationFactory.create_batch(2, recipient=tree.officer)
    PersonFactory.create_batch(2, unit=tree.phuxuan, birth_date=born_on(today))
    client.get("/ban-lam-viec/")  # warm caches (site, calendar)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/ban-lam-viec/")
    NotificationFactory.create_batch(20, recipient=tree.officer)
    PersonFactory.create_batch(20, unit=tree.phuxuan, birth_date=born_on(today))
    with django_assert_max_num_queries(len(small)):
        client.get("/ban-lam-viec/")
