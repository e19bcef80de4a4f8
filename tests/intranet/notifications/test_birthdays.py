"""Art. 6.5: birthday greetings, every morning, once per person and day."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.directory.models import Person
from intranet.notifications.birthdays import greet
from intranet.notifications.models import BirthdayGreeting, Notification
from tests.factories import PersonFactory, UserFactory, province, unit_with_site

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 19)


@pytest.fixture
def ward(db):
    return unit_with_site(province(), code="phuxuan", name="UBND phường Phú Xuân")


def _officer(unit, name, birth_date=None, **person):
    user = UserFactory()
    grant_role(user, unit, Role.SPECIALIST)
    PersonFactory(unit=unit, user=user, full_name=name, birth_date=birth_date, **person)
    return user


def _run(*args) -> str:
    out = StringIO()
    call_command("send_birthday_greetings", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_the_person_is_greeted_and_their_unit_colleagues_are_told(ward, django_capture_on_commit_callbacks):
    celebrant = _officer(ward, "Nguyễn Thị Lan", dt.date(1985, 5, 19))
    colleague = _officer(ward, "Trần Văn Hùng")
    elsewhere = _officer(unit_with_site(ward.get_parent(), code="thuanhoa"), "Lê Thị Hoa")
    with django_capture_on_commit_callbacks(execute=True):
        assert _run("--date", "2026-05-19") == "greeted: 1"
    assert Notification.objects.get(recipient=celebrant).title == "Chúc mừng sinh nhật Nguyễn Thị Lan!"
    assert Notification.objects.get(recipient=colleague).title == "Hôm nay là sinh nhật của Nguyễn Thị Lan"
    assert not Notification.objects.filter(recipient=elsewhere).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([celebrant.email, colleague.email])


def test_running_twice_the_same_day_greets_nobody_twice(ward):
    _officer(ward, "Nguyễn Thị Lan", dt.date(1985, 5, 19))
    _officer(ward, "Trần Văn Hùng")
    assert _run("--date", "2026-05-19") == "greeted: 1"
    assert _run("--date", "2026-05-19") == "greeted: 0"
    assert Notification.objects.count() == 2
    assert BirthdayGreeting.objects.count() == 1


def test_the_next_year_greets_again(ward):
    _officer(ward, "Nguyễn Thị Lan", dt.date(1985, 5, 19))
    assert greet(DAY) == 1
    assert greet(dt.date(2027, 5, 19)) == 1


def test_people_born_on_29_february_are_greeted_on_28_february_in_common_years(ward):
    _officer(ward, "Hồ Thị Nhuận", dt.date(1988, 2, 29))
    assert greet(dt.date(2027, 3, 1)) == 0
    assert greet(dt.date(2027, 2, 28)) == 1


def test_in_a_leap_year_29_february_is_greeted_on_its_own_day(ward):
    _officer(ward, "Hồ Thị Nhuận", dt.date(1988, 2, 29))
    assert greet(dt.date(2028, 2, 28)) == 0
    assert greet(dt.date(2028, 2, 29)) == 1


def test_hidden_retired_and_deactivated_people_are_skipped(ward):
    _officer(ward, "Người Giấu Ngày Sinh", dt.date(1985, 5, 19), hide_birthday=True)
    _officer(ward, "Người Đã Nghỉ Hưu", dt.date(1960, 5, 19), status=Person.Status.RETIRED)
    locked = _officer(ward, "Người Bị Khóa", dt.date(1990, 5, 19))
    locked.is_active = False
    locked.save()
    colleague = _officer(ward, "Trần Văn Hùng")
    assert _run("--date", "2026-05-19") == "greeted: 0"
    assert not Notification.objects.filter(recipient=colleague).exists()


def test_a_person_without_an_account_is_still_announced_to_colleagues(ward):
    PersonFactory(unit=ward, full_name="Bác Bảo Vệ", birth_date=dt.date(1970, 5, 19))
    colleague = _officer(ward, "Trần Văn Hùng")
    assert greet(DAY) == 1
    assert "Bác Bảo Vệ" in Notification.objects.get(recipient=colleague).title


def test_a_bad_date_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        _run("--date", "19/05/2026")


def test_the_cost_is_a_constant_number_of_queries(ward, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(2):
        _officer(ward, f"Người Sinh Nhật {n}", dt.date(1980 + n, 5, 19))
    with CaptureQueriesContext(connection) as small:
        assert greet(DAY) == 2
    other = unit_with_site(ward.get_parent(), code="thuanhoa")
    for n in range(15):
        _officer(ward if n % 2 else other, f"Người Khác {n}", dt.date(1980 + n, 5, 20))
    for n in range(15):
        _officer(other, f"Đồng Nghiệp {n}")
    with django_assert_num_queries(len(small)):
        assert greet(dt.date(2026, 5, 20)) == 15


def test_the_birthday_key_follows_the_birth_date_on_every_save(ward):
    person = PersonFactory(unit=ward, birth_date=dt.date(1984, 5, 19))
    assert Person.objects.get(pk=person.pk).birthday_key == 519
    person.birth_date = dt.date(1990, 12, 3)
    person.save(update_fields=["birth_date"])
    assert Person.objects.get(pk=person.pk).birthday_key == 1203
    person.birth_date = None
    person.save()
    assert Person.objects.get(pk=person.pk).birthday_key is None


def test_the_daily_job_finds_todays_people_through_the_birthday_index(ward):
    from django.db import connection

    from intranet.notifications.birthdays import celebrating

    PersonFactory(unit=ward, birth_date=DAY.replace(year=1980))
    sql, params = celebrating(DAY).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "USING INDEX" in plan and "birthday_key" in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")  # a tiny test table: ask whether the index *can* answer
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
            assert "birthday_key" in plan and "Index" in plan, plan


def test_the_demo_greets_an_officer_with_an_account_on_the_day_it_is_loaded(client):
    """`make run` on any day: Hoàng Thị Mai celebrates, finds her greeting, and her ward's leader sees her on the desk."""
    import io

    from django.utils import timezone

    from intranet.accounts import demo as accounts
    from intranet.accounts.models import User
    from intranet.notifications import demo as notifications
    from intranet.units import demo as units

    for module in (units, accounts, notifications):
        module.load(io.StringIO())
    mai = User.objects.get(username="vanhoa_phuxuan")
    today = timezone.localdate()
    assert (mai.person.birth_date.month, mai.person.birth_date.day) == (today.month, today.day)
    assert Notification.objects.filter(recipient=mai, kind="birthday").count() == 1
    client.force_login(User.objects.get(username="lanhdao_phuxuan"))
    desk = client.get("/ban-lam-viec/", HTTP_HOST="localhost").content.decode()
    assert "Hoàng Thị Mai" in desk
    before = (BirthdayGreeting.objects.count(), Notification.objects.count())
    notifications.load(io.StringIO())
    assert (BirthdayGreeting.objects.count(), Notification.objects.count()) == before
