from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync(sender, using="default", **kwargs):
    from .services import sync_schedule

    sync_schedule(using=using)


class JobsConfig(AppConfig):
    name = "intranet.jobs"
    label = "jobs"
    verbose_name = _("Tác vụ định kỳ")

    def ready(self):
        # Once per migrate, after django-celery-beat's own app (whose tables it writes) has
        # been migrated: post_migrate is sent once per app, in INSTALLED_APPS order.
        post_migrate.connect(_sync, sender=apps.get_app_config("django_celery_beat"), dispatch_uid="jobs.sync_schedule")
