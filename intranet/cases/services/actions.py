"""Acting on a case: where things are, ``perform`` (permission, history, next step, deadlines, alerts), extensions.

The engine's one door: every action on every kind of case goes through ``perform``; the kinds
(``intranet.cases.kinds``) are data.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import Role, User
from intranet.cover import services as cover
from intranet.notifications.services import notify, queue_email
from intranet.units.links import absolute_url
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, WorkingCalendar, get_calendar

from ..documents import issue_for_action
from ..kinds import COORDINATORS, HARD, HOLDER, TARGET_UNIT, Action, Kind, Step, all_kinds
from ..models import (
    Case,
    CaseAttachment,
    CaseEvent,
    CaseParticipant,
    CaseStep,
    CaseUnit,
    Extension,
)

# Tracking codes: no 0/O, 1/I/L, so a code read over the phone is not misheard.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 5
CODE_PATTERN = re.compile(rf"^[A-Z]{{2}}-\d{{4}}-[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
NOTIFY_KIND = "case"


# -- where things are ---------------------------------------------------------------------------------
def office_unit() -> Unit | None:
    """The province office (Văn phòng UBND tỉnh): receives questions, routes them, reviews answers."""
    return Unit.objects.filter(code=settings.CASES_OFFICE_CODE).first()


def province_unit() -> Unit | None:
    office = office_unit()
    if office is not None and office.depth > 1:
        return office.get_parent()
    return Unit.objects.filter(depth=1, status=Unit.Status.ACTIVE).order_by("pk").first()


def level_unit(unit: Unit) -> Unit:
    """The unit that takes in voter opinions at ``unit``'s level: the province office for the province; for a
    district (or any level) with its own office among its sub-units — a sub-unit whose staff hold the office role,
    "Văn phòng HĐND và UBND" — that office; else (a commune, whose office staff sit in it) the unit itself."""
    if unit.depth == 1:
        return office_unit() or unit
    return _own_office(unit) or unit


def _own_office(unit: Unit) -> Unit | None:
    return (
        Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1, status=Unit.Status.ACTIVE,
                            memberships__role=Role.OFFICE_SPECIALIST)
        .order_by("path").first()
    )


def level_of(origin: Unit) -> Unit:
    """The level an opinion entered at ``origin`` belongs to: the parent when ``origin`` is that level's office."""
    if origin.depth > 1:
        parent = origin.get_parent()
        if level_unit(parent).pk == origin.pk:
            return parent
    return origin


def parent_level(unit: Unit) -> Unit | None:
    """The level above for an escalation (commune → district → province), or None at the top."""
    level = level_of(unit)
    if level.depth == 1:
        return None
    return level_unit(level.get_parent())


def new_code(kind: Kind, now: dt.datetime | None = None) -> str:
    year = (now or timezone.now()).astimezone(LOCAL_TZ).year
    for _attempt in range(20):
        code = f"{kind.prefix}-{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not Case.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free tracking code")  # 28 million per kind and year: practically unreachable


def normalise_code(raw: str) -> str | None:
    """A tracking code as typed (any case, spaces) in canonical form, or None if it cannot be one."""
    code = "".join((raw or "").split()).upper()
    return code if CODE_PATTERN.match(code) else None


# -- acting on a case -------------------------------------------------------------------------------------
@dataclass
class ActionInput:
    comment: str = ""
    answer: str = ""
    target_unit: Unit | None = None
    holder: User | None = None
    coordinators: Sequence[User] = ()
    hard: bool = False
    extra: dict | None = None
    files: Sequence = ()


def allowed_actions(case: Case, user) -> list[Action]:
    if not permissions.can_act_on_case(user, case) or case.waiting_since is not None:
        return []  # a waiting case is resumed first (intranet.cases.waiting)
    return [
        action for action in case.step_def.actions
        if (not action.escalates or parent_level(case.origin) is not None)
        and (not action.permission or permissions.STEP_CHECKS[action.permission](user, case))
    ]


def candidate_holders(case: Case, action: Action) -> Iterable[User]:
    """Who the actor may name as the next step's holder (a specialist of the agency, a province leader…)."""
    target = case.kind_def.step(action.to)
    unit = _resolve_unit(case, target, None)
    if unit is None:
        return User.objects.none()
    return permissions.members_with_role(unit, *target.roles).order_by("last_name", "first_name")


def candidate_coordinators(case: Case) -> Iterable[User]:
    if case.unit is None:
        return User.objects.none()
    return permissions.members_with_role(case.unit, Role.SPECIALIST, Role.OFFICE_SPECIALIST).order_by("last_name", "first_name")


@transaction.atomic
def perform(case: Case, user: User, action_code: str, params: ActionInput | None = None, *, now: dt.datetime | None = None) -> Case:
    """Do ``action_code`` on ``case`` as ``user``; raises PermissionDenied or ValidationError (nothing changes)."""
    params = params or ActionInput()
    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("unit", "origin", "agency").get(pk=case.pk)
    action = next((a for a in allowed_actions(case, user) if a.code == action_code), None)
    if action is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này ở bước hiện tại."))
    kind = case.kind_def
    _validate(case, kind, action, params)
    # A delegate acts for the leader who delegated the step's role (intranet.cover); history says so.
    on_behalf = None if permissions.acts_in_own_right(user, case) else permissions.acting_for(user, case, now)

    before = case.kind_def.step(case.step)
    target = kind.step(action.to)
    extra = {key: (params.extra or {}).get(key, "") for key, _label in action.extra}
    if extra:
        case.data = {**case.data, **extra}
    if params.answer:
        case.answer = params.answer
    if TARGET_UNIT in action.params and params.target_unit is not None:
        case.agency = params.target_unit
        case.hard = bool(params.hard) if HARD in action.params else case.hard
        if case.overseer_id is None:
            case.overseer = user
    if action.escalates:
        case.origin = parent_level(case.origin)
        case.overseer = None

    event = _record(
        case,
        action=action.code,
        label=str(action.label),
        actor=user,
        from_step=before.code,
        to_step=target.code,
        comment=params.comment,
        data={**extra, **({"answer": params.answer} if params.answer else {})},
        public_label=str(action.public_label),
        now=now,
        on_behalf=on_behalf,
    )
    _attach(case, event, params.files, user)
    CaseParticipant.objects.get_or_create(case=case, user=user, role=CaseParticipant.Role.ACTOR)
    _record_step(case, before, user, action.code, now)

    # The clock stops when the step that answers is passed forward (not when work is sent back).
    order = [step.code for step in kind.steps]
    if before.code == kind.clock_stops and order.index(target.code) > order.index(before.code) and case.done_at is None:
        case.done_at = now
        case.timeliness = get_calendar().status(case.due_at, now) if case.due_at else ""

    # New work for someone on leave goes to their substitute (intranet.cover).
    case.holder = cover.route_case_holder(case, target, _next_holder(case, action, params, user), user, now)
    if action.records == "main":
        case.main_handler = case.holder
        if case.holder is not None:
            CaseParticipant.objects.get_or_create(case=case, user=case.holder, role=CaseParticipant.Role.MAIN)
    elif action.records == "overseer":
        case.overseer = case.holder
    if COORDINATORS in action.params:
        for coordinator in params.coordinators:
            CaseParticipant.objects.get_or_create(case=case, user=coordinator, role=CaseParticipant.Role.COORDINATING)

    _enter(case, target, get_calendar(), now, restart_clock=target.code == kind.clock_starts and before.code != target.code)
    case.save()
    cover.after_case_saved(case)
    issue_for_action(case, action.code, user, now)  # the numbered form this step produces (issue 13)
    _alert(case, target, coordinators=params.coordinators if COORDINATORS in action.params else ())
    if action.tells_reporter and case.reporter is not None and case.reporter != user:
        notify([case.reporter], kind=NOTIFY_KIND, title=_("%(code)s: %(action)s") % {"code": case.code, "action": action.label},
               body=case.title, url=case.get_absolute_url())
    if target.published and case.requester_email:
        queue_email(
            [case.requester_email],
            subject=_("Câu hỏi %(code)s đã được trả lời") % {"code": case.code},
            body=_("Câu trả lời đã được đăng trên Cổng thông tin điện tử. Tra cứu tại: %(url)s")
            % {"url": absolute_url(f"/tra-cuu/?ma={case.code}")},
            kind=NOTIFY_KIND,
        )
    if target.published:
        cover.announce_to_duplicates(case)  # HCMC Art. 12: linked duplicates' citizens see this answer
    return case


def _validate(case: Case, kind: Kind, action: Action, params: ActionInput) -> None:
    errors = {}
    for name in action.required:
        value = getattr(params, name, None) if name in ("comment", "answer", "target_unit", "holder") else (params.extra or {}).get(name)
        if not value or (isinstance(value, str) and not value.strip()):
            errors[name] = _("Vui lòng nhập thông tin này.")
    listed = dict(action.choices)
    for name, value in (params.extra or {}).items():
        if value in (None, ""):
            continue
        if name in listed and value not in listed[name]:
            errors[name] = _("Vui lòng chọn trong danh sách.")
        if name in action.money and (not isinstance(value, int) or value < 0):
            errors[name] = _("Số tiền phải là số đồng, không âm.")
    if HOLDER in action.params and params.holder is not None:
        allowed = candidate_holders(case, action).filter(pk=params.holder.pk).exists()
        if not allowed:
            errors[HOLDER] = _("Người được chọn không có vai trò phù hợp ở đơn vị xử lý.")
    if TARGET_UNIT in action.params and params.target_unit is not None and not params.target_unit.is_active:
        errors[TARGET_UNIT] = _("Đơn vị này không còn hoạt động.")
    elif action.target_scope == "level" and params.target_unit is not None and case.origin is not None:
        # App. VI: a level forwards only to its own agencies and sub-units; beyond them it escalates.
        level = level_of(case.origin)
        if not params.target_unit.path.startswith(level.path):
            errors[TARGET_UNIT] = _("Chỉ chuyển cho cơ quan, đơn vị thuộc cấp mình; vượt thẩm quyền thì chuyển lên cấp trên.")
    if errors:
        raise ValidationError(errors)


def _next_holder(case: Case, action: Action, params: ActionInput, user: User) -> User | None:
    if HOLDER in action.params:
        return params.holder
    return {"actor": user, "overseer": case.overseer, "main": case.main_handler, "reporter": case.reporter}.get(action.holder)


def requesting_unit(case: Case) -> Unit | None:
    """QT-05 B7's "bộ phận đề nghị": the reporter's own unit, the deepest under the IT unit that took the case."""
    if case.reporter_id is None:
        return case.origin
    units = Unit.objects.filter(memberships__user_id=case.reporter_id, status=Unit.Status.ACTIVE).distinct().order_by("-depth", "pk")
    below = [unit for unit in units if case.origin is None or unit.path.startswith(case.origin.path)]
    return (below or list(units) or [case.origin])[0]


def _resolve_unit(case: Case, step: Step, now_unit: Unit | None) -> Unit | None:
    if step.unit == "office":
        return office_unit()
    if step.unit == "province":
        return province_unit()
    if step.unit == "agency":
        return case.agency
    if step.unit == "origin":
        return case.origin
    if step.unit == "requester":
        return requesting_unit(case)
    return now_unit if now_unit is not None else case.unit


def _enter(case: Case, step: Step, calendar: WorkingCalendar, now: dt.datetime, restart_clock: bool = True) -> None:
    kind = case.kind_def
    case.step = step.code
    case.step_started_at = now
    case.step_alerted_at = None
    case.step_paused_days = 0
    case.unit = _resolve_unit(case, step, None) if not step.closed else case.unit
    if step.code == kind.clock_starts and (restart_clock or case.clock_started_at is None) and case.done_at is None:
        case.clock_started_at = now
        case.due_at = calendar.due(now, case.total_days)
    case.step_due_at = _step_due(case, step, calendar)
    if step.closed:
        case.closed_at = now
        case.holder = None
        if step.published:
            case.published_at = now
    if case.unit is not None and not step.closed:
        CaseUnit.objects.get_or_create(case=case, unit=case.unit)


def _step_due(case: Case, step: Step, calendar: WorkingCalendar) -> dt.datetime | None:
    if step.closed or (step.days is None and not step.at_times):
        return None
    if step.at_times:
        due = calendar.next_time_of_day(case.step_started_at, step.at_times)
        if case.step_paused_days:
            due = calendar.due(due, case.step_paused_days)
    else:
        due = calendar.due(case.step_started_at, step.days + case.step_paused_days)
    if case.due_at is not None and case.done_at is None:
        due = min(due, case.due_at)
    return due


def _record(case, *, action, label, actor=None, from_step="", to_step="", comment="", data=None, public_label="", now=None,
            on_behalf=None) -> CaseEvent:
    unit = case.unit
    return CaseEvent.objects.create(
        case=case,
        action=action,
        label=label,
        actor=actor,
        actor_name=cover.on_behalf_label(actor, on_behalf) if actor is not None else "",
        unit_name=unit.name if unit else "",
        from_step=from_step,
        to_step=to_step,
        comment=comment,
        data={**(data or {}), **({"on_behalf_of": on_behalf.pk} if on_behalf is not None else {})},
        public_label=public_label,
        created_at=now or timezone.now(),
    )


def _record_step(case: Case, step: Step, user: User, action: str, now: dt.datetime) -> None:
    """The step being passed on, graded on its own deadline for whoever finished it (Art. 9.2.d)."""
    if case.step_due_at is None:
        return  # a step without a deadline of its own (intake, screening batches) grades nobody
    CaseStep.objects.create(
        case=case, kind=case.kind, step=step.code, unit=case.unit, officer=user, started_at=case.step_started_at,
        due_at=case.step_due_at, done_at=now, action=action,
    )


def _attach(case: Case, event: CaseEvent, files: Sequence, user: User | None) -> None:
    for upload in files:
        CaseAttachment.objects.create(
            case=case,
            event=event,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            mime=getattr(upload, "checked_mime", "") or getattr(upload, "content_type", "") or "",
            uploaded_by=user,
        )


def _alert(case: Case, step: Step, coordinators: Sequence[User] = ()) -> None:
    """A new assignment alerts the assignee at once (or everyone who may take the step)."""
    if step.closed:
        return
    if case.holder is not None:
        recipients = [case.holder]
    elif case.unit is not None:
        recipients = list(permissions.members_with_role(case.unit, *step.roles))
    else:
        recipients = []
    title = _("%(kind)s %(code)s: %(step)s") % {"kind": case.kind_def.label, "code": case.code, "step": step.label}
    notify(recipients, kind=NOTIFY_KIND, title=title, body=case.title, url=case.get_absolute_url())
    if coordinators:
        notify(coordinators, kind=NOTIFY_KIND, title=_("Phối hợp xử lý %(code)s") % {"code": case.code}, body=case.title,
               url=case.get_absolute_url())


# -- deadlines ---------------------------------------------------------------------------------------------
def recompute_open_deadlines(queryset=None) -> int:
    """Move every open due moment after the calendar changed (an administrator added a holiday)."""
    calendar = get_calendar()
    cases = list((queryset if queryset is not None else Case.objects.open()).only(
        "pk", "kind", "step", "hard", "extra_days", "clock_started_at", "step_started_at", "due_at", "step_due_at", "done_at",
        "paused_days", "step_paused_days",
    ))
    for case in cases:
        if case.clock_started_at is not None and case.done_at is None:
            case.due_at = calendar.due(case.clock_started_at, case.total_days)
        case.step_due_at = _step_due(case, case.step_def, calendar)
    Case.objects.bulk_update(cases, ["due_at", "step_due_at"], batch_size=500)
    return len(cases)


def explain_due(case: Case):
    """How the case's due moment was computed (start, working days, days skipped), to show beside it."""
    if case.clock_started_at is None:
        return None
    return get_calendar().explain(case.clock_started_at, case.total_days)


def explain_step_due(case: Case):
    """The current step's own deadline, explained (None when the step has none)."""
    step = case.step_def
    if step.days is None or not case.is_open:
        return None  # a step due at a clock time (App. V batches) shows its due moment only
    return get_calendar().explain(case.step_started_at, step.days)


@transaction.atomic
def request_extension(case: Case, user: User, *, days: Decimal, reason: str) -> Extension:
    if not permissions.can_act_on_case(user, case):
        raise PermissionDenied(_("Chỉ người đang xử lý mới đề nghị gia hạn."))
    if not reason.strip() or days <= 0 or days > 10:
        raise ValidationError(_("Cần nêu lý do và số ngày gia hạn (tối đa 10 ngày làm việc)."))
    from ..waiting import check_extension_cap

    check_extension_cap(case, days)
    extension = Extension.objects.create(case=case, days=days, reason=reason, requested_by=user)
    _record(case, action="extension_requested", label=_("Đề nghị gia hạn %(days)s ngày làm việc") % {"days": days},
            actor=user, from_step=case.step, to_step=case.step, comment=reason)
    leaders = permissions.members_with_role(case.unit, Role.LEADER)
    notify(leaders, kind=NOTIFY_KIND, title=_("Đề nghị gia hạn %(code)s") % {"code": case.code}, body=reason, url=case.get_absolute_url())
    return extension


@transaction.atomic
def decide_extension(extension: Extension, user: User, *, approve: bool, comment: str = "") -> Extension:
    case = extension.case
    if extension.state != Extension.State.PENDING:
        raise ValidationError(_("Đề nghị gia hạn này đã được xử lý."))
    if not permissions.can_decide_extension(user, case) or extension.requested_by_id == user.pk:
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị mới duyệt gia hạn."))
    extension.state = Extension.State.APPROVED if approve else Extension.State.REFUSED
    extension.decided_by, extension.decided_at = user, timezone.now()
    extension.save()
    if approve:
        from ..waiting import check_extension_cap

        check_extension_cap(case, extension.days)
        case.extra_days += extension.days
        case.save(update_fields=["extra_days"])
        recompute_open_deadlines(Case.objects.filter(pk=case.pk))
    label = _("Duyệt gia hạn %(days)s ngày làm việc") if approve else _("Không duyệt gia hạn %(days)s ngày làm việc")
    _record(case, action="extension_decided", label=label % {"days": extension.days}, actor=user, from_step=case.step,
            to_step=case.step, comment=comment)
    notify([extension.requested_by], kind=NOTIFY_KIND, title=label % {"days": extension.days}, body=case.code, url=case.get_absolute_url())
    return extension


# -- dashboards ----------------------------------------------------------------------------------------------
def cases_for_user(user) -> Q:
    return permissions.case_visibility_filter(user)


def kinds_choices() -> list[tuple[str, str]]:
    return [(kind.code, str(kind.label)) for kind in all_kinds()]
