from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync(sender, **kwargs):
    from .services import sync_schedule

    sync_schedule()


class JobsConfig(AppConfig):
    name = "intranet.jobs"
    label = "jobs"
    verbose_name = _("Tác vụ định kỳ")

    def ready(self):
        post_migrate.connect(_sync, sender=self)
