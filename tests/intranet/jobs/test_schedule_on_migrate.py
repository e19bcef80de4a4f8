"""The schedule as an operator gets it: written by `migrate` itself, kept through the
administrators' changes, run by beat (catch-up at start-up, the fast drill schedule)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.jobs import schedule
from intranet.jobs.models import ScheduleDefault
from intranet.jobs.scheduler import PortalScheduler
from portal.celery import app
from tests.factories import PersonFactory, UserFactory, province, unit_with_site

pytestmark = pytest.mark.django_db(transaction=True)


def _empty_schedule():
    PeriodicTask.objects.all().delete()
    CrontabSchedule.objects.all().delete()
    ScheduleDefault.objects.all().delete()


def _times(name):
    crontab = PeriodicTask.objects.get(name=name).crontab
    return crontab.hour, crontab.minute, str(crontab.timezone)


def test_migrate_writes_every_job_of_the_schedule_enabled_in_local_time():
    _empty_schedule()
    call_command("migrate", verbosity=0)
    jobs = PeriodicTask.objects.exclude(name__startswith="celery.")
    assert sorted(jobs.values_list("name", flat=True)) == sorted(schedule.SCHEDULE)
    assert all(job.enabled for job in jobs)
    assert {str(job.crontab.timezone) for job in jobs} == {"Asia/Ho_Chi_Minh"}
    assert _times("cases-receive-questions") == ("10,16", "0", "Asia/Ho_Chi_Minh")


def test_an_administrators_new_time_survives_the_next_migrate_and_sync():
    _empty_schedule()
    call_command("migrate", verbosity=0)
    job = PeriodicTask.objects.get(name="birthday-greetings")
    job.crontab = CrontabSchedule.objects.create(minute="30", hour="6", timezone="Asia/Ho_Chi_Minh")
    job.enabled = False
    job.save()
    call_command("migrate", verbosity=0)
    out = StringIO()
    call_command("sync_schedule", stdout=out)
    assert f"{len(schedule.SCHEDULE)} scheduled jobs" in out.getvalue()
    job.refresh_from_db()
    assert (job.crontab.hour, job.crontab.minute, job.enabled) == ("6", "30", False)
    assert PeriodicTask.objects.filter(name="birthday-greetings").count() == 1


def test_a_new_default_time_in_the_code_reaches_jobs_nobody_changed(monkeypatch):
    _empty_schedule()
    call_command("sync_schedule", stdout=StringIO())
    edited = PeriodicTask.objects.get(name="cases-overdue-alerts")
    edited.crontab = CrontabSchedule.objects.create(minute="15", hour="9", timezone="Asia/Ho_Chi_Minh")
    edited.save()
    changed = dict(schedule.SCHEDULE)
    for name in ("birthday-greetings", "cases-overdue-alerts"):
        task, _crontab, description = changed[name]
        changed[name] = (task, {"minute": "45", "hour": "6"}, description)
    monkeypatch.setattr("intranet.jobs.services.SCHEDULE", changed)
    call_command("sync_schedule", stdout=StringIO())
    assert _times("birthday-greetings")[:2] == ("6", "45")
    assert _times("cases-overdue-alerts")[:2] == ("9", "15")


@pytest.fixture
def celebrant(wagtail_basics):
    ward = unit_with_site(province(), code="phuxuan", name="UBND phường Phú Xuân")
    user = UserFactory()
    grant_role(user, ward, Role.SPECIALIST)
    today = timezone.localdate()
    PersonFactory(unit=ward, user=user, full_name="Nguyễn Thị Lan", birth_date=today.replace(year=1985))
    return user


def _start_beat():
    # As `celery beat` does before its scheduler starts: import every app's tasks module.
    app.loader.import_default_modules()
    return PortalScheduler(app=app, lazy=False)


def test_beat_starting_after_the_birthday_time_greets_at_once_and_only_once(client, celebrant):
    call_command("sync_schedule", stdout=StringIO())
    job = PeriodicTask.objects.get(name="birthday-greetings")
    # Every minute, so today's time has always passed; last run yesterday: today's run was missed.
    job.crontab = CrontabSchedule.objects.create(minute="*", hour="*", timezone="Asia/Ho_Chi_Minh")
    job.last_run_at = timezone.now() - dt.timedelta(days=1)
    job.save()
    _start_beat()
    client.force_login(celebrant)
    assert "Chúc mừng sinh nhật Nguyễn Thị Lan!" in client.get("/thong-bao/").content.decode()
    job.refresh_from_db()
    assert timezone.localdate(job.last_run_at) == timezone.localdate()
    _start_beat()
    assert celebrant.notifications.count() == 1


def test_beat_starting_before_the_birthday_time_waits_for_it(celebrant):
    call_command("sync_schedule", stdout=StringIO())
    job = PeriodicTask.objects.get(name="birthday-greetings")
    job.last_run_at = timezone.now()
    job.save()
    _start_beat()
    assert celebrant.notifications.count() == 0


def test_the_fast_schedule_runs_the_chosen_jobs_every_few_seconds(settings):
    call_command("sync_schedule", stdout=StringIO())
    settings.BEAT_EVERY_SECONDS = 5
    settings.BEAT_EVERY_JOBS = ["retry-pending-emails"]
    beat = _start_beat()
    assert beat.schedule["retry-pending-emails"].schedule.run_every == dt.timedelta(seconds=5)
    assert "birthday-greetings" not in beat.schedule or beat.schedule["birthday-greetings"].schedule.hour == {7}
    assert _times("retry-pending-emails")[1] == "*/5"  # the stored times stay
