"""The directory in the Wagtail admin: people and units as snippets, scoped per unit.

Listings only show what the editor keeps; every object view asks the
permission layer again on the server (a hidden button is not a permission).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.accounts import permissions
from intranet.accounts.admin_scoping import InstanceScopedViewSetMixin
from intranet.units.models import Unit
from intranet.units.services import Decision, found_unit

from .forms import PersonAdminForm, UnitAdminForm
from .models import DirectoryChange, Person


class PersonPermissionPolicy(BasePermissionPolicy):
    """App. I IV: people are kept by their agency's board or the sub-unit it delegated to."""

    def user_has_permission(self, user, action):
        return permissions.has_any_directory_grant(user, "manage_people")

    def user_has_permission_for_instance(self, user, action, instance):
        return permissions.can_manage_people(user, instance.unit)

    def instances_user_has_any_permission_for(self, user, actions):
        return Person.objects.filter(unit__in=permissions.units_with_directory_grant(user, "manage_people"))


class UnitPermissionPolicy(BasePermissionPolicy):
    """App. I I–III: founding is the parent's board's; editing the board's or the head's; deleting nobody's (units are dissolved)."""

    ACTION_GRANT = {"add": "create_subunit", "change": "edit_unit", "view": "edit_unit"}

    def user_has_permission(self, user, action):
        if action == "delete":
            return False  # units are dissolved or merged, never deleted: their history stays
        if action not in self.ACTION_GRANT:
            return permissions.is_sysadmin(user)
        return permissions.has_any_directory_grant(user, self.ACTION_GRANT[action])

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "view"):
            return permissions.can_edit_unit_record(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return permissions.units_with_directory_grant(user, "edit_unit")


register_permission_policy(Person, PersonPermissionPolicy(Person))
# Not registered for Unit globally: the units app's own tree admin (sysadmin only) keeps Wagtail's
# default policy; this policy applies to the directory's unit screens only (``UnitViewSet`` below).
UNIT_POLICY = UnitPermissionPolicy(Unit)


class PersonCreateView(snippet_views.CreateView):
    def save_instance(self):
        self.form.instance._changed_by = self.request.user
        return super().save_instance()


class PersonEditView(snippet_views.EditView):
    def save_instance(self):
        self.form.instance._changed_by = self.request.user
        return super().save_instance()


class PersonViewSet(InstanceScopedViewSetMixin, SnippetViewSet):
    """Every object URL (edit, history, revisions, compare, usage, ...) asks the policy about that person."""

    model = Person
    icon = "user"
    menu_label = _("Danh bạ cán bộ")
    menu_name = "directory-people"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["full_name", "position", "unit", "status", "updated_at"]
    list_filter = ["status"]
    list_per_page = 50
    # Person is not in the search index (search.models.PublicPerson indexes its public fields only): search the database.
    search_fields = ["full_name", "position", "email"]
    search_backend_name = None
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    edit_handler = ObjectList(Person.panels, base_form_class=PersonAdminForm)

    def get_queryset(self, request):
        units = permissions.units_with_directory_grant(request.user, "manage_people")
        return Person.objects.filter(unit__in=units).select_related("unit")


class UnitCreateView(snippet_views.CreateView):
    """A unit is founded under its parent with its decision (``units.services.found_unit``)."""

    def save_instance(self):
        data = self.form.cleaned_data
        model_fields = {f.name for f in Unit._meta.concrete_fields} - {"status", "path", "depth", "numchild", "site", "successor"}
        fields = {name: value for name, value in data.items() if name in model_fields}
        return found_unit(
            parent=data["parent"],
            decision=Decision(number=data["decision_number"], date=data["event_date"], by=self.request.user),
            **fields,
        )


class UnitEditView(snippet_views.EditView):
    def save_instance(self):
        self.form.instance._changed_by = self.request.user
        unit = super().save_instance()
        event_date = self.form.cleaned_data["event_date"]
        DirectoryChange.objects.create(
            unit=unit,
            kind=DirectoryChange.Kind.UNIT_UPDATED,
            event_date=event_date,
            due_at=DirectoryChange.due_for(event_date),
            recorded_by=self.request.user,
        )
        return unit


UNIT_PANELS = [
    MultiFieldPanel([FieldPanel("parent"), FieldPanel("decision_number"), FieldPanel("event_date")], heading=_("Quyết định")),
    *Unit.panels,
]


class UnitViewSet(InstanceScopedViewSetMixin, SnippetViewSet):
    scope_policy = UNIT_POLICY

    model = Unit
    icon = "group"
    menu_label = _("Danh bạ đơn vị")
    menu_name = "directory-units"
    menu_order = 209
    add_to_admin_menu = True
    list_display = ["name", "code", "kind", "status"]
    list_filter = ["kind", "status"]
    list_per_page = 50
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    edit_handler = ObjectList(UNIT_PANELS, base_form_class=UnitAdminForm)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(permission_policy=UNIT_POLICY, **kwargs)

    @property
    def menu_item_class(self):
        def is_shown(_self, request):
            return UNIT_POLICY.user_has_any_permission(request.user, ["add", "change"])

        return type("UnitDirectoryMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_queryset(self, request):
        return permissions.units_with_directory_grant(request.user, "edit_unit").order_by("path")


register_snippet(PersonViewSet)
register_snippet(UnitViewSet)


@hooks.register("register_admin_menu_item")
def directory_tools_menu_item():
    return MenuItem(_("Nhập / xuất danh bạ"), reverse("directory:import"), icon_name="download", order=211)
