"""Outgoing emails in the Wagtail admin: read-only, for the system administrators, with "gửi lại".

Emails carry people's names and addresses from every unit, so only the sysadmin sees the queue.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from intranet.accounts import permissions

from . import services
from .models import OutgoingEmail


class SysadminReadOnlyPolicy(BasePermissionPolicy):
    """Anyone may look who is the sysadmin; nobody writes an email by hand here."""

    def user_has_permission(self, user, action):
        return action == "view" and permissions.is_sysadmin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model.objects.all() if permissions.is_sysadmin(user) and "view" in actions else self.model.objects.none()


register_permission_policy(OutgoingEmail, SysadminReadOnlyPolicy(OutgoingEmail))


class EmailIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(MenuItem(_("Gửi lại"), url=reverse("outgoing_email:resend", args=[instance.pk]), icon_name="redirect", priority=15))
        return buttons


def resend_view(request, pk: int):
    """GET asks to confirm, POST queues the email again (pending: retried now; sent: a new copy)."""
    if not permissions.is_sysadmin(request.user):
        raise PermissionDenied
    message = get_object_or_404(OutgoingEmail, pk=pk)
    if request.method == "POST":
        services.resend(message)
        messages.success(request, _("Đã đưa thư “%(subject)s” vào hàng đợi gửi lại.") % {"subject": message.subject})
        return redirect("outgoing_email:index")
    return TemplateResponse(request, "notifications/admin/resend.html", {"message": message, "header_title": _("Gửi lại thư")})


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    name = "outgoing_email"
    url_prefix = "thu-di"
    icon = "mail"
    menu_label = gettext_lazy("Thư đi")
    menu_order = 890
    add_to_settings_menu = True
    index_view_class = EmailIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []  # read-only: the policy never allows add or change
    list_display = ["subject", Column("to", label=gettext_lazy("người nhận")), "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    inspect_view_fields = ["subject", "to", "kind", "status", "attempts", "last_error", "next_attempt_at", "created_at", "sent_at", "body"]
    list_per_page = 50

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/gui-lai/", resend_view, name="resend")]


@hooks.register("register_admin_viewset")
def register_outgoing_emails():
    return OutgoingEmailViewSet()
