"""Delegation, leave and duplicate questions: the operations, each checked by the permission layer.

Guarantees:
- a delegation or a leave only counts on the days of its period (local dates, both ends included)
  and stops at once when ended early; the permission layer asks ``Delegation`` on every action;
- while a leave lasts, every place that names a new holder (the case engine's next holder, QT-07's
  B3 assignment, a leader's reassignment) asks ``cover_for`` and gives the work to the substitute
  when the substitute may hold it, or to the unit's queue when not; each routing is a ``CoveredWork``
  row (and, for a case, an event in its history);
- a duplicate question closes in the step ``duplicate`` with a ``DuplicateLink`` to the question
  that answers it (followed to the end of a chain, never in a circle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import User
from intranet.accounts.names import display_name
from intranet.notifications.services import notify, queue_email
from intranet.units.links import absolute_url
from intranet.units.models import Unit

from .models import CoveredWork, Delegation, DuplicateLink, Leave

NOTIFY_KIND = "cover"


def _local(on) -> dt.date:
    if on is None:
        return timezone.localdate()
    if isinstance(on, dt.datetime):
        return timezone.localtime(on).date()
    return on


def _check_period(starts_on: dt.date | None, ends_on: dt.date | None, reason: str) -> dict:
    errors = {}
    if starts_on is None:
        errors["starts_on"] = _("Vui lòng nhập ngày bắt đầu.")
    if ends_on is None:
        errors["ends_on"] = _("Vui lòng nhập ngày kết thúc.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("Ngày kết thúc không được trước ngày bắt đầu.")
    if ends_on and ends_on < timezone.localdate():
        errors["ends_on"] = _("Không ghi nhận cho khoảng thời gian đã qua.")
    if not (reason or "").strip():
        errors["reason"] = _("Vui lòng nêu lý do.")
    return errors


# -- delegation ----------------------------------------------------------------------------------
@transaction.atomic
def delegate(by: User, *, unit: Unit, role: str, to: User, starts_on: dt.date, ends_on: dt.date, reason: str) -> Delegation:
    """A leader lets ``to`` act in ``role`` in ``unit`` on their behalf from ``starts_on`` to ``ends_on``."""
    if not permissions.can_delegate(by, unit, role):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị mới ủy quyền vai trò mình đang giữ ở đơn vị đó."))
    errors = _check_period(starts_on, ends_on, reason)
    if to is None or to.pk == by.pk or not permissions.delegate_candidates(unit).filter(pk=to.pk).exists():
        errors["delegate"] = _("Người được ủy quyền phải là người đang công tác của đơn vị.")
    if errors:
        raise ValidationError(errors)
    delegation = Delegation.objects.create(unit=unit, role=role, delegator=by, delegate=to, starts_on=starts_on, ends_on=ends_on,
                                           reason=reason.strip(), created_by=by)
    notify([to], kind=NOTIFY_KIND, title=_("%(name)s ủy quyền cho bạn: %(role)s – %(unit)s, %(start)s–%(end)s") % {
        "name": display_name(by), "role": delegation.get_role_display(), "unit": unit.name,
        "start": starts_on.strftime("%d/%m/%Y"), "end": ends_on.strftime("%d/%m/%Y")}, body=reason, url="/ban-lam-viec/uy-quyen/")
    return delegation


@transaction.atomic
def end_delegation(delegation: Delegation, by: User) -> Delegation:
    if not permissions.can_end_delegation(by, delegation):
        raise PermissionDenied(_("Bạn không được thu hồi ủy quyền này."))
    if delegation.ended_at is None:
        delegation.ended_at, delegation.ended_by = timezone.now(), by
        delegation.save(update_fields=["ended_at", "ended_by"])
        notify([delegation.delegate], kind=NOTIFY_KIND, title=_("Đã thu hồi ủy quyền: %(role)s – %(unit)s") % {
            "role": delegation.get_role_display(), "unit": delegation.unit.name}, url="/ban-lam-viec/uy-quyen/")
    return delegation


def on_behalf_label(actor: User, leader: User | None) -> str:
    """How history names someone acting for a leader: "Lê Thị Biên Tập (thay mặt Phan Thanh Chánh)"."""
    if leader is None:
        return display_name(actor)
    return _("%(actor)s (thay mặt %(leader)s)") % {"actor": display_name(actor), "leader": display_name(leader)}


# -- leave ---------------------------------------------------------------------------------------
def substitute_candidates(unit: Unit, person: User | None = None):
    """Active people of the same unit (never the person on leave)."""
    people = User.objects.filter(memberships__unit=unit, is_active=True).distinct()
    return people.exclude(pk=person.pk) if person is not None else people


def leave_people(user: User, unit: Unit):
    """Whose leave ``user`` may record in ``unit``: everyone's for its leaders, otherwise their own."""
    if permissions.is_sysadmin(user) or permissions.is_leader_of(user, unit):
        return User.objects.filter(memberships__unit=unit, is_active=True).distinct()
    return User.objects.filter(pk=user.pk, memberships__unit=unit).distinct()


@transaction.atomic
def record_leave(by: User, *, person: User, unit: Unit, substitute: User, starts_on: dt.date, ends_on: dt.date, reason: str) -> Leave:
    if person is None or not permissions.can_record_leave(by, person, unit):
        raise PermissionDenied(_("Bạn chỉ ghi nhận nghỉ phép của mình, hoặc của người trong đơn vị mình lãnh đạo."))
    errors = _check_period(starts_on, ends_on, reason)
    if not leave_people(by, unit).filter(pk=person.pk).exists():
        errors["person"] = _("Người nghỉ phép phải là người của đơn vị.")
    if substitute is None or not substitute_candidates(unit, person).filter(pk=substitute.pk).exists():
        errors["substitute"] = _("Người thay phải là người đang công tác của cùng đơn vị.")
    elif not errors and Leave.objects.not_over(starts_on).filter(person=person, starts_on__lte=ends_on).exists():
        errors["starts_on"] = _("Người này đã có lịch nghỉ phép trùng thời gian.")
    if errors:
        raise ValidationError(errors)
    leave = Leave.objects.create(person=person, unit=unit, substitute=substitute, starts_on=starts_on, ends_on=ends_on,
                                 reason=reason.strip(), created_by=by)
    period = {"start": starts_on.strftime("%d/%m/%Y"), "end": ends_on.strftime("%d/%m/%Y")}
    notify([substitute], kind=NOTIFY_KIND, title=_("Bạn thay %(name)s trong thời gian nghỉ phép %(start)s–%(end)s") % {
        "name": display_name(person), **period}, body=reason, url="/ban-lam-viec/nghi-phep/")
    if person.pk != by.pk:
        notify([person], kind=NOTIFY_KIND, title=_("Đã ghi nhận nghỉ phép %(start)s–%(end)s, người thay: %(name)s") % {
            "name": display_name(substitute), **period}, url="/ban-lam-viec/nghi-phep/")
    return leave


@transaction.atomic
def end_leave(leave: Leave, by: User) -> Leave:
    if not permissions.can_end_leave(by, leave):
        raise PermissionDenied(_("Bạn không được kết thúc lịch nghỉ phép này."))
    if leave.ended_at is None:
        leave.ended_at, leave.ended_by = timezone.now(), by
        leave.save(update_fields=["ended_at", "ended_by"])
    return leave


def leave_of(user: User | None, on=None) -> Leave | None:
    if user is None:
        return None
    return Leave.objects.current(_local(on)).filter(person=user).select_related("substitute").first()


def cover_for(person: User | None, may_hold: Callable[[User], bool], on=None) -> tuple[User | None, Leave | None]:
    """Who gets new work meant for ``person`` today: ``person``, or while they are on leave their
    substitute (and theirs, if the substitute is away too), or nobody (the unit's queue) when no
    one present may hold it. Returns (holder, the leave that routed it or None)."""
    if person is None:
        return None, None
    on = _local(on)
    first = leave_of(person, on)
    if first is None:
        return person, None
    seen, leave = {person.pk}, first
    while leave is not None:
        substitute = leave.substitute
        if substitute.pk in seen:
            break
        seen.add(substitute.pk)
        onward = leave_of(substitute, on)
        if onward is None:
            return (substitute if substitute.is_active and may_hold(substitute) else None), first
        leave = onward
    return None, first


def record_routing(leave: Leave, obj, *, label: str, url: str, holder: User | None) -> CoveredWork:
    """Keep what went to the substitute (the desk lists it); a case also gets it in its history."""
    covered = CoveredWork.objects.create(leave=leave, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
                                         label=label[:255], url=url)
    from intranet.cases.models import Case, CaseEvent

    if isinstance(obj, Case):
        if holder is not None:
            text = _("%(absent)s đang nghỉ phép; giao người thay: %(name)s") % {"absent": display_name(leave.person), "name": display_name(holder)}
        else:
            text = _("%(absent)s đang nghỉ phép; chuyển hàng chờ của đơn vị") % {"absent": display_name(leave.person)}
        CaseEvent.objects.create(case=obj, action="cover_leave", label=text[:255], unit_name=obj.unit.name if obj.unit else "",
                                 from_step=obj.step, to_step=obj.step, data={"leave": leave.pk, "absent": leave.person_id,
                                                                             "to": holder.pk if holder else None})
    return covered


def route_case_holder(case, step, holder: User | None, actor: User, now) -> User | None:
    """The case engine's next holder, covered: called by ``perform`` once the next step is known."""
    if holder is None or holder.pk == actor.pk or step.closed:
        return holder
    from intranet.cases.services import _resolve_unit

    unit = _resolve_unit(case, step, None)
    routed, leave = cover_for(holder, lambda user: permissions.has_role(user, unit, *step.roles), now)
    if leave is not None:
        case._covered_by = (leave, routed)  # recorded once the case is saved (``after_case_saved``)
    return routed


def after_case_saved(case) -> None:
    covered = getattr(case, "_covered_by", None)
    if covered is not None:
        leave, holder = covered
        del case._covered_by
        record_routing(leave, case, label=f"{case.code} – {case.title}", url=case.get_absolute_url(), holder=holder)


def desk_summary(user: User, on=None) -> dict:
    """What the desk says about cover (five queries): my leave and who covers me, whom I cover and
    what came to me for them, the delegations I gave and received."""
    on = _local(on)
    mine = list(Leave.objects.not_over(on).filter(person=user).select_related("substitute", "unit").order_by("starts_on")[:5])
    covering = list(Leave.objects.current(on).filter(substitute=user).select_related("person", "unit").order_by("ends_on")[:10])
    routed = {}
    if covering:
        for row in CoveredWork.objects.filter(leave__in=covering).order_by("-created_at")[:50]:
            routed.setdefault(row.leave_id, []).append(row)
    for leave in covering:
        leave.routed_list = routed.get(leave.pk, [])
    given = list(Delegation.objects.not_over(on).filter(delegator=user).select_related("delegate", "unit")[:10])
    received = list(Delegation.objects.not_over(on).filter(delegate=user).select_related("delegator", "unit")[:10])
    return {"my_leaves": mine, "covering": covering, "given": given, "received": received, "today": on,
            "any": bool(mine or covering or given or received)}


# -- duplicate questions (HCMC Art. 12) ----------------------------------------------------------------
DUPLICATE_STEP = "duplicate"


def root_of(case):
    """The question that answers ``case``: its link's original, followed to the end (chains allowed, no circles)."""
    seen = {case.pk}
    link = DuplicateLink.objects.filter(case=case).select_related("original").first()
    current = case
    while link is not None and link.original_id not in seen:
        current = link.original
        seen.add(current.pk)
        link = DuplicateLink.objects.filter(case=current).select_related("original").first()
    return current


def find_original(user: User, code: str):
    """A question ``user`` may name as the original: published (public anyway) or one they may see."""
    from intranet.cases.models import Case
    from intranet.cases.services import normalise_code

    code = normalise_code(code or "")
    if code is None:
        return None
    visible = Q(published_at__isnull=False) | permissions.case_visibility_filter(user)
    return Case.objects.filter(visible, code=code, kind__in=permissions.DUPLICATE_KINDS).exclude(step="rejected").first()


@transaction.atomic
def link_duplicate(case, by: User, *, original_code: str, reason: str, now: dt.datetime | None = None) -> DuplicateLink:
    """Close ``case`` as a duplicate of the question ``original_code``; history and the citizen are told."""
    from intranet.cases.models import Case, CaseEvent
    from intranet.workdays.calendar import get_calendar

    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
    if not permissions.can_link_duplicate(by, case):
        raise PermissionDenied(_("Chỉ người đang xử lý câu hỏi mới liên kết câu hỏi trùng."))
    errors = {}
    original = find_original(by, original_code)
    if original is None:
        errors["original_code"] = _("Không tìm thấy câu hỏi có mã này (hoặc bạn không được xem).")
    elif original.pk == case.pk or root_of(original).pk == case.pk:
        errors["original_code"] = _("Không thể liên kết câu hỏi với chính nó.")
    if not (reason or "").strip():
        errors["reason"] = _("Vui lòng nêu lý do.")
    if errors:
        raise ValidationError(errors)
    on_behalf = None if permissions.acts_in_own_right(by, case) else permissions.acting_for(by, case)
    link = DuplicateLink.objects.create(case=case, original=original, reason=reason.strip(), linked_by=by, linked_at=now)
    from_step = case.step
    if case.done_at is None:
        case.done_at = now
        case.timeliness = get_calendar().status(case.due_at, now) if case.due_at else ""
    case.step, case.closed_at, case.holder, case.step_due_at, case.step_started_at = DUPLICATE_STEP, now, None, None, now
    case.save()
    CaseEvent.objects.create(
        case=case, action="duplicate", label=_("Liên kết câu hỏi trùng với %(code)s") % {"code": original.code}, actor=by,
        actor_name=on_behalf_label(by, on_behalf), unit_name=case.unit.name if case.unit else "", from_step=from_step,
        to_step=DUPLICATE_STEP, comment=reason.strip(), created_at=now,
        data={"original": original.code, **({"on_behalf_of": on_behalf.pk} if on_behalf else {})},
        public_label=_("Trùng nội dung với câu hỏi %(code)s") % {"code": original.code},
    )
    if case.requester_email:
        queue_email(
            [case.requester_email],
            subject=_("Câu hỏi %(code)s trùng nội dung với câu hỏi đã có") % {"code": case.code},
            body=_("Câu hỏi của bạn có cùng nội dung với câu hỏi %(original)s; câu trả lời được xem tại: %(url)s")
            % {"original": original.code, "url": absolute_url(f"/tra-cuu/?ma={case.code}")},
            kind="case",
        )
    return link


def announce_to_duplicates(case) -> int:
    """The original is answered and published: every linked duplicate's citizen gets the lookup link."""
    emails = list(DuplicateLink.objects.filter(original=case).exclude(case__requester_email="").values_list("case__requester_email", "case__code"))
    for email, code in emails:
        queue_email([email], subject=_("Câu hỏi %(code)s đã có câu trả lời") % {"code": code},
                    body=_("Câu hỏi cùng nội dung đã được trả lời. Tra cứu tại: %(url)s") % {"url": absolute_url(f"/tra-cuu/?ma={code}")},
                    kind="case")
    return len(emails)


def lookup_context(case) -> dict:
    """For /tra-cuu/: the question that answers a duplicate, and its answer once published (public parts only)."""
    if case.step != DUPLICATE_STEP:
        return {}
    root = root_of(case)
    if root.pk == case.pk:
        return {}
    return {"duplicate_of": root, "duplicate_answer": root.answer if root.published_at else "",
            "duplicate_status": root.step_def.public_label}

