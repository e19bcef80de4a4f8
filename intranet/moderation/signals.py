from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import workflow_submitted

from intranet.units.services import unit_merged
from intranet.workdays.signals import calendar_changed
from portal.home.models import HomePage

from . import services


@receiver(workflow_submitted)
def open_qt07_record(sender, instance, user=None, **kwargs):
    # Whether the item came through the public form or an editor's "submit" in the admin, QT-07 starts at B1.
    services.adopt(instance, user)


@receiver(post_save, sender=HomePage)
def route_new_sites_through_qt07(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.attach_to_site(instance)


@receiver(calendar_changed)
def move_open_deadlines(sender, **kwargs):
    services.recompute_open_deadlines()


@receiver(unit_merged)
def follow_the_merge(sender, source, successor, **kwargs):
    services.move_to_successor(source, successor)
