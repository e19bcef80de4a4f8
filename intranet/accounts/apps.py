from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "intranet.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và phân quyền")

    def ready(self):
        from . import trail, two_factor

        two_factor.connect_signals()
        trail.connect_signals()
