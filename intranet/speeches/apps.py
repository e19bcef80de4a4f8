from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeechesConfig(AppConfig):
    name = "intranet.speeches"
    label = "speeches"
    verbose_name = _("Bài viết, bài phát biểu")

    def ready(self):
        from . import signals  # noqa: F401
