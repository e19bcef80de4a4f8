from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "intranet.moderation"
    label = "moderation"
    verbose_name = _("Kiểm duyệt tin bài")

    def ready(self):
        from . import signals  # noqa: F401
