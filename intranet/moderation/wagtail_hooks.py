from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import services


class OverdueModerationPanel(Component):
    """On the admin dashboard: QT-07 steps past due, for their holder and the unit's leaders."""

    name = "qt07_overdue"
    order = 90
    template_name = "moderation/admin/overdue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"items": list(services.overdue_for(self.user)[:20]), "held": services.held_items(self.user).count(), "now": timezone.now()}


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    panels.append(OverdueModerationPanel(request.user))
