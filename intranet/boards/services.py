"""Steering boards: what the desk shows, and how a board leaves for the store."""

from __future__ import annotations

from django.db.models import QuerySet

from intranet.store.models import Action
from intranet.store.services import record_change

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
