"""A published (or withdrawn) article or speech leaves through the outbox in the same transaction."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from . import services
from .models import Speech


@receiver(published, sender=Speech, dispatch_uid="speeches_published")
def speech_published(sender, instance: Speech, revision=None, **kwargs):
    services.publish_to_store(instance, by=getattr(revision, "user", None))


@receiver(unpublished, sender=Speech, dispatch_uid="speeches_unpublished")
@receiver(post_delete, sender=Speech, dispatch_uid="speeches_deleted")
def speech_withdrawn(sender, instance: Speech, **kwargs):
    services.withdraw_from_store(instance)
