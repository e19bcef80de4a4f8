"""Weeks as visitors name them in the address: ``2026-W50`` (ISO 8601), Monday first."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

WEEKDAYS = [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")]
WEEK = re.compile(r"(\d{4})-W(\d{2})")


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def iso_week(monday: dt.date) -> str:
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(value: str) -> dt.date | None:
    """The Monday of ``2026-W50``; None for anything else (the page then shows this week)."""
    match = WEEK.fullmatch(value or "")
    if not match:
        return None
    try:
        return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None
