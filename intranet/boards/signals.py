"""A board that is published (or withdrawn) leaves through the outbox in the same transaction."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from intranet.workdays.signals import calendar_changed

from . import services
from .models import Board


@receiver(calendar_changed, dispatch_uid="boards_move_entry_deadlines")
def move_entry_deadlines(sender, **kwargs):
    services.recompute_entry_deadlines()


@receiver(published, sender=Board, dispatch_uid="boards_published")
def board_published(sender, instance: Board, revision=None, **kwargs):
    services.publish_to_store(instance, by=getattr(revision, "user", None))


@receiver(unpublished, sender=Board, dispatch_uid="boards_unpublished")
@receiver(post_delete, sender=Board, dispatch_uid="boards_deleted")
def board_withdrawn(sender, instance: Board, **kwargs):
    services.withdraw_from_store(instance)
