"""Guards for beat jobs that follow the working-day calendar."""

from __future__ import annotations

import functools
import logging

from django.utils import timezone

from intranet.workdays.calendar import is_working_day

logger = logging.getLogger(__name__)


def on_working_days(job):
    """Run ``job`` only on a working day (local date); on any other day it does nothing and returns None.

    Use it under ``@shared_task`` for batches and reminders that the regulations tie
    to office days (question batches at 10:00/16:00, the 11:00 press-digest reminder…)::

        @shared_task
        @on_working_days
        def remind_press_digest(): ...
    """

    @functools.wraps(job)
    def guarded(*args, **kwargs):
        today = timezone.localdate()
        if not is_working_day(today):
            logger.info("%s skipped: %s is not a working day", job.__name__, today)
            return None
        return job(*args, **kwargs)

    return guarded
