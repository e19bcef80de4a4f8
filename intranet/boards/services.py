"""Steering boards: what the desk shows, and how a board leaves for the store."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import Role
from intranet.notifications.services import notify
from intranet.store.models import Action
from intranet.store.services import record_change
from intranet.workdays.calendar import LOCAL_TZ, get_calendar

from .models import Board


def boards_of_user(user) -> QuerySet[Board]:
    """The published boards the user sits on (App. II step 2: shown on each member's desk). One query."""
    if not getattr(user, "is_authenticated", False):
        return Board.objects.none()
    return Board.objects.filter(live=True, members__person__user=user).select_related("standing_unit").distinct().order_by("name")


def publish_to_store(board: Board, *, by=None) -> None:
    record_change(channel="boards", record_id=board.store_record_id, unit=board.standing_unit, payload=board.store_payload(), author=by)


def withdraw_from_store(board: Board) -> None:
    record_change(channel="boards", record_id=board.store_record_id, unit=board.standing_unit, payload={}, action=Action.DELETE)


# -- App. II 1: the 2-working-day entry deadline ----------------------------------------------------------
def recompute_entry_deadlines() -> int:
    """After a calendar change, move the entry deadline of every board not yet published (one calendar load)."""
    calendar = get_calendar()
    boards = list(Board.objects.filter(first_published_at__isnull=True).only("pk", "decision_date", "entry_due_at"))
    for board in boards:
        board.entry_due_at = Board.entry_due_for(board.decision_date, calendar)
    Board.objects.bulk_update(boards, ["entry_due_at"], batch_size=500)
    return len(boards)


def alert_late_board_entries(now: dt.datetime | None = None) -> int:
    """A board still unpublished past its 2-day entry deadline alerts the standing agency's editors and leaders, once."""
    now = now or timezone.now()
    if not get_calendar().is_working_day(now.astimezone(LOCAL_TZ).date()):
        return 0
    late = list(Board.objects.filter(first_published_at__isnull=True, entry_alerted_at__isnull=True, entry_due_at__lt=now)
                .select_related("standing_unit"))
    for board in late:
        recipients = permissions.members_with_role(board.standing_unit, Role.UNIT_BOARD, Role.LEADER)
        notify(recipients, kind="overdue",
               title=_("Quá hạn cập nhật ban chỉ đạo: %(name)s (hạn %(due)s)") % {
                   "name": board.name, "due": board.entry_due_label()},
               body=_("Quyết định %(number)s: cơ quan thường trực cập nhật chậm nhất sau 02 ngày làm việc.") % {
                   "number": board.decision_number},
               url=reverse("wagtailsnippets_boards_board:edit", args=[board.pk]))
    Board.objects.filter(pk__in=[board.pk for board in late]).update(entry_alerted_at=now)
    return len(late)
