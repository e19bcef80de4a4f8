"""The press digest of the day, as the desk shows it (App. IV 1: shared to every unit's officers)."""

from __future__ import annotations

import datetime as dt

from .models import PressItem


def digest_of_day(day: dt.date) -> list[PressItem]:
    """The items of ``day``'s digest (title, source, link to the article), in the editor's order; one query."""
    return list(PressItem.objects.filter(digest__date=day).order_by("sort_order", "pk"))
