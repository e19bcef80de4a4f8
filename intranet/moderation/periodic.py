"""B7: the reports of the period that just ended reach the culture officer and IT staff of each unit."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts.models import Role
from intranet.accounts.permissions import members_with_role
from intranet.notifications.services import notify
from intranet.units.models import Unit

from . import reports
from .models import ModerationItem


def previous_period_day(kind: str, today: dt.date) -> dt.date:
    """A day inside the period that ended before ``today`` (last week, or last month)."""
    start, _end = reports.period(kind, today)
    return start - dt.timedelta(days=1)


def send_period_reports(kind: str, today: dt.date | None = None) -> int:
    """Notify once per unit and period (idempotent: a second run the same day sends nothing new)."""
    from intranet.notifications.models import Notification

    today = today or timezone.localdate()
    day = previous_period_day(kind, today)
    start, end = reports.period(kind, day)
    sent = 0
    for unit in Unit.objects.filter(pk__in=ModerationItem.objects.values("unit")).distinct():
        url = f"/kiem-duyet/bao-cao/?don-vi={unit.code}&ky={kind}&ngay={day:%Y-%m-%d}"
        if Notification.objects.filter(kind="moderation_report", url=url).exists():
            continue
        report = reports.summary(unit, kind, day)
        totals = ", ".join(f"{label}: {value}" for label, value in report.totals)
        people = list(members_with_role(unit, Role.CULTURE_OFFICER, Role.IT_STAFF))
        notify(
            people,
            kind="moderation_report",
            title=_("Biểu tổng hợp đăng tin, bài, ảnh %(start)s–%(end)s") % {"start": f"{start:%d/%m}", "end": f"{end:%d/%m/%Y}"},
            body=totals,
            url=url,
        )
        sent += 1
    return sent
