from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    name = "intranet.handover"
    label = "handover"
    verbose_name = _("Chuyển giao công việc")

    def ready(self):
        from . import signals  # noqa: F401
