from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverConfig(AppConfig):
    name = "intranet.cover"
    label = "cover"
    verbose_name = _("Ủy quyền, nghỉ phép, câu hỏi trùng")
