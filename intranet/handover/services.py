"""Work follows people: reassign open work, release what a departing person holds, move a unit's work.

Three kinds of open work have a named holder:
- a case (``cases.Case``): its current step's holder (and the main handler / overseer it implies);
- a QT-07 item (``moderation.ModerationItem``) at B4: the culture officer the leader assigned;
- a program task (``programs.ProgramTask``): the officer of the unit who reports on it.

Every change is a ``Handover`` row (and, for a case, an event in its history); the old and the
new holder (or, when nobody is named, the unit's leaders) are alerted. Permissions are asked
of ``intranet.accounts.permissions``; eligible people are the step's role holders in the unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import Role, User
from intranet.notifications.services import notify
from intranet.units.models import Unit

from .models import Handover

NOTIFY_KIND = "handover"


@dataclass
class Work:
    """One piece of open work seen the same way whatever its kind."""

    obj: object
    kind: str  # "case", "qt07", "task"

    # -- what it is -----------------------------------------------------------------------------
    @property
    def unit(self) -> Unit | None:
        return self.obj.unit

    @property
    def label(self) -> str:
        if self.kind == "case":
            return f"{self.obj.code} – {self.obj.title}"[:255]
        return str(self.obj.title)[:255]

    @property
    def url(self) -> str:
        if self.kind == "case":
            return self.obj.get_absolute_url()
        if self.kind == "qt07":
            return f"/kiem-duyet/{self.obj.pk}/"
        return f"/chuong-trinh-cong-tac/nhiem-vu/{self.obj.pk}/"

    @property
    def is_open(self) -> bool:
        if self.kind == "case":
            return self.obj.closed_at is None
        if self.kind == "qt07":
            return self.obj.is_open
        return self.obj.reported_at is None

    @property
    def holder_id(self) -> int | None:
        if self.kind == "case":
            return self.obj.holder_id
        if self.kind == "qt07":
            return self.obj.assigned_officer_id if self._names_holder else None
        return self.obj.assignee_id

    @property
    def _names_holder(self) -> bool:
        from intranet.moderation.models import Step

        return self.kind != "qt07" or self.obj.step == Step.REVIEW

    @property
    def reassignable(self) -> bool:
        """Open work whose step is held by a named person (QT-07: B4; the other steps are the role's queue)."""
        return self.is_open and self.unit is not None and self._names_holder

    def eligible(self) -> QuerySet[User]:
        """Active people who may hold the current step: its role, held directly in the acting unit."""
        if self.unit is None:
            return User.objects.none()
        if self.kind == "case":
            roles = self.obj.step_def.roles
        elif self.kind == "qt07":
            roles = (Role.CULTURE_OFFICER,)
        else:
            roles = (Role.LEADER, Role.SPECIALIST)
        return permissions.members_with_role(self.unit, *roles).order_by("last_name", "first_name")

    # -- changing hands -------------------------------------------------------------------------
    def set_holder(self, user: User | None, previous_id: int | None) -> None:
        obj = self.obj
        if self.kind == "case":
            from intranet.cases.models import CaseParticipant

            obj.holder = user
            fields = ["holder"]
            # The case's roles follow the work: the person taking over answers for what the leaver did.
            if previous_id is not None and obj.main_handler_id == previous_id:
                obj.main_handler = user
                fields.append("main_handler")
            if previous_id is not None and obj.overseer_id == previous_id:
                obj.overseer = user
                fields.append("overseer")
            obj.save(update_fields=fields)
            if user is not None:
                role = CaseParticipant.Role.MAIN if obj.main_handler_id == user.pk else CaseParticipant.Role.ACTOR
                CaseParticipant.objects.get_or_create(case=obj, user=user, role=role)
        elif self.kind == "qt07":
            obj.assigned_officer = user
            obj.save(update_fields=["assigned_officer"])
        else:
            obj.assignee = user
            obj.save(update_fields=["assignee"])


def work_for(obj) -> Work:
    from intranet.cases.models import Case
    from intranet.moderation.models import ModerationItem

    if isinstance(obj, Case):
        return Work(obj, "case")
    if isinstance(obj, ModerationItem):
        return Work(obj, "qt07")
    return Work(obj, "task")


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _record(work: Work, *, kind: str, previous: User | None, to: User | None, by: User | None, reason: str,
            from_unit: Unit | None = None, to_unit: Unit | None = None) -> Handover:
    handover = Handover.objects.create(
        content_type=ContentType.objects.get_for_model(work.obj),
        object_id=work.obj.pk,
        label=work.label,
        url=work.url,
        reason_kind=kind,
        from_user=previous,
        to_user=to,
        from_unit=from_unit or work.unit,
        to_unit=to_unit or work.unit,
        by=by,
        reason=reason,
    )
    if work.kind == "case":
        from intranet.cases.models import CaseEvent

        if to is not None:
            label = _("Chuyển người xử lý: %(old)s → %(new)s") % {"old": _name(previous) or _("(chưa có)"), "new": _name(to)}
        else:
            label = _("Trả về hàng chờ của đơn vị: %(old)s thôi xử lý") % {"old": _name(previous) or _("(chưa có)")}
        unit = work.unit
        CaseEvent.objects.create(
            case=work.obj, action=f"handover_{kind}", label=label[:255], actor=by, actor_name=_name(by),
            unit_name=unit.name if unit else "", from_step=work.obj.step, to_step=work.obj.step, comment=reason,
            data={"from": previous.pk if previous else None, "to": to.pk if to else None, "kind": kind},
        )
    return handover


def _alert(work: Work, *, previous: User | None, to: User | None, reason: str) -> None:
    if to is not None:
        notify([to], kind=NOTIFY_KIND, title=_("Bạn được giao xử lý: %(label)s") % {"label": work.label}, body=reason, url=work.url)
    elif work.unit is not None:
        leaders = permissions.members_with_role(work.unit, Role.LEADER)
        notify(leaders, kind=NOTIFY_KIND, title=_("Cần phân công lại: %(label)s") % {"label": work.label}, body=reason, url=work.url)
    if previous is not None and previous.is_active and (to is None or previous.pk != to.pk):
        notify([previous], kind=NOTIFY_KIND, title=_("Công việc đã chuyển cho người khác: %(label)s") % {"label": work.label},
               body=reason, url=work.url)


# -- a leader reassigns -------------------------------------------------------------------------
@transaction.atomic
def reassign(obj, by: User, to: User, reason: str) -> Handover:
    """A leader of the acting unit (or a system administrator) hands an open step to another eligible person."""
    work = work_for(type(obj).objects.select_for_update().get(pk=obj.pk))
    if not work.reassignable or not permissions.can_reassign_work(by, work.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị đang xử lý hoặc quản trị hệ thống mới phân công lại công việc này."))
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Vui lòng nêu lý do phân công lại.")
    if to is None or not work.eligible().filter(pk=to.pk).exists():
        errors["holder"] = _("Người được chọn không có vai trò phù hợp ở đơn vị đang xử lý.")
    elif to.pk == work.holder_id:
        errors["holder"] = _("Người này đang xử lý công việc.")
    if errors:
        raise ValidationError(errors)
    previous = User.objects.filter(pk=work.holder_id).first() if work.holder_id else None
    work.set_holder(to, work.holder_id)
    handover = _record(work, kind=Handover.Reason.REASSIGN, previous=previous, to=to, by=by, reason=reason)
    _alert(work, previous=previous, to=to, reason=reason)
    return handover


def history(obj) -> QuerySet[Handover]:
    return Handover.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).select_related(
        "from_user", "to_user", "by"
    )


# -- what a person holds ------------------------------------------------------------------------
def held_by(user: User) -> list[Work]:
    """Every open piece of work with ``user`` as its named holder (three queries)."""
    from intranet.cases.models import Case
    from intranet.moderation.models import ModerationItem, Step
    from intranet.programs.models import ProgramTask

    works = [Work(case, "case") for case in Case.objects.open().filter(holder=user).select_related("unit")]
    works += [
        Work(item, "qt07")
        for item in ModerationItem.objects.open().filter(step=Step.REVIEW, assigned_officer=user).select_related("unit")
    ]
    works += [Work(task, "task") for task in ProgramTask.objects.filter(assignee=user, reported_at__isnull=True).select_related("unit")]
    return works


def named_roles_of(user: User):
    """Open cases where ``user`` is the main handler or overseer without holding the current step."""
    from django.db.models import Q

    from intranet.cases.models import Case

    return Case.objects.open().filter(Q(main_handler=user) | Q(overseer=user)).exclude(holder=user)


@transaction.atomic
def release_work(user: User, *, successor: User | None = None, by: User | None = None, reason: str = "") -> int:
    """A person leaves (deactivated, transferred, retired): what they hold goes to ``successor`` where
    eligible, otherwise back to the unit's queue with its leaders alerted. Returns how many items moved."""
    reason = reason or _("%(name)s thôi công tác hoặc bị khóa tài khoản.") % {"name": _name(user)}
    moved = 0
    for work in held_by(user):
        to = successor if successor is not None and work.eligible().filter(pk=successor.pk).exists() else None
        work.set_holder(to, user.pk)
        _record(work, kind=Handover.Reason.DEPARTURE, previous=user, to=to, by=by, reason=reason)
        _alert(work, previous=None, to=to, reason=reason)
        moved += 1
    # A case they only followed (overseer) or answered for (main handler) names the successor, or nobody.
    for case in named_roles_of(user):
        fields = []
        ok = successor is not None and successor.is_active
        if case.main_handler_id == user.pk:
            case.main_handler = successor if ok else None
            fields.append("main_handler")
        if case.overseer_id == user.pk:
            case.overseer = successor if ok else None
            fields.append("overseer")
        case.save(update_fields=fields)
    return moved


def open_without_holder(units) -> dict[str, list[Work]]:
    """Work in ``units`` that waits for a leader to name someone (QT-07 B4 without officer, tasks without assignee)."""
    from intranet.moderation.models import ModerationItem, Step

    items = ModerationItem.objects.open().filter(step=Step.REVIEW, assigned_officer__isnull=True, unit__in=units).select_related("unit")
    return {"qt07": [Work(item, "qt07") for item in items]}
