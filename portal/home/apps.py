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

        # Every slug field in the admin (pages and snippets) folds Vietnamese in the browser too.
        register_form_field_override(models.SlugField, override={"widget": FoldingSlugInput})
