from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from intranet.accounts.admin_policies import SysadminOnly
from intranet.accounts.permissions import is_sysadmin
from intranet.workdays.models import CalendarDay

from . import admin_views
from .forms import FoundUnitForm, UnitEditForm
from .models import Unit


def sysadmin_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_sysadmin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def never(request, *args, **kwargs):
    raise PermissionDenied


class UnitViewSet(ModelViewSet):
    """Đơn vị: the system administrator manages the unit tree here."""

    model = Unit
    copy_view_enabled = False
    menu_label = _("Cây đơn vị")
    icon = "site"
    menu_order = 150
    add_to_admin_menu = True
    add_view_class = admin_views.FoundUnitView
    edit_view_class = admin_views.UnitEditView
    list_display = ["name", "code", Column("get_kind_display", label=_("Loại")), Column("get_status_display", label=_("Trạng thái")), Column("hostname", label=_("Tên miền"))]
    list_filter = ["kind", "status"]
    search_fields = ["name", "code"]
    # The database search backend cannot search Unit by field (an error page on every query);
    # the tree is small, so the admin filters name and code in the database directly.
    search_backend_name = None
    ordering = ["path"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return UnitEditForm if for_update else FoundUnitForm

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns() + [
            path("rename/<int:pk>/", admin_views.rename_view, name="rename"),
            path("split/<int:pk>/", admin_views.split_view, name="split"),
            path("merge/<int:pk>/", admin_views.merge_view, name="merge"),
        ]
        # The directory's snippets share Unit's registered permission policy (agencies edit
        # their own records there); this tree view is the system administrator's alone.
        for pattern in patterns:
            pattern.callback = sysadmin_required(pattern.callback)
            if pattern.name == "delete":
                pattern.callback = never  # units are dissolved or merged, never deleted: their history stays
        return patterns


class CalendarDayViewSet(ModelViewSet):
    """Ngày nghỉ / làm bù: the days the government announces beyond the law's calendar."""

    model = CalendarDay
    icon = "date"
    menu_label = _("Ngày nghỉ, làm bù")
    add_to_settings_menu = True
    form_fields = ["date", "kind", "name"]
    list_display = ["date", Column("get_kind_display", label=_("Loại")), "name"]


register_permission_policy(CalendarDay, SysadminOnly(CalendarDay))


@hooks.register("register_admin_viewset")
def register_units():
    return UnitViewSet("units")


@hooks.register("register_admin_viewset")
def register_calendar():
    return CalendarDayViewSet("calendar_days")
