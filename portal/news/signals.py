from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from portal.home.models import HomePage

from .services import ensure_sections


@receiver(post_save, sender=HomePage)
def give_new_sites_their_sections(sender, instance, created, raw=False, **kwargs):
    # A newly founded unit's site answers /tin-tuc/ and /thu-vien-anh/ from its first day.
    # A home's translation (the English portal, /en/) gets its sections by translating them.
    if created and not raw and instance.locale_id == Locale.get_default().pk:
        ensure_sections(instance)
