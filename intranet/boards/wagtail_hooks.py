"""Boards as snippets (listing, search, drafts, revisions, history), scoped to the standing agencies the editor serves."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.accounts import permissions
from intranet.accounts.admin_scoping import InstanceScopedViewSetMixin, ScopedSnippetChooserViewSet
from intranet.accounts.models import Role

from .models import Board

BOARD_ROLES = (Role.UNIT_BOARD, Role.LEADER, Role.SPECIALIST, Role.OFFICE_SPECIALIST, Role.PORTAL_BOARD)


def _units(user):
    if permissions.is_sysadmin(user):
        from intranet.units.models import Unit

        return Unit.objects.all()
    return permissions.units_with_role(user, *BOARD_ROLES)


class BoardPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return permissions.is_sysadmin(user) or permissions.holds_any_role(user, *BOARD_ROLES)

    def user_has_permission_for_instance(self, user, action, instance):
        return permissions.can_manage_boards(user, instance.standing_unit)

    def instances_user_has_any_permission_for(self, user, actions):
        return Board.objects.filter(standing_unit__in=_units(user))


register_permission_policy(Board, BoardPermissionPolicy(Board))


class BoardForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standing_unit"].queryset = _units(self.for_user).active()

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("standing_unit")
        if unit is not None and not permissions.can_manage_boards(self.for_user, unit):
            self.add_error("standing_unit", _("Bạn không cập nhật ban chỉ đạo cho cơ quan này."))
        return cleaned


class BoardCreateView(snippet_views.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class BoardViewSet(InstanceScopedViewSetMixin, SnippetViewSet):
    """Every object URL asks the policy about that board (``admin_scoping``); the chooser offers live ones and the user's own."""

    model = Board
    icon = "group"
    menu_label = _("Ban chỉ đạo")
    menu_name = "boards"
    menu_order = 212
    add_to_admin_menu = True
    list_display = ["name", "decision_number", "standing_unit", "entry_due_label", "entry_timeliness_label", "live", "updated_at"]
    list_per_page = 50
    add_view_class = BoardCreateView
    chooser_viewset_class = ScopedSnippetChooserViewSet
    edit_handler = ObjectList(Board.panels, base_form_class=BoardForm)

    def get_queryset(self, request):
        return Board.objects.filter(standing_unit__in=_units(request.user)).select_related("standing_unit")


register_snippet(BoardViewSet)
