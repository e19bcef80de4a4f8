"""The blocks of the personal desk (SPEC §8), each a small function of the user.

Blocks fed by other apps use what those apps expose: ``boards.services.boards_of_user``,
``speeches.services.speeches_of_user``, ``cases.digest.digest_of_day`` and
``cases.dashboards``; open work comes from every app's ``desk.py`` (see ``work.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.accounts import permissions
from intranet.accounts.models import Role
from intranet.boards.models import Board
from intranet.boards.services import boards_of_user
from intranet.cases import dashboards
from intranet.cases.dashboards import Dashboard
from intranet.cases.digest import digest_of_day
from intranet.cases.models import PressItem
from intranet.speeches.models import Speech
from intranet.speeches.services import speeches_of_user
from intranet.units.models import Unit
from intranet.workdays.calendar import get_calendar
from portal.rows import moment

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
    badge_label: str = ""  # the badge's words, translated once per page, not per row
    due_text: str = ""  # "12:30 05/12/2026", formatted here rather than by |date per row


def work_with_badges(user, now: dt.datetime | None = None) -> list[DeskItem]:
    """My open work, soonest first, each with its due badge (computed by the working-day calendar)."""
    return with_badges(open_work(user), now)


def with_badges(items, now: dt.datetime | None = None) -> list[DeskItem]:
    """Each work item with its due badge (computed by the working-day calendar)."""
    now = now or timezone.now()
    items = list(items)
    # calendar.is_due_soon(due, now) is now <= due <= calendar.due(now, ½ day): the bound once a page.
    soon = get_calendar().due(now, Decimal("0.5")) if items else None
    labels = {badge: str(label) for badge, label in BADGES.items()} if items else {}
    out = []
    for item in items:
        if item.due_at is None:
            badge = ""
        elif now > item.due_at:
            badge = "overdue"
        elif item.due_at <= soon:
            badge = "due-soon"
        else:
            badge = "in_time"
        out.append(DeskItem(item, badge, labels.get(badge, ""), moment(item.due_at)))
    return out


def boards_of(user) -> list[Board]:
    """The published steering boards I sit on (App. II step 2), from the boards app; one query."""
    return list(boards_of_user(user))


def speeches_of(user, limit: int = 10) -> list[Speech]:
    """My articles and speeches, drafts included, newest first (App. III), from the speeches app; one query."""
    return list(speeches_of_user(user)[:limit])


def press_digest(user, day: dt.date) -> list[PressItem]:
    """Today's press digest (App. IV 1): shared with every unit's officers, so the same for everyone signed in."""
    if not getattr(user, "is_authenticated", False):
        return []
    return digest_of_day(day)


@dataclass(frozen=True)
class UnitBoard:
    unit: Unit
    board: Dashboard


def leader_dashboards(user, limit: int = 3) -> list[UnitBoard]:
    """A leader's desk adds the cases dashboard of each unit they lead directly, sub-units included.

    Reuses the cases app's dashboard (three aggregate queries per unit, whatever the number of
    cases); a leader rarely leads more than one unit, and ``limit`` caps the rest.
    """
    units = list(permissions.units_with_role(user, Role.LEADER).active().order_by("path")[:limit])
    return [UnitBoard(unit, dashboards.build(dashboards.unit_cases(unit), title=unit.name)) for unit in units]
