from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from portal import memo

        memo.connect()  # the sites, units and sections the search page keeps per process
