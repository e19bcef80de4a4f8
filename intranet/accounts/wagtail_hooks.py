"""Accounts in the Wagtail admin: a password an administrator sets is only a first key, and the
system administrator resets a colleague's second factor (a lost phone)."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import (  # noqa: F401  (admin_scoping registers the page chooser and move hooks)
    admin_scoping,
    admin_views,
    trail_report,
    two_factor,
)
from .models import User
from .permissions import is_sysadmin


def _mark_password_as_given(user) -> None:
    # Art. 9: personal accounts; the officer replaces a password someone else chose at the
    # first login (the password-age middleware treats an empty date as "change it now").
    User.objects.filter(pk=user.pk).update(password_changed_at=None)


@hooks.register("after_create_user")
def new_accounts_change_their_password_first(request, user):
    if user.has_usable_password():
        _mark_password_as_given(user)


@hooks.register("after_edit_user")
def a_password_reset_by_an_administrator_is_changed_first(request, user):
    # The hook runs only after a valid save; a filled password field means it was set.
    if user.pk != request.user.pk and request.POST.get("password1"):
        _mark_password_as_given(user)


@hooks.register("register_admin_urls")
def two_factor_reset_urls():
    return [path("xac-thuc-hai-lop/<int:pk>/dat-lai/", admin_views.reset_two_factor, name="accounts_reset_two_factor")]


@hooks.register("register_log_actions")
def register_account_actions(actions):
    actions.register_action(two_factor.RESET_ACTION, *two_factor.RESET_ACTION_LABELS)


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    # ``has_second_factor`` comes with the listed rows: no query per row.
    if user.has_second_factor and user.pk != request_user.pk and is_sysadmin(request_user):
        yield Button(_("Đặt lại xác thực hai lớp"), reverse("accounts_reset_two_factor", args=[user.pk]), icon_name="key", priority=50)


class SysadminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_sysadmin(request.user)


@hooks.register("register_admin_urls")
def locked_logins_urls():
    return [path("tai-khoan-bi-khoa/", admin_views.locked_logins, name="accounts_locked_logins")]


@hooks.register("register_settings_menu_item")
def locked_logins_menu_item():
    return SysadminMenuItem(_("Tài khoản bị tạm khóa"), reverse("accounts_locked_logins"), icon_name="lock", order=610)


@hooks.register("register_admin_urls")
def security_trail_urls():
    view = trail_report.SecurityTrailView
    return [
        path("nhat-ky-an-ninh/", view.as_view(), name="accounts_security_trail"),
        path("nhat-ky-an-ninh/ket-qua/", view.as_view(results_only=True), name="accounts_security_trail_results"),
    ]


@hooks.register("register_reports_menu_item")
def security_trail_menu_item():
    return SysadminMenuItem(_("Nhật ký an ninh"), reverse("accounts_security_trail"), name="security-trail", icon_name="warning", order=1000)
