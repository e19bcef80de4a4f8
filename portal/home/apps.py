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

        # Every slug field in the admin (pages and snippets) folds Vietnamese in the browser too.
        register_form_field_override(models.SlugField, override={"widget": FoldingSlugInput})

    def _forget_menus_on_change(self):
        """A site's menu (portal/home/menu.py) is kept in the cache: what changes its sections forgets it."""
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .menu import forget_menus

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_menus, dispatch_uid=f"forget-menus-{id(signal)}")
        post_delete.connect(forget_menus, sender="wagtailcore.Page", dispatch_uid="forget-menus-page-delete")
        for label in ("boards.Board", "speeches.Speech", "units.Unit", "directory.Person", "accounts.Membership"):
            model = apps.get_model(label)
            post_save.connect(forget_menus, sender=model, dispatch_uid=f"forget-menus-save-{label}")
            post_delete.connect(forget_menus, sender=model, dispatch_uid=f"forget-menus-delete-{label}")
