"""The beat scheduler: django-celery-beat's database scheduler with two operator features.

* **Catch-up on start-up.** Daily jobs listed in ``schedule.CATCH_UP_ON_START`` whose time
  already passed today without a run (the server was down at 07:00, or the schedule was
  only just written) run once as beat starts, so the desk shows today's birthdays.
* **A fast schedule.** ``BEAT_EVERY_SECONDS=N`` runs the jobs every N seconds instead of at
  their times (``BEAT_EVERY_JOBS`` limits it to some jobs by name): for a drill, a demo or
  the CI stack. The times kept in the database are not touched.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery.schedules import schedule as every
from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler, ModelEntry

from .schedule import CATCH_UP_ON_START

logger = logging.getLogger(__name__)


def fast_schedule_applies(name: str) -> bool:
    jobs = settings.BEAT_EVERY_JOBS
    return bool(settings.BEAT_EVERY_SECONDS) and (not jobs or name in jobs)


class PortalEntry(ModelEntry):
    def __init__(self, model, app=None):
        super().__init__(model, app=app)
        if fast_schedule_applies(self.name):
            self.schedule = every(dt.timedelta(seconds=settings.BEAT_EVERY_SECONDS), app=self.app)


class PortalScheduler(DatabaseScheduler):
    Entry = PortalEntry

    def enabled_models_qs(self):
        if settings.BEAT_EVERY_SECONDS:
            # The parent leaves out crontab jobs not due this hour; on the fast schedule all are due.
            return self.Model.objects.enabled()
        return super().enabled_models_qs()

    def setup_schedule(self):
        super().setup_schedule()
        if settings.BEAT_EVERY_SECONDS:
            logger.warning(
                "beat: fast schedule, every %s s (%s)", settings.BEAT_EVERY_SECONDS, settings.BEAT_EVERY_JOBS or "all jobs"
            )
        for name in missed_today():
            model = PeriodicTask.objects.get(name=name)
            entry = next(self.Entry(model, app=self.app))  # last run: now
            entry.save()
            logger.warning("beat: %s missed its time today, running it now", name)
            self.apply_async(entry, producer=self.producer, advance=False)


def missed_today(now: dt.datetime | None = None) -> list[str]:
    """Catch-up jobs whose time came today (local) after their last run, without them running."""
    now = now or timezone.now()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    missed = []
    for model in PeriodicTask.objects.filter(name__in=CATCH_UP_ON_START, enabled=True, crontab__isnull=False).select_related(
        "crontab"
    ):
        since = max(model.last_run_at or midnight, midnight)
        crontab = model.crontab.schedule
        crontab.nowfun = lambda: now
        if crontab.is_due(since).is_due:
            missed.append(model.name)
    return missed
