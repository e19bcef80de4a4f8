"""Comments on draft documents in the admin: each unit's board and leaders see and moderate their own.

Citizens write the comments (nobody adds one here); the officer reads it and sets it to shown or
not shown. Every object URL asks the policy about that comment (``admin_scoping``), the listing
and the chooser show the user's units' comments only.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.accounts import permissions
from intranet.accounts.admin_scoping import InstanceScopedViewSetMixin, ScopedSnippetChooserViewSet

from .models import Comment


class CommentPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False  # comments come from citizens, on the draft's page
        return permissions.units_moderating_consultations(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return action != "add" and permissions.can_moderate_consultation(user, instance.unit)

    def instances_user_has_any_permission_for(self, user, actions):
        return Comment.objects.filter(unit__in=permissions.units_moderating_consultations(user))


register_permission_policy(Comment, CommentPermissionPolicy(Comment))


class CommentEditView(snippet_views.EditView):
    def save_instance(self):
        comment = self.form.instance
        if "status" in self.form.changed_data:
            comment.moderated_by, comment.moderated_at = self.request.user, timezone.now()
        return super().save_instance()


class CommentViewSet(InstanceScopedViewSetMixin, SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    menu_name = "consultation-comments"
    menu_order = 214
    add_to_admin_menu = True
    list_display = ["name", "page", "status", "created_at"]
    list_filter = ["status"]
    list_per_page = 50
    search_fields = ["name", "content"]
    search_backend_name = None  # not in the search index: search the database
    edit_view_class = CommentEditView
    chooser_viewset_class = ScopedSnippetChooserViewSet
    edit_handler = ObjectList([
        FieldPanel("page", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel("content", read_only=True),
        FieldPanel("status"),
    ])

    def get_queryset(self, request):
        return CommentPermissionPolicy(Comment).instances_user_has_any_permission_for(request.user, ["change"]).select_related("page", "unit")


register_snippet(CommentViewSet)
