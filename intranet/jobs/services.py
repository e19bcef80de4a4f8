"""Writing THE schedule (``schedule.SCHEDULE``) into django-celery-beat's tables.

Runs after every ``migrate`` (``apps.py``) and from ``manage.py sync_schedule``. New jobs
are created enabled, in the project's time zone. A job an administrator re-timed or
switched off in the admin keeps the administrator's choice; a job nobody touched follows
the times in the code. Running it twice changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from .models import ScheduleDefault
from .schedule import SCHEDULE

CRONTAB_FIELDS = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")


def crontab_fields(crontab: dict) -> dict:
    """A SCHEDULE entry's crontab with every field filled in (unset fields mean "every")."""
    return {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **crontab}


def _current(task: PeriodicTask) -> dict | None:
    if task.crontab is None:
        return None
    return {field: getattr(task.crontab, field) for field in CRONTAB_FIELDS}


def sync_schedule(using: str = "default") -> int:
    """Write SCHEDULE into the beat tables; idempotent. Returns the number of entries."""
    with transaction.atomic(using=using):
        defaults = {row.name: row for row in ScheduleDefault.objects.using(using).all()}
        for name, (task_path, crontab, description) in SCHEDULE.items():
            fields = crontab_fields(crontab)
            task = PeriodicTask.objects.using(using).select_related("crontab").filter(name=name).first()
            recorded = defaults.get(name)
            if task is None:
                PeriodicTask.objects.using(using).create(
                    name=name, task=task_path, crontab=_crontab(fields, using), description=description, enabled=True
                )
            else:
                untouched = recorded is not None and _current(task) == recorded.crontab
                changes = {"task": task_path, "description": description}
                if untouched and _current(task) != fields:
                    changes["crontab"] = _crontab(fields, using)  # the code's new default, nobody chose otherwise
                changed = [key for key, value in changes.items() if getattr(task, key) != value]
                if changed:
                    for key in changed:
                        setattr(task, key, changes[key])
                    task.save(update_fields=changed)
            if recorded is None:
                ScheduleDefault.objects.using(using).create(name=name, crontab=fields)
            elif recorded.crontab != fields:
                recorded.crontab = fields
                recorded.save(using=using, update_fields=["crontab", "written_at"])
    return len(SCHEDULE)


def _crontab(fields: dict, using: str) -> CrontabSchedule:
    schedule = CrontabSchedule.objects.using(using).filter(timezone=settings.TIME_ZONE, **fields).first()
    return schedule or CrontabSchedule.objects.using(using).create(timezone=settings.TIME_ZONE, **fields)
