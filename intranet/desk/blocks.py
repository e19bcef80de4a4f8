"""The blocks of the personal desk (SPEC §8), each a small function of the user.

Blocks fed by other apps (steering boards, speeches, the press digest) import
them when they are installed and show an empty state when they are not.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.workdays.calendar import get_calendar

from .work import WorkItem, open_work

BADGES = {
    "overdue": _("Quá hạn"),
    "due-soon": _("Sắp đến hạn"),
    "in_time": _("Trong hạn"),
}


@dataclass(frozen=True)
class DeskItem:
    item: WorkItem
    badge: str  # "overdue" / "due-soon" / "in_time" / ""

    @property
    def badge_label(self):
        return BADGES.get(self.badge, "")


def work_with_badges(user, now: dt.datetime | None = None) -> list[DeskItem]:
    """My open work, soonest first, each with its due badge (computed by the working-day calendar)."""
    now = now or timezone.now()
    calendar = get_calendar()
    out = []
    for item in open_work(user):
        if item.due_at is None:
            badge = ""
        elif now > item.due_at:
            badge = "overdue"
        elif calendar.is_due_soon(item.due_at, now):
            badge = "due-soon"
        else:
            badge = "in_time"
        out.append(DeskItem(item, badge))
    return out


def optional(module: str, name: str):
    """``module.name`` if that app provides it, else None (the block then shows its empty state)."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError as error:
        if error.name and module.startswith(error.name):
            return None
        raise


def boards_of(user) -> list | None:
    source = optional("intranet.boards.services", "boards_of_user")
    return None if source is None else list(source(user))


def speeches_of(user) -> list | None:
    source = optional("intranet.speeches.services", "speeches_of_user")
    return None if source is None else list(source(user))


# Where the press digest of the day may come from, first match wins (issue 6 owns it).
PRESS_DIGEST_SOURCES = [
    ("intranet.cases.digest", "digest_of_day"),
    ("intranet.cases.services", "press_digest_of_day"),
    ("intranet.cases.services", "press_digest"),
]


def press_digest(user, day: dt.date) -> list | None:
    for module, name in PRESS_DIGEST_SOURCES:
        source = optional(module, name)
        if source is not None:
            return list(source(day))
    return None
