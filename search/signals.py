"""Keep the people index in step with the directory.

``PublicPerson`` is a proxy, and Django sends a ``Person`` save with
``sender=Person``, so Wagtail's own handlers (connected per indexed model)
never see it. A person who leaves, retires or is deleted leaves the index.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index

from intranet.directory.models import Person

from .models import PublicPerson


def _as_indexed(person: Person) -> PublicPerson:
    return PublicPerson(**{field.attname: getattr(person, field.attname) for field in Person._meta.concrete_fields})


@receiver(post_save, sender=Person, dispatch_uid="search-person-saved")
def person_saved(sender, instance: Person, raw=False, **kwargs):
    if raw:
        return
    if instance.status == Person.Status.WORKING:
        index.insert_or_update_object(_as_indexed(instance))
    else:
        index.remove_object(_as_indexed(instance))


@receiver(post_delete, sender=Person, dispatch_uid="search-person-deleted")
def person_deleted(sender, instance: Person, **kwargs):
    index.remove_object(_as_indexed(instance))
