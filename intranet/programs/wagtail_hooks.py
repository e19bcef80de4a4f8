"""Work programs and reports (App. VII) in the Wagtail admin: read-only listings, scoped per unit.

Registering, issuing and reporting go through the /chuong-trinh-cong-tac/ pages and their
services (deadlines, notifications, late flags); the admin is where the province office and the
units look things up. The province office sees every unit; a unit's leaders and specialists see
their unit and its sub-units; nobody else sees any unit's rows.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from intranet.accounts import permissions
from intranet.accounts.admin_scoping import InstanceScopedViewSetMixin
from intranet.accounts.models import Role
from intranet.units.models import Unit

from .models import PeriodicReport, ProgramTask, ProvinceProgram, ProvinceReport, Registration

REPORTING_ROLES = (Role.LEADER, Role.SPECIALIST)


def visible_units(user) -> QuerySet[Unit] | None:
    """None means every unit (the province office)."""
    if permissions.is_province_office(user):
        return None
    return permissions.units_with_role(user, *REPORTING_ROLES, inherited=True)


def scoped(queryset: QuerySet, user, field: str = "unit") -> QuerySet:
    units = visible_units(user)
    return queryset if units is None else queryset.filter(**{f"{field}__in": units})


class ReadOnlyUnitPolicy(BasePermissionPolicy):
    """Only "view": a unit's rows to its own people, everything to the province office."""

    unit_field = "unit"

    def _may_look(self, user) -> bool:
        units = visible_units(user)
        return units is None or units.exists()

    def user_has_permission(self, user, action):
        return action == "view" and getattr(user, "is_authenticated", False) and self._may_look(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and self.instances_user_has_any_permission_for(user, [action]).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions or not getattr(user, "is_authenticated", False):
            return self.model.objects.none()
        if self.unit_field is None:
            return self.model.objects.all() if self._may_look(user) else self.model.objects.none()
        return scoped(self.model.objects.all(), user, self.unit_field)


class ProgramPolicy(ReadOnlyUnitPolicy):
    """An issued province program (or report) concerns every unit that reports on it; a draft is the office's own."""

    unit_field = None

    def instances_user_has_any_permission_for(self, user, actions):
        programs = super().instances_user_has_any_permission_for(user, actions)
        return programs if visible_units(user) is None else programs.filter(status=self.model.Status.ISSUED)


for model, policy in ((Registration, ReadOnlyUnitPolicy), (ProgramTask, ReadOnlyUnitPolicy), (PeriodicReport, ReadOnlyUnitPolicy),
                      (ProvinceProgram, ProgramPolicy), (ProvinceReport, ProgramPolicy)):
    register_permission_policy(model, policy(model))


class ScopedIndexView(IndexView):
    """Only the rows the permission policy lets this user view (ModelViewSet has no queryset hook)."""

    def get_base_queryset(self):
        queryset = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        return queryset.select_related(*self.related) if getattr(self, "related", ()) else queryset


class ScopedViewSet(InstanceScopedViewSetMixin, ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []  # read-only: the policy never allows add or change
    list_per_page = 50
    related: tuple[str, ...] = ("unit",)

    @property
    def index_view_class(self):
        return type(f"{self.model.__name__}IndexView", (ScopedIndexView,), {"related": self.related})


class RegistrationViewSet(ScopedViewSet):
    model = Registration
    name = "program_registrations"
    icon = "list-ul"
    menu_label = _("Đăng ký chương trình")
    list_display = ["__str__", "period_kind", "year", "submitted_at"]
    list_filter = ["period_kind", "year"]
    inspect_view_fields = ["unit", "owner", "period_kind", "year", "week", "month", "quarter", "title", "due_on", "submitted_by", "submitted_at"]


class ProvinceProgramViewSet(ScopedViewSet):
    model = ProvinceProgram
    name = "province_programs"
    icon = "doc-full"
    menu_label = _("Chương trình của UBND tỉnh")
    related = ()
    list_display = ["__str__", "status", "number", "issued_at", "report_due_at"]
    list_filter = ["status", "period_kind", "year"]
    inspect_view_fields = ["period_kind", "year", "week", "month", "quarter", "title", "due_on", "status", "number", "issued_at", "issued_by",
                           "report_due_at"]


class ProvinceReportViewSet(ScopedViewSet):
    model = ProvinceReport
    name = "province_reports"
    icon = "doc-full-inverse"
    menu_label = _("Báo cáo của UBND tỉnh")
    related = ()
    list_display = ["__str__", "status", "number", "issued_at"]
    list_filter = ["status", "period_kind", "year"]
    inspect_view_fields = ["period_kind", "year", "week", "month", "quarter", "title", "status", "content", "drafted_by", "submitted_at",
                           "number", "issued_at", "issued_by"]


class ProgramTaskViewSet(ScopedViewSet):
    model = ProgramTask
    name = "program_tasks"
    icon = "tasks"
    menu_label = _("Nhiệm vụ, kết quả")
    list_display = ["title", "unit", "program", "progress", "reported_at"]
    list_filter = ["progress"]
    search_fields = ["title"]
    inspect_view_fields = ["program", "unit", "title", "progress", "result", "reported_at", "reported_by"]
    related = ("unit", "program")


class PeriodicReportViewSet(ScopedViewSet):
    model = PeriodicReport
    name = "periodic_reports"
    icon = "date"
    menu_label = _("Báo cáo định kỳ")
    list_display = ["__str__", "period_kind", "year", "due_at", "submitted_at"]
    list_filter = ["period_kind", "year"]
    inspect_view_fields = ["unit", "period_kind", "year", "week", "month", "quarter", "title", "content", "due_at", "submitted_at",
                           "submitted_by"]


class ProgramsGroup(ViewSetGroup):
    menu_label = _("Chương trình công tác")
    menu_icon = "list-ul"
    menu_order = 230
    items = (ProvinceProgramViewSet, RegistrationViewSet, ProgramTaskViewSet, PeriodicReportViewSet, ProvinceReportViewSet)


@hooks.register("register_admin_viewset")
def register_programs():
    return ProgramsGroup()
