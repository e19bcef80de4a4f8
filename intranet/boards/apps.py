from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "intranet.boards"
    label = "boards"
    verbose_name = _("Ban chỉ đạo")

    def ready(self):
        from . import signals  # noqa: F401
