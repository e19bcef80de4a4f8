"""The periods work is graded over: month, quarter, six months, year (Art. 9.2.d), or any two dates.

A piece of work falls in the period in which it was finished; while still open, in the period
in which it falls due. Each piece of work is thus counted in exactly one period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.workdays.calendar import LOCAL_TZ

MONTH, QUARTER, HALF, YEAR, CUSTOM = "thang", "quy", "6-thang", "nam", "tuy-chon"
# Preset -> (months in one period, periods in a year).
PRESETS = {MONTH: (1, 12), QUARTER: (3, 4), HALF: (6, 2), YEAR: (12, 1)}
ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True)
class Period:
    preset: str
    year: int
    number: int
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        if self.preset == MONTH:
            return _("Tháng %(m)s/%(y)s") % {"m": self.number, "y": self.year}
        if self.preset == QUARTER:
            return _("Quý %(q)s/%(y)s") % {"q": ROMAN[self.number - 1], "y": self.year}
        if self.preset == HALF:
            return (_("6 tháng đầu năm %(y)s") if self.number == 1 else _("6 tháng cuối năm %(y)s")) % {"y": self.year}
        if self.preset == YEAR:
            return _("Năm %(y)s") % {"y": self.year}
        return _("Từ %(a)s đến %(b)s") % {"a": f"{self.start:%d/%m/%Y}", "b": f"{self.end:%d/%m/%Y}"}

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as local moments: the first day's midnight to the midnight after the last day."""
        return (dt.datetime.combine(self.start, dt.time.min, LOCAL_TZ),
                dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, LOCAL_TZ))

    def condition(self, placed: str) -> Q:
        """``placed`` is when the work was finished, else when it falls due (``sources``: ``g_period``)."""
        start, end = self.bounds
        return Q(**{f"{placed}__gte": start, f"{placed}__lt": end})

    def query(self) -> str:
        if self.preset == CUSTOM:
            return f"ky={CUSTOM}&tu={self.start:%Y-%m-%d}&den={self.end:%Y-%m-%d}"
        return f"ky={self.preset}&nam={self.year}&so={self.number}"


def preset(kind: str, year: int, number: int) -> Period:
    months, count = PRESETS[kind]
    number = min(max(number, 1), count)
    first_month = (number - 1) * months + 1
    start = dt.date(year, first_month, 1)
    after = dt.date(year + 1, 1, 1) if first_month + months > 12 else dt.date(year, first_month + months, 1)
    return Period(kind, year, number, start, after - dt.timedelta(days=1))


def containing(kind: str, day: dt.date) -> Period:
    months, _count = PRESETS[kind]
    return preset(kind, day.year, (day.month - 1) // months + 1)


def from_query(params, *, default: str = MONTH, today: dt.date | None = None) -> Period:
    """The period a page asks for (``?ky=quy&nam=2026&so=3`` or ``?ky=tuy-chon&tu=…&den=…``); the current month otherwise."""
    today = today or timezone.localdate()
    kind = params.get("ky", default)
    if kind == CUSTOM:
        start, end = _date(params.get("tu")), _date(params.get("den"))
        if start and end and start <= end:
            return Period(CUSTOM, start.year, 0, start, end)
        kind = default
    if kind not in PRESETS:
        kind = default
    year, number = _int(params.get("nam")), _int(params.get("so"))
    if year is None or not 2000 <= year <= 2100 or number is None:
        return containing(kind, today)
    return preset(kind, year, number)


def choices() -> list[tuple[str, str]]:
    return [(MONTH, _("Tháng")), (QUARTER, _("Quý")), (HALF, _("6 tháng")), (YEAR, _("Năm")), (CUSTOM, _("Tùy chọn"))]


def _int(raw):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _date(raw):
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
