"""Articles and speeches as snippets for the agencies' editors, scoped to their units."""

from django.db.models import Q
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
from intranet.units.models import Unit

from .models import Speech


def _managed_units(user):
    if permissions.is_sysadmin(user):
        return Unit.objects.all()
    return permissions.units_with_role(user, Role.UNIT_BOARD, Role.LEADER, inherited=True)


def _visible(user):
    return Speech.objects.filter(Q(unit__in=_managed_units(user)) | Q(owner=user))


class SpeechPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return permissions.is_sysadmin(user) or permissions.holds_any_role(user, *Role.values)

    def user_has_permission_for_instance(self, user, action, instance):
        return permissions.can_edit_speech(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return _visible(user)


register_permission_policy(Speech, SpeechPermissionPolicy(Speech))


class SpeechForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.all() if permissions.is_sysadmin(self.for_user) else permissions.units_with_role(self.for_user, *Role.values)
        self.fields["unit"].queryset = units.active()


class SpeechCreateView(snippet_views.CreateView):
    def save_instance(self):
        self.form.instance.owner = self.request.user
        return super().save_instance()


class SpeechViewSet(InstanceScopedViewSetMixin, SnippetViewSet):
    """Every object URL asks the policy about that speech (``admin_scoping``); the chooser offers live ones and the user's own."""

    model = Speech
    icon = "doc-full"
    menu_label = _("Bài viết, bài phát biểu")
    menu_name = "speeches"
    menu_order = 213
    add_to_admin_menu = True
    list_display = ["title", "date", "unit", "live"]
    list_per_page = 50
    add_view_class = SpeechCreateView
    chooser_viewset_class = ScopedSnippetChooserViewSet
    edit_handler = ObjectList(Speech.panels, base_form_class=SpeechForm)

    def get_queryset(self, request):
        return _visible(request.user).select_related("unit")


register_snippet(SpeechViewSet)
