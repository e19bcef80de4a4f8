"""Scheduled batches (Celery beat calls them): App. V question batches, the office leaders' reminders, overdue alerts.

Each is idempotent: run twice, it moves or alerts nothing twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import Role
from intranet.notifications.services import notify
from intranet.workdays.calendar import LOCAL_TZ, get_calendar

from ..kinds import get_kind
from ..models import (
    Case,
)
from .actions import (
    NOTIFY_KIND,
    _alert,
    _enter,
    _record,
    office_unit,
)


# -- scheduled batches (App. V 1, 2.a; Art. 9.2.d alerts) -------------------------------------------------
def receive_new_questions(now: dt.datetime | None = None) -> int:
    """App. V 1: at 10:00 and 16:00 on working days the questions screened by the portal board reach the office."""
    now = now or timezone.now()
    if not get_calendar().is_working_day(now.astimezone(LOCAL_TZ).date()):
        return 0
    return forward_screened_questions(now)


def forward_screened_questions(now: dt.datetime, only: Case | None = None) -> int:
    """Move the screened questions (never the unscreened: they wait for the next batch) to the office leader.

    The leader's assignment is then due at the next 07:30 or 14:00 of a working day (the step's ``at_times``).
    """
    kind = get_kind("question")
    step, target = kind.step("screened"), kind.step("office_assign")
    calendar = get_calendar()
    label = _("Đồng bộ về Văn phòng UBND tỉnh (đợt %(time)s)") % {"time": now.astimezone(LOCAL_TZ).strftime("%H:%M")}
    moved = 0
    screened = Case.objects.filter(kind=kind.code, step=step.code, waiting_since__isnull=True)
    for case in (screened.filter(pk=only.pk) if only is not None else screened).select_related("unit"):
        with transaction.atomic():
            _record(case, action="receive", label=label, from_step=step.code, to_step=target.code,
                    public_label=str(_("Đã chuyển Văn phòng UBND tỉnh")), now=now)
            _enter(case, target, calendar, now)
            case.save()
            _alert(case, target)
        moved += 1
    return moved


def remind_office_leaders(now: dt.datetime | None = None) -> int:
    """App. V 2.a: at 07:30 and 14:00 on working days the office leader is reminded of questions to assign."""
    now = now or timezone.now()
    if not get_calendar().is_working_day(now.astimezone(LOCAL_TZ).date()):
        return 0
    office = office_unit()
    waiting = Case.objects.filter(kind="question", step="office_assign", closed_at__isnull=True).count()
    if office is None or not waiting:
        return 0
    leaders = list(permissions.members_with_role(office, Role.LEADER))
    notify(leaders, kind=NOTIFY_KIND, title=_("Có %(count)s câu hỏi của công dân chờ giao xử lý") % {"count": waiting},
           url="/ho-so/?buoc=office_assign")
    return len(leaders)


def alert_overdue(now: dt.datetime | None = None) -> int:
    """Overdue work alerts its holder (or the acting unit's staff) and the acting unit's leaders.

    A case past its own deadline (and not yet answered) alerts once a working day; a step past
    its own deadline alerts once, even while the case's clock is still inside its limit.
    """
    now = now or timezone.now()
    calendar = get_calendar()
    if not calendar.is_working_day(now.astimezone(LOCAL_TZ).date()):
        return 0
    today_start = dt.datetime.combine(now.astimezone(LOCAL_TZ).date(), dt.time(0), LOCAL_TZ)
    case_due = Q(pk__in=Case.objects.overdue(now).values("pk")) & (Q(last_alert_at__isnull=True) | Q(last_alert_at__lt=today_start))
    step_due = Q(pk__in=Case.objects.step_overdue(now).values("pk")) & Q(step_alerted_at__isnull=True)
    cases = list(Case.objects.filter(case_due | step_due).select_related("unit", "holder"))
    overdue_ids = set(Case.objects.overdue(now).filter(pk__in=[case.pk for case in cases]).values_list("pk", flat=True))
    for case in cases:
        step = case.step_def
        holders = [case.holder] if case.holder else list(permissions.members_with_role(case.unit, *step.roles)) if case.unit else []
        leaders = list(permissions.members_with_role(case.unit, Role.LEADER)) if case.unit else []
        recipients = {user.pk: user for user in [*holders, *leaders]}.values()
        if case.pk in overdue_ids:
            title = _("Quá hạn: %(code)s – %(title)s") % {"code": case.code, "title": case.title}
            case.last_alert_at = now
        else:
            title = _("Bước quá hạn: %(code)s – %(title)s") % {"code": case.code, "title": case.title}
        notify(recipients, kind="case_overdue", title=title, body=str(step.label), url=case.get_absolute_url())
        if case.step_due_at is not None and case.step_due_at < now:
            case.step_alerted_at = now
    Case.objects.bulk_update(cases, ["last_alert_at", "step_alerted_at"])
    return len(cases)
