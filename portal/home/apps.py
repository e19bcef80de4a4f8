from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = _("Trang chủ")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .slugs import FoldingSlugInput

        self._forget_menus_on_change()
        self._use_sqlites_own_variable_limit()

        # Every slug field in the admin (pages and snippets) folds Vietnamese in the browser too.
        register_form_field_override(models.SlugField, override={"widget": FoldingSlugInput})

    def _forget_menus_on_change(self):
        """A site's menu and footer (portal/home/menu.py) are kept in the cache: a page published, unpublished,
        moved or deleted forgets them (boards, speeches and people show within the cache's five minutes)."""
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .menu import forget_menus

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_menus, dispatch_uid=f"forget-menus-{id(signal)}")
        post_delete.connect(forget_menus, sender="wagtailcore.Page", dispatch_uid="forget-menus-page-delete")

    def _use_sqlites_own_variable_limit(self):
        """Django assumes SQLite takes 999 parameters per statement (the limit before SQLite 3.32);
        the library says how many it takes (32,766 today), so a bulk insert of thousands of alerts
        is one statement, not one per 166 rows (issue 18.4; Django 6.0 reads the limit the same way)."""
        from django.db.backends.signals import connection_created

        connection_created.connect(_sqlite_variable_limit, dispatch_uid="sqlite-variable-limit")


def _sqlite_variable_limit(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    import sqlite3

    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.features.max_query_params = max(limit, 999)
