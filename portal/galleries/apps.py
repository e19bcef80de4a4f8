from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "portal.galleries"
    label = "galleries"
    verbose_name = _("Thư viện ảnh")
