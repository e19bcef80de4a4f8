"""THE case engine: every action on every kind of case goes through ``perform``.

``perform`` checks the permission (``intranet.accounts.permissions``), records
the event, moves the case to its next step (acting unit, holder), computes the
step's and the case's due moments with the working-day calendar and alerts
whoever must act next. The kinds (``intranet.cases.kinds``) are data.
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
from intranet.accounts.names import display_name
from intranet.cover import services as cover
from intranet.notifications.models import Notification
from intranet.notifications.services import notify, queue_email
from intranet.units.links import absolute_url
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, Status, WorkingCalendar, get_calendar

from .documents import issue_for_action
from .kinds import COORDINATORS, HARD, HOLDER, TARGET_UNIT, Action, Kind, Step, all_kinds, get_kind
from .models import Case, CaseAttachment, CaseEvent, CaseParticipant, CaseUnit, Extension, PressDigest, PressItem, VoterSummary

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
    """The unit that takes in voter opinions at ``unit``'s level: the province office for the province."""
    if unit.depth == 1:
        return office_unit() or unit
    return unit


def parent_level(unit: Unit) -> Unit | None:
    """The level above for an escalation (commune → district → province), or None at the top."""
    office = office_unit()
    if unit.depth == 1 or (office is not None and unit.pk == office.pk):
        return None
    return level_unit(unit.get_parent())


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


# -- opening a case -------------------------------------------------------------------------------------
@transaction.atomic
def open_case(
    kind_code: str,
    *,
    title: str,
    body: str,
    field: str = "khac",
    origin: Unit | None = None,
    agency: Unit | None = None,
    reporter: User | None = None,
    overseer: User | None = None,
    hard: bool = False,
    requester: dict | None = None,
    data: dict | None = None,
    summary: VoterSummary | None = None,
    press_item: PressItem | None = None,
    files: Sequence = (),
    now: dt.datetime | None = None,
    label: str = "",
    recorded_by: User | None = None,
    event_data: dict | None = None,
) -> Case:
    """``recorded_by``: someone who entered the case for the reporter (QT-05 B1 by phone); history names them."""
    kind = get_kind(kind_code)
    now = now or timezone.now()
    case = Case(
        kind=kind.code,
        code=new_code(kind, now),
        title=title,
        body=body,
        field=field,
        origin=origin,
        agency=agency,
        reporter=reporter,
        overseer=overseer,
        hard=hard,
        data=data or {},
        summary=summary,
        press_item=press_item,
        created_at=now,
        step=kind.first,
        **{f"requester_{key}": value for key, value in (requester or {}).items()},
    )
    case.save()
    first = kind.step(kind.first)
    event = _record(case, action="open", label=label or _("Tiếp nhận"), actor=recorded_by or reporter, to_step=kind.first,
                    public_label=first.public_label, now=now, data=event_data)
    _attach(case, event, files, recorded_by or reporter)
    for user in (reporter, overseer, recorded_by):
        if user is not None:
            CaseParticipant.objects.get_or_create(case=case, user=user, role=CaseParticipant.Role.ACTOR)
    _enter(case, first, get_calendar(), now)
    case.save()
    _alert(case, first)
    return case


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
        level = case.origin.get_parent() if parent_level(case.origin) is None and case.origin.depth > 1 else case.origin
        if not params.target_unit.path.startswith(level.path):
            errors[TARGET_UNIT] = _("Chỉ chuyển cho cơ quan, đơn vị thuộc cấp mình; vượt thẩm quyền thì chuyển lên cấp trên.")
    if errors:
        raise ValidationError(errors)


def _next_holder(case: Case, action: Action, params: ActionInput, user: User) -> User | None:
    if HOLDER in action.params:
        return params.holder
    return {"actor": user, "overseer": case.overseer, "main": case.main_handler, "reporter": case.reporter}.get(action.holder)


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
    from .waiting import check_extension_cap

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
        from .waiting import check_extension_cap

        check_extension_cap(case, extension.days)
        case.extra_days += extension.days
        case.save(update_fields=["extra_days"])
        recompute_open_deadlines(Case.objects.filter(pk=case.pk))
    label = _("Duyệt gia hạn %(days)s ngày làm việc") if approve else _("Không duyệt gia hạn %(days)s ngày làm việc")
    _record(case, action="extension_decided", label=label % {"days": extension.days}, actor=user, from_step=case.step,
            to_step=case.step, comment=comment)
    notify([extension.requested_by], kind=NOTIFY_KIND, title=label % {"days": extension.days}, body=case.code, url=case.get_absolute_url())
    return extension


# -- citizen questions -----------------------------------------------------------------------------------
def submit_question(*, name: str, phone: str, email: str, address: str, field: str, title: str, question: str, files: Sequence = ()) -> Case:
    """A citizen's question from the portal: saved whole with its tracking code, emailed to them (App. V 1)."""
    with transaction.atomic():
        case = open_case(
            "question",
            title=title,
            body=question,
            field=field,
            origin=province_unit(),
            requester={"name": name, "phone": phone, "email": email, "address": address},
            files=files,
            label=_("Công dân gửi câu hỏi"),
        )
        if email:
            queue_email(
                [email],
                subject=_("Mã tra cứu câu hỏi của bạn: %(code)s") % {"code": case.code},
                body=_(
                    "Cổng thông tin điện tử đã nhận câu hỏi \u201c%(title)s\u201d.\n"
                    "Mã tra cứu: %(code)s\nTheo dõi tình trạng xử lý tại: %(url)s"
                )
                % {"title": title, "code": case.code, "url": absolute_url(f"/tra-cuu/?ma={case.code}")},
                kind=NOTIFY_KIND,
            )
    return case


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


# -- IT incidents (QT-05) ------------------------------------------------------------------------------------
def it_unit_for(user: User) -> Unit | None:
    """The unit whose IT staff takes the report: the reporter's unit, or the nearest one above it with IT staff."""
    from intranet.accounts.models import Membership

    units = Unit.objects.filter(memberships__user=user, status=Unit.Status.ACTIVE).distinct()
    with_it = set(Membership.objects.filter(role=Role.IT_STAFF, unit__status=Unit.Status.ACTIVE).values_list("unit__path", flat=True))
    for unit in units.order_by("-depth"):
        path = unit.path
        while path:
            if path in with_it:
                return Unit.objects.get(path=path)
            path = path[: -Unit.steplen]
    return None


def requesting_unit(case: Case) -> Unit | None:
    """QT-05 B7's "bộ phận đề nghị": the reporter's own unit, the deepest under the IT unit that took the case."""
    if case.reporter_id is None:
        return case.origin
    units = Unit.objects.filter(memberships__user_id=case.reporter_id, status=Unit.Status.ACTIVE).distinct().order_by("-depth", "pk")
    below = [unit for unit in units if case.origin is None or unit.path.startswith(case.origin.path)]
    return (below or list(units) or [case.origin])[0]


def report_it_incident(user: User, *, title: str, body: str, files: Sequence = ()) -> Case:
    """QT-05 B1: an officer reports an incident; the IT staff of their unit receive it at once."""
    unit = it_unit_for(user)
    if unit is None:
        raise ValidationError(_("Chưa có bộ phận CNTT nào phụ trách đơn vị của bạn. Vui lòng liên hệ quản trị hệ thống."))
    return open_case("it", title=title, body=body, origin=unit, reporter=user, files=files, label=_("B1. Thông báo sự cố"))


def log_it_incident_for(it_officer: User, reporter: User, *, how: str, title: str, body: str, files: Sequence = ()) -> Case:
    """QT-05 B1 "trực tiếp hoặc điện thoại": IT staff log the incident an officer phoned in or brought in person.

    The officer is the case's reporter (told at completion and handover, confirms B7); history names who logged it."""
    from .kinds.it import REPORTED_BY

    if not permissions.can_log_it_incident_for(it_officer, reporter):
        raise PermissionDenied(_("Bạn không thuộc bộ phận CNTT phụ trách đơn vị của người báo sự cố."))
    channels = dict(REPORTED_BY)
    if how not in channels:
        raise ValidationError({"how": _("Vui lòng chọn trong danh sách.")})
    label = _("B1. Thông báo sự cố (%(how)s) – bộ phận CNTT ghi nhận thay %(reporter)s") % {
        "how": str(channels[how]).lower(),
        "reporter": display_name(reporter),
    }
    return open_case("it", title=title, body=body, origin=it_unit_for(reporter), reporter=reporter, files=files, label=label,
                     recorded_by=it_officer, event_data={"reported_by": how, "reporter": reporter.pk})


def printable_forms(case: Case) -> list[tuple[str, str]]:
    """The QT-05 forms that exist for this case so far (each after its step was done)."""
    done = set(case.events.values_list("action", flat=True))
    return [(slug, str(title)) for slug, (title, action) in case.kind_def.forms.items() if action in done]


# -- press-reported incidents (App. IV) ---------------------------------------------------------------
def press_digest_for(date: dt.date) -> PressDigest | None:
    """Today's (or any day's) press digest with its items, for the desk and every unit's site."""
    return PressDigest.objects.filter(date=date).prefetch_related("items").first()


@transaction.atomic
def post_press_digest(user: User, *, date: dt.date, title: str, items: Sequence[dict]) -> PressDigest:
    province = province_unit()
    if province is None or not permissions.can_post_press_digest(user, province):
        raise PermissionDenied(_("Chỉ Ban biên tập Cổng TTĐT tỉnh mới đăng điểm tin báo chí."))
    if not items:
        raise ValidationError(_("Điểm tin cần ít nhất một tin."))
    digest, created = PressDigest.objects.update_or_create(date=date, defaults={"title": title, "created_by": user})
    if created and digest.created_at > press_digest_due(date) and get_calendar().is_working_day(date):
        _flag_digest(date, _("Điểm tin báo chí ngày %(d)s đăng trễ hạn (sau 11 giờ)"))
    start = digest.items.count()
    PressItem.objects.bulk_create(
        [PressItem(digest=digest, sort_order=start + index, **item) for index, item in enumerate(items)]
    )
    return digest


# App. IV 1: "chậm nhất trước 11h sáng" on working days; the reminder goes out an hour before.
PRESS_DIGEST_DUE = dt.time(11, 0)
DIGEST_LATE_KIND = "digest_late"


def press_digest_due(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, PRESS_DIGEST_DUE, LOCAL_TZ)


def remind_press_digest(now: dt.datetime | None = None) -> int:
    """App. IV 1: at 10:00 on working days, remind the portal board if today's digest is not posted yet."""
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    if not get_calendar().is_working_day(today) or PressDigest.objects.filter(date=today).exists():
        return 0
    province = province_unit()
    if province is None:
        return 0
    board = list(permissions.members_with_role(province, Role.PORTAL_BOARD))
    notify(board, kind=NOTIFY_KIND, title=_("Chưa có điểm tin báo chí hôm nay (hạn trước 11 giờ)"), url="/ho-so/diem-bao/")
    return len(board)


def flag_missing_press_digest(now: dt.datetime | None = None) -> int:
    """App. IV 1: past 11:00 on a working day with no digest, the portal board's leader is told (once a day)."""
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    if not get_calendar().is_working_day(today) or now < press_digest_due(today) or PressDigest.objects.filter(date=today).exists():
        return 0
    return _flag_digest(today, _("Quá hạn: chưa có điểm tin báo chí ngày %(d)s (hạn 11 giờ)"))


def _flag_digest(day: dt.date, title: str) -> int:
    url = f"/ho-so/diem-bao/?ngay={day.isoformat()}"
    leaders = list(permissions.portal_board_leaders(province_unit(), office_unit()))
    told = set(Notification.objects.filter(kind=DIGEST_LATE_KIND, url=url, recipient__in=leaders).values_list("recipient_id", flat=True))
    leaders = [user for user in leaders if user.pk not in told]
    notify(leaders, kind=DIGEST_LATE_KIND, title=title % {"d": day.strftime("%d/%m/%Y")}, url=url)
    return len(leaders)


@dataclass
class DigestDay:
    date: dt.date
    due: dt.datetime
    digest: PressDigest | None
    status: str

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


def press_digest_grading(start: dt.date, end: dt.date, now: dt.datetime | None = None) -> tuple[list[DigestDay], dict[str, int]]:
    """Every working day from ``start`` to ``end``: its digest graded early / on time / late, or overdue if missing."""
    now = now or timezone.now()
    calendar = get_calendar()
    digests = {digest.date: digest for digest in PressDigest.objects.filter(date__range=(start, end))}
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            due, digest = press_digest_due(day), digests.get(day)
            status = calendar.status(due, digest.created_at if digest else None, now)
            days.append(DigestDay(day, due, digest, status))
        day += dt.timedelta(days=1)
    counts = {code: sum(1 for row in days if row.status == code) for code in Status.LABELS}
    return days, counts


@transaction.atomic
def pick_press_item(item: PressItem, user: User, *, agency: Unit, overseer: User, hard: bool = False, comment: str = "") -> Case:
    """App. IV 2.a: a province leader sends an item that needs action to an agency and an office specialist."""
    office = office_unit()
    if not permissions.can_pick_press_items(user, province_unit(), office):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh, lãnh đạo Văn phòng mới giao xử lý sự việc báo nêu."))
    if office is None or not permissions.has_role(overseer, office, Role.OFFICE_SPECIALIST):
        raise ValidationError({"overseer": _("Cần chọn chuyên viên Văn phòng UBND tỉnh phụ trách lĩnh vực.")})
    case = open_case(
        "press",
        title=item.title,
        body=f"{item.summary}\n\n{item.source} {item.url}".strip(),
        origin=province_unit(),
        agency=agency,
        reporter=user,
        overseer=overseer,
        hard=hard,
        press_item=item,
        label=_("Lãnh đạo giao xử lý sự việc báo nêu"),
    )
    if comment:
        case.events.filter(action="open").update(comment=comment)
    notify([overseer], kind=NOTIFY_KIND, title=_("Theo dõi xử lý sự việc báo nêu %(code)s") % {"code": case.code}, body=case.title,
           url=case.get_absolute_url())
    return case


# -- voter opinions (App. VI) -----------------------------------------------------------------------------
@transaction.atomic
def enter_voter_summary(user: User, *, unit: Unit, title: str, session: str, received_on: dt.date, opinions: Sequence[dict]) -> VoterSummary:
    """One summary from the People's Council, many opinions: each becomes a case at that level."""
    if not permissions.units_entering_voter_opinions(user).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("Bạn không được nhập ý kiến cử tri cho đơn vị này."))
    if not opinions:
        raise ValidationError(_("Báo cáo tổng hợp cần ít nhất một ý kiến."))
    summary = VoterSummary.objects.create(unit=unit, title=title, session=session, received_on=received_on, created_by=user)
    for opinion in opinions:
        open_case(
            "voter",
            title=opinion["title"],
            body=opinion["body"],
            field=opinion.get("field") or "khac",
            origin=level_unit(unit),
            reporter=user,
            overseer=user,
            summary=summary,
            requester={"name": opinion.get("voters", "")[:150], "address": opinion.get("place", "")[:255]},
            label=_("Nhập ý kiến cử tri"),
        )
    return summary


# -- dashboards ----------------------------------------------------------------------------------------------
def cases_for_user(user) -> Q:
    return permissions.case_visibility_filter(user)


def kinds_choices() -> list[tuple[str, str]]:
    return [(kind.code, str(kind.label)) for kind in all_kinds()]
