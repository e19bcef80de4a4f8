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
    from intranet.cover import services as cover

    # The person chosen is on leave: their substitute takes it if eligible (intranet.cover).
    eligible = work.eligible()
    chosen, leave = cover.cover_for(to, lambda other: eligible.filter(pk=other.pk).exists())
    if leave is not None and chosen is not None and chosen.pk != work.holder_id:
        to = chosen
    else:
        leave = None
    work.set_holder(to, work.holder_id)
    handover = _record(work, kind=Handover.Reason.REASSIGN, previous=previous, to=to, by=by, reason=reason)
    if leave is not None:
        cover.record_routing(leave, work.obj, label=work.label, url=work.url, holder=to)
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


# -- a unit merged or split: its open work and its people move on ------------------------------------
def move_people(source: Unit, successor: Unit, *, users=None) -> int:
    """Roles held in ``source`` (all, or ``users``') are held in ``successor`` from now on, with the site and
    directory rights they give (django-guardian grants follow ``Membership``); user-level object grants move too."""
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import UserObjectPermission

    from intranet.accounts.models import Membership
    from intranet.accounts.services import grant_role, revoke_role
    from intranet.directory.models import UnitDirectory

    memberships = Membership.objects.filter(unit=source).select_related("user")
    if users is not None:
        memberships = memberships.filter(user__in=users)
    has_head = Membership.objects.filter(unit=successor, role=Role.LEADER, is_head=True).exists()
    moved = 0
    for membership in list(memberships):
        grant_role(membership.user, successor, membership.role, is_head=membership.is_head and not has_head, field=membership.field)
        revoke_role(membership.user, source, membership.role)
        moved += 1
    if users is None:
        directory_type = ContentType.objects.get_for_model(UnitDirectory)
        UnitDirectory.objects.get_or_create(unit=successor)
        for grant in UserObjectPermission.objects.filter(content_type=directory_type, object_pk=str(source.pk)):
            if UserObjectPermission.objects.filter(content_type=directory_type, object_pk=str(successor.pk), user_id=grant.user_id,
                                                   permission_id=grant.permission_id).exists():
                grant.delete()
            else:
                grant.object_pk = str(successor.pk)
                grant.save(update_fields=["object_pk"])
    return moved


def open_work_of(unit: Unit) -> list[Work]:
    """Every open case, QT-07 item and program task acting in ``unit``."""
    from intranet.cases.models import Case
    from intranet.moderation.models import ModerationItem
    from intranet.programs.models import ProgramTask

    return (
        [Work(case, "case") for case in Case.objects.open().filter(unit=unit).select_related("unit", "holder")]
        + [Work(item, "qt07") for item in ModerationItem.objects.open().filter(unit=unit).select_related("unit")]
        + [Work(task, "task") for task in ProgramTask.objects.filter(unit=unit, reported_at__isnull=True).select_related("unit")]
    )


def move_work(work: Work, successor: Unit, *, kind: str, by: User | None = None, reason: str = "") -> None:
    """One open item continues in ``successor``: its holder keeps it if they may hold it there, else the queue."""
    source = work.unit
    obj = work.obj
    previous_id = work.holder_id
    if work.kind == "case":
        from intranet.cases.models import CaseUnit

        fields = ["unit"]
        obj.unit = successor
        for name in ("agency", "origin"):
            if getattr(obj, f"{name}_id") == source.pk:
                setattr(obj, name, successor)
                fields.append(name)
        obj.save(update_fields=fields)
        CaseUnit.objects.get_or_create(case=obj, unit=successor)
    else:
        obj.unit = successor
        obj.save(update_fields=["unit"])
    moved = Work(obj, work.kind)
    keeps = previous_id is not None and moved.eligible().filter(pk=previous_id).exists()
    previous = User.objects.filter(pk=previous_id).first() if previous_id else None
    if previous_id is not None and not keeps:
        moved.set_holder(None, previous_id)
    to = previous if keeps else None
    _record(moved, kind=kind, previous=previous, to=to, by=by, reason=reason, from_unit=source, to_unit=successor)
    _alert(moved, previous=None, to=to, reason=reason)


def follow_merge(source: Unit, successor: Unit, *, by: User | None = None) -> int:
    """``merge_units``: people first (so they can go on acting), then every open item of ``source``."""
    reason = _("Sáp nhập %(source)s vào %(successor)s.") % {"source": source.name, "successor": successor.name}
    move_people(source, successor)
    works = [work for work in open_work_of(source) if work.kind != "qt07"]  # QT-07 items move with the moderation app
    for work in works:
        move_work(work, successor, kind=Handover.Reason.MERGE, by=by, reason=reason)
    _repoint_open_cases(source, successor)
    return len(works)


def _repoint_open_cases(source: Unit, successor: Unit) -> None:
    """Open cases elsewhere that will come back to ``source`` (it was their agency or origin) come back to the successor."""
    from intranet.cases.models import Case

    Case.objects.open().filter(agency=source).update(agency=successor)
    Case.objects.open().filter(origin=source).update(origin=successor)
