from django.conf import settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from .schedule import SCHEDULE


def sync_schedule() -> int:
    """Write SCHEDULE into the beat tables; idempotent. Returns the number of entries."""
    for name, (task, crontab, description) in SCHEDULE.items():
        fields = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **crontab}
        schedule, _created = CrontabSchedule.objects.get_or_create(timezone=settings.TIME_ZONE, **fields)
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": schedule, "description": description, "enabled": True}
        )
    return len(SCHEDULE)
