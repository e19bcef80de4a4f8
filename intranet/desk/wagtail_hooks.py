from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from intranet.accounts.admin_policies import SysadminOnly

from .models import SharedApplication


class SharedApplicationViewSet(ModelViewSet):
    """Ứng dụng dùng chung: the system administrator lists the applications every desk links to."""

    model = SharedApplication
    icon = "link"
    menu_label = _("Ứng dụng dùng chung")
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["name", "url", "count_url", "sort_order", "active"]
    list_display = ["name", "url", "count_url", "sort_order", "active"]
    ordering = ["sort_order", "name"]


register_permission_policy(SharedApplication, SysadminOnly(SharedApplication))


@hooks.register("register_admin_viewset")
def register_shared_applications():
    return SharedApplicationViewSet("shared_applications")
