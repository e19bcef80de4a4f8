"""QT-07 4 "Mẫu đăng ký tin, bài tuần, tháng": contributors and units register ahead what they plan to
submit in a week or month; ``reports.registration`` then sets each plan against what was published."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import User
from intranet.units.models import Unit
from search.folding import fold

from .models import ModerationItem, PlannedPosting
from .reports import MONTH, period


def register_planned(unit: Unit, user: User, *, period_kind: str, day: dt.date, title: str, kind: str = ModerationItem.Kind.NEWS,
                     author: str = "", planned_date: dt.date | None = None, note: str = "") -> PlannedPosting:
    """One planned item for the week or month containing ``day``, in ``unit``."""
    if not permissions.can_register_posting_plan(user, unit):
        raise PermissionDenied(_("Bạn không có quyền đăng ký tin, bài cho đơn vị này."))
    period_kind = PlannedPosting.Period.MONTH if period_kind == MONTH else PlannedPosting.Period.WEEK
    start, _end = period(period_kind, day)
    return PlannedPosting.objects.create(
        unit=unit, period=period_kind, period_start=start, title=title.strip(), kind=kind, author=author.strip(),
        planned_date=planned_date, note=note.strip(), registered_by=user,
    )


def match_published(plans: list[PlannedPosting], published: list[ModerationItem]) -> dict[int, ModerationItem]:
    """Plan pk -> the published item it became: same kind and the same title once folded (Vietnamese marks aside)."""
    by_title: dict[tuple[str, str], list[ModerationItem]] = {}
    for item in published:
        by_title.setdefault((item.kind, fold(item.title)), []).append(item)
    matched: dict[int, ModerationItem] = {}
    for plan in plans:
        candidates = by_title.get((plan.kind, fold(plan.title)))
        if candidates:
            matched[plan.pk] = candidates.pop(0)
    return matched
