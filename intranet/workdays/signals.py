"""When an administrator changes the calendar, open deadlines must move.

Apps that store due moments (the case engine, moderation) connect to
``calendar_changed`` and recompute what is still open.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import CalendarDay

calendar_changed = Signal()  # sends: day (a CalendarDay)


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def _announce_change(sender, instance, **kwargs):
    calendar_changed.send(sender=CalendarDay, day=instance)
