from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "intranet.cases"
    label = "cases"
    verbose_name = _("Xử lý hồ sơ, vụ việc")

    def ready(self):
        from intranet.workdays.signals import calendar_changed

        from .signals import move_open_deadlines

        calendar_changed.connect(move_open_deadlines, dispatch_uid="cases.move_open_deadlines")
