from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "intranet.programs"
    label = "programs"
    verbose_name = _("Chương trình công tác")

    def ready(self):
        from . import signals  # noqa: F401
