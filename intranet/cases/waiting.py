"""Waiting for more (chờ bổ sung, HCMC Art. 10.2) and the limits on extensions.

A step may wait for the citizen or another agency, with a reason: while it waits the
case is not overdue and nobody acts on it; when it resumes, the working time it waited
(by ``intranet.workdays``) is added to the case's and the step's deadlines.

Extensions never take a case of App. IV–VI (questions, press incidents, voter opinions)
past 10 working days in total; QT-05's 2.5 days (IT incidents) are fixed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.workdays.calendar import get_calendar

from .models import Case, CaseEvent

MAX_TOTAL_DAYS = Decimal(10)  # App. IV–VI: never more than 10 working days with every extension
FIXED_KINDS = {"it"}  # QT-05: 2.5 working days, no extension


def check_extension_cap(case: Case, days: Decimal) -> None:
    if case.kind in FIXED_KINDS:
        raise ValidationError(_("Thời hạn xử lý sự cố CNTT (QT-05) là cố định, không được gia hạn."))
    kind = case.kind_def
    granted = (kind.hard_days if case.hard else kind.days) + case.extra_days
    if granted + Decimal(days) > MAX_TOTAL_DAYS:
        left = max(MAX_TOTAL_DAYS - granted, Decimal(0))
        raise ValidationError(
            _("Tổng thời hạn xử lý kể cả gia hạn không quá %(max)s ngày làm việc; còn được gia hạn tối đa %(left)s ngày.")
            % {"max": MAX_TOTAL_DAYS, "left": left.normalize()}
        )


def _event(case: Case, user, action: str, label: str, comment: str, now: dt.datetime, public_label: str = "") -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, action=action, label=label, actor=user, actor_name=user.get_full_name() or user.username,
        unit_name=case.unit.name if case.unit else "", from_step=case.step, to_step=case.step, comment=comment,
        public_label=public_label, created_at=now,
    )


@transaction.atomic
def start_waiting(case: Case, user, *, reason: str, now: dt.datetime | None = None) -> Case:
    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
    if case.is_waiting or not permissions.can_act_on_case(user, case):
        raise PermissionDenied(_("Chỉ người đang xử lý bước này mới chuyển sang chờ bổ sung."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Vui lòng nêu lý do chờ bổ sung (chờ công dân hay cơ quan nào, bổ sung gì).")})
    case.waiting_since, case.waiting_reason = now, reason.strip()
    case.save(update_fields=["waiting_since", "waiting_reason"])
    _event(case, user, "wait", _("Chờ bổ sung (tạm dừng tính thời hạn)"), reason, now, public_label=_("Đang chờ bổ sung thông tin"))
    return case


@transaction.atomic
def resume(case: Case, user, *, comment: str = "", now: dt.datetime | None = None) -> Case:
    """The answer came: the working time waited moves the case's and the step's deadlines."""
    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
    if not case.is_waiting or not permissions.can_act_on_case(user, case):
        raise PermissionDenied(_("Chỉ người đang xử lý bước này mới tiếp tục xử lý."))
    calendar = get_calendar()
    paused = (Decimal(calendar.working_minutes_between(case.waiting_since, now)) / calendar.minutes_per_day).quantize(Decimal("0.0001"))
    if case.clock_started_at is not None and case.done_at is None:
        case.paused_days += paused
        case.due_at = calendar.due(case.clock_started_at, case.total_days)
    case.step_paused_days += paused
    if case.step_due_at is not None:
        from .services import _step_due

        case.step_due_at = _step_due(case, case.step_def, calendar)
    case.waiting_since, case.waiting_reason = None, ""
    case.save(update_fields=["paused_days", "step_paused_days", "due_at", "step_due_at", "waiting_since", "waiting_reason"])
    label = _("Tiếp tục xử lý sau khi được bổ sung (tạm dừng %(days)s ngày làm việc)") % {"days": paused.normalize()}
    _event(case, user, "resume", label, comment, now, public_label=_("Đã nhận bổ sung, tiếp tục xử lý"))
    return case
