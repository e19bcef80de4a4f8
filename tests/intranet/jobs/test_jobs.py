"""The beat schedule (one place, written into django-celery-beat) and the working-day guard."""

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from intranet.jobs.guards import on_working_days
from intranet.jobs.services import sync_schedule
from intranet.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_the_birthday_job_runs_every_morning_and_is_listed_for_administrators():
    sync_schedule()
    job = PeriodicTask.objects.get(name="birthday-greetings")
    assert job.task == "intranet.notifications.tasks.send_birthday_greetings"
    assert (job.crontab.hour, job.crontab.minute, job.crontab.day_of_week) == ("7", "0", "*")
    assert job.enabled


def test_syncing_the_schedule_twice_changes_nothing():
    sync_schedule()
    before = list(PeriodicTask.objects.order_by("name").values_list("name", "task", "crontab_id"))
    sync_schedule()
    assert list(PeriodicTask.objects.order_by("name").values_list("name", "task", "crontab_id")) == before


def _job():
    return "ran"


def test_a_calendar_following_job_does_nothing_on_a_day_off():
    CalendarDay.objects.create(date=timezone.localdate(), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù")
    assert on_working_days(_job)() is None


def test_a_calendar_following_job_runs_on_a_working_day():
    CalendarDay.objects.create(date=timezone.localdate(), kind=CalendarDay.Kind.WORKING_DAY, name="Làm bù")
    assert on_working_days(_job)() == "ran"


def test_the_birthday_task_greets_through_the_same_service():
    from intranet.notifications.tasks import send_birthday_greetings

    assert send_birthday_greetings.delay().get() == 0
