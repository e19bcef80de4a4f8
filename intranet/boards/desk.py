"""The desk's question to this app: which boards must my agency still enter (App. II 1: within 2 working days)?"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.accounts.models import Role
from intranet.accounts.permissions import units_with_role
from intranet.desk.work import WorkItem

from .models import Board


def _drafts(user):
    """Unpublished boards of the standing agencies where the user edits boards."""
    units = units_with_role(user, Role.UNIT_BOARD) | units_with_role(user, Role.LEADER, inherited=True)
    return Board.objects.filter(standing_unit__in=units.values("pk"), first_published_at__isnull=True)


def work_counts(user) -> dict[str, int]:
    return {_("Ban chỉ đạo"): _drafts(user).count()}


def open_work(user, limit=None) -> list[WorkItem]:
    """The drafts with their entry deadline, soonest due first, at most ``limit``. Constant queries."""
    drafts = _drafts(user).select_related("standing_unit").order_by(F("entry_due_at").asc(nulls_last=True), "pk")
    if limit is not None:
        drafts = drafts[:limit]
    return [
        WorkItem(
            kind=_("Ban chỉ đạo"), title=board.name, url=reverse("wagtailsnippets_boards_board:edit", args=[board.pk]),
            step=_("Cập nhật và đăng (quyết định %(number)s) – %(standing)s") % {
                "number": board.decision_number, "standing": board.entry_timeliness_label()},
            due_at=board.entry_due_at, received_at=board.created_at,
            unit_name=board.standing_unit.short_name or board.standing_unit.name,
        )
        for board in drafts
    ]
