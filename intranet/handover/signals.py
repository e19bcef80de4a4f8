"""Work follows people: a deactivated account releases what it holds; a merged unit's work moves on."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from intranet.accounts.models import User
from intranet.units.services import unit_merged

from . import services


@receiver(pre_save, sender=User, dispatch_uid="handover_user_deactivating")
def note_deactivation(sender, instance: User, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    instance._releasing_work = User.objects.filter(pk=instance.pk, is_active=True).exists()


@receiver(post_save, sender=User, dispatch_uid="handover_user_deactivated")
def release_on_deactivation(sender, instance: User, raw=False, **kwargs):
    if raw or not instance.__dict__.pop("_releasing_work", False):
        return
    successor = instance.__dict__.pop("_work_successor", None)
    services.release_work(instance, successor=successor, by=instance.__dict__.pop("_released_by", None))


@receiver(unit_merged, dispatch_uid="handover_unit_merged")
def follow_the_merge(sender, source, successor, by=None, **kwargs):
    services.follow_merge(source, successor, by=by)

