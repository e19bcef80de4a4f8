"""Every saved directory change leaves through the outbox in the same transaction."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from intranet.accounts.models import Membership
from intranet.store.models import Action
from intranet.store.services import record_change
from intranet.units.models import Unit
from intranet.units.services import unit_merged

from . import grants, services
from .models import DirectoryChange, Person


@receiver(post_save, sender=Person, dispatch_uid="directory_person_saved")
def person_saved(sender, instance: Person, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    kind = getattr(instance, "_change_kind", None) or (DirectoryChange.Kind.CREATED if created else DirectoryChange.Kind.UPDATED)
    services.record_person_change(instance, kind=kind, by=getattr(instance, "_changed_by", None), note=getattr(instance, "_change_note", ""))
    grants.grant_own_record(instance)
    for attribute in ("_change_kind", "_change_note"):
        instance.__dict__.pop(attribute, None)


@receiver(post_delete, sender=Person, dispatch_uid="directory_person_deleted")
def person_deleted(sender, instance: Person, **kwargs):
    unit = Unit.objects.filter(pk=instance.unit_id).first()
    if unit is not None:
        record_change(channel="people", record_id=instance.store_record_id, unit=unit, payload={}, action=Action.DELETE)


@receiver(post_save, sender=Unit, dispatch_uid="directory_unit_saved")
def unit_saved(sender, instance: Unit, raw: bool = False, **kwargs):
    if not raw:
        services.publish_unit(instance, by=getattr(instance, "_changed_by", None))


@receiver(unit_merged, dispatch_uid="directory_unit_merged")
def propagate_merge(sender, source: Unit, successor: Unit, **kwargs):
    services.unit_merged(source=source, successor=successor)


@receiver(post_save, sender=Membership, dispatch_uid="directory_membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="directory_membership_deleted")
def membership_changed(sender, instance: Membership, **kwargs):
    grants.sync_membership_grants(instance.user, instance.unit)
