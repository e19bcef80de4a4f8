"""The one place that answers "may this user do this, in this unit?".

Views, APIs, search and the admin all ask here; a hidden button is not a
permission. Roles are held per unit (``Membership``); a leader of a unit also
leads its sub-units; a system administrator may do everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet

from intranet.units.models import Unit

from .models import Membership, Role


def _memberships(user) -> list[tuple[int, str, str]]:
    """(unit_id, unit_path, role) for the user's roles, loaded once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_unit_roles", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, unit__status=Unit.Status.ACTIVE).values_list("unit_id", "unit__path", "role")
        )
        user._unit_roles = cached
    return cached


def is_sysadmin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(role == Role.SYSADMIN for _u, _p, role in _memberships(user))


def has_role(user, unit: Unit | None, *roles: str, inherited: bool = False) -> bool:
    """True if the user holds one of ``roles`` in ``unit`` (or, if ``inherited``, in an ancestor)."""
    if unit is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    for unit_id, path, role in _memberships(user):
        if role not in roles:
            continue
        if unit_id == unit.pk or (inherited and unit.path.startswith(path)):
            return True
    return False


def units_with_role(user, *roles: str, inherited: bool = False) -> QuerySet[Unit]:
    """Units where the user holds one of ``roles``; with ``inherited``, their sub-units too."""
    rows = [(unit_id, path) for unit_id, path, role in _memberships(user) if role in roles]
    if not rows:
        return Unit.objects.none()
    if not inherited:
        return Unit.objects.filter(pk__in=[unit_id for unit_id, _p in rows])
    condition = Q()
    for _unit_id, path in rows:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def is_leader_of(user, unit: Unit) -> bool:
    return is_sysadmin(user) or has_role(user, unit, Role.LEADER, inherited=True)


def can_manage_unit(user, unit: Unit) -> bool:
    """Edit the unit's own record and its site (its board, its leaders, the sysadmin)."""
    return is_sysadmin(user) or has_role(user, unit, Role.UNIT_BOARD, Role.LEADER, inherited=True)


def members_with_role(unit: Unit, *roles: Iterable[str]):
    """Users holding one of ``roles`` directly in ``unit``."""
    from .models import User

    return User.objects.filter(memberships__unit=unit, memberships__role__in=roles, is_active=True).distinct()


def nearest_unit_with_role(unit: Unit, role: str) -> Unit | None:
    """``unit`` if someone active holds ``role`` there, else the nearest active unit above it that has one
    (QT-05 and QT-07 B6: a ward without IT staff is served by the IT staff up the tree). One query."""
    from .models import Membership

    paths = [unit.path[:end] for end in range(len(unit.path), 0, -Unit.steplen)]
    holding = set(
        Membership.objects.filter(
            role=role, unit__path__in=paths, unit__status=Unit.Status.ACTIVE, user__is_active=True
        ).values_list("unit__path", flat=True)
    )
    nearest = next((path for path in paths if path in holding), None)
    return Unit.objects.get(path=nearest) if nearest else None


# -- The shared store's channels (issue 5) --------------------------------------------
# App. I rights are django-guardian object permissions on ``directory.UnitDirectory``
# (one per unit, pk = unit id), granted from roles (``intranet.directory.grants``) or
# by delegation. A grant on the province covers the province and its departments and
# districts (the portal board's share); a grant on any other unit covers its sub-units.


def _directory_grants(user) -> list[tuple[str, str, int]]:
    """(codename, unit path, unit depth) for every directory grant the user holds, loaded once per user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_directory_grants", None)
    if cached is not None:
        return cached
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission, UserObjectPermission

    from intranet.directory.models import UnitDirectory

    content_type = ContentType.objects.get_for_model(UnitDirectory)
    rows = list(UserObjectPermission.objects.filter(user=user, content_type=content_type).values_list("object_pk", "permission__codename"))
    rows += list(
        GroupObjectPermission.objects.filter(group__user=user, content_type=content_type).values_list("object_pk", "permission__codename")
    )
    units = {str(pk): (path, depth) for pk, path, depth in Unit.objects.filter(pk__in={int(pk) for pk, _c in rows}).values_list("pk", "path", "depth")}
    cached = [(codename, *units[pk]) for pk, codename in rows if pk in units]
    user._directory_grants = cached
    return cached


def has_directory_grant(user, unit: Unit | None, codename: str) -> bool:
    if unit is None:
        return False
    if is_sysadmin(user):
        return True
    for granted, path, depth in _directory_grants(user):
        if granted != codename or not unit.path.startswith(path):
            continue
        if depth == 1 and unit.depth > 2:
            continue  # the province's grant stops at departments and districts
        return True
    return False


def can_create_unit(user, parent: Unit | None) -> bool:
    """App. I I.2/II.2/III.2: the portal board founds departments and districts; an agency its sub-units."""
    if parent is None:
        return is_sysadmin(user)
    return has_directory_grant(user, parent, "create_subunit")


def can_edit_unit_record(user, unit: Unit) -> bool:
    """App. I I.3/II.3/III.3: the agency's board, or the unit's own head."""
    return has_directory_grant(user, unit, "edit_unit")


def can_manage_people(user, unit: Unit) -> bool:
    """App. I IV.1–2: the agency's board (or the sub-unit it delegated to) creates and edits people."""
    return has_directory_grant(user, unit, "manage_people")


def can_end_service(user, unit: Unit) -> bool:
    """App. I IV.3: transfers, retirements and resignations are done by the agency's board."""
    return has_directory_grant(user, unit, "end_service")


def can_edit_own_contacts(user, person) -> bool:
    """App. I IV.3: every person corrects their own details (guardian grant on their own record)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or person.user_id != user.pk:
        return False
    from guardian.core import ObjectPermissionChecker

    return ObjectPermissionChecker(user).has_perm("change_person", person)


def can_manage_boards(user, unit: Unit) -> bool:
    """App. II: the standing agency's board, leaders and specialists enter its steering boards."""
    return (
        is_sysadmin(user)
        or has_role(user, unit, Role.UNIT_BOARD, Role.LEADER, inherited=True)
        or has_role(user, unit, Role.SPECIALIST, Role.OFFICE_SPECIALIST, Role.PORTAL_BOARD)
    )


def can_add_speech(user, unit: Unit) -> bool:
    """App. III: any officer of the unit adds the articles and speeches they drafted."""
    return is_sysadmin(user) or has_role(user, unit, *Role.values)


def can_edit_speech(user, speech) -> bool:
    return is_sysadmin(user) or speech.owner_id == getattr(user, "pk", None) or can_manage_unit(user, speech.unit)


def can_moderate_consultation(user, unit: Unit) -> bool:
    """Comments on a unit's draft documents are approved by its board or leaders (the sysadmin too)."""
    return can_manage_unit(user, unit)


def units_moderating_consultations(user) -> QuerySet[Unit]:
    if is_sysadmin(user):
        return Unit.objects.all()
    return units_with_role(user, Role.UNIT_BOARD, Role.LEADER, inherited=True)


def units_with_directory_grant(user, codename: str) -> QuerySet[Unit]:
    """The units where ``has_directory_grant`` is true, as one query (admin listings, form choices)."""
    if is_sysadmin(user):
        return Unit.objects.all()
    condition = Q()
    for granted, path, depth in _directory_grants(user):
        if granted == codename:
            condition |= Q(path__startswith=path, depth__lte=2) if depth == 1 else Q(path__startswith=path)
    return Unit.objects.filter(condition) if condition else Unit.objects.none()


# -- Cases (intranet.cases): who sees a case, who may act on its current step --------------------
def case_visibility_filter(user):
    """A Q over ``cases.Case``: the cases ``user`` may see.

    People involved (reporter, holder, overseer, handlers, anyone who acted),
    those who hold the current step's role in the acting unit, and leaders of
    every unit the case passed through (a leader also leads its sub-units).
    Costs at most the one membership query; the rest are subqueries.
    """
    from django.db.models import Exists, OuterRef

    from intranet.cases.models import CaseParticipant, CaseUnit

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if is_sysadmin(user):
        return Q()
    led = units_with_role(user, Role.LEADER, inherited=True)
    return (
        Q(holder=user)
        | Q(overseer=user)
        | Q(reporter=user)
        | Q(main_handler=user)
        | Exists(CaseParticipant.objects.filter(case=OuterRef("pk"), user=user))
        | Exists(CaseUnit.objects.filter(case=OuterRef("pk"), unit__in=led))
        | case_actionable_filter(user)
    )


def case_actionable_filter(user):
    """A Q over ``cases.Case``: open cases whose current step ``user`` may act on now."""
    from intranet.cases.kinds import all_kinds

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    condition = Q(holder=user, closed_at__isnull=True)
    # During a delegation: the steps of the delegated role in its unit, in the queue or held by the delegator.
    for delegation in delegations_to(user):
        steps = Q(pk__in=[])
        for kind in all_kinds():
            codes = [step.code for step in kind.steps if delegation.role in step.roles and not step.closed]
            if codes:
                steps |= Q(kind=kind.code, step__in=codes)
        condition |= Q(closed_at__isnull=True, unit_id=delegation.unit_id) & (Q(holder__isnull=True) | Q(holder_id=delegation.delegator_id)) & steps
    held = {role for _u, _p, role in _memberships(user)}
    for role in held:
        steps = Q(pk__in=[])
        for kind in all_kinds():
            codes = [step.code for step in kind.steps if role in step.roles and not step.closed]
            if codes:
                steps |= Q(kind=kind.code, step__in=codes)
        condition |= Q(holder__isnull=True, closed_at__isnull=True, unit__in=units_with_role(user, role)) & steps
    return condition


def can_see_case(user, case) -> bool:
    from intranet.cases.models import Case

    return Case.objects.filter(case_visibility_filter(user), pk=case.pk).exists()


def can_approve_it_plan(user, unit: Unit) -> bool:
    """QT-05 B5: the chair (the head leader of the unit) or a vice-chair the chair authorised
    (a leader of the unit holding ``cases.approve_it_plan``)."""
    if not has_role(user, unit, Role.LEADER):
        return False
    is_chair = Membership.objects.filter(user=user, unit=unit, role=Role.LEADER, is_head=True).exists()
    return is_chair or user.has_perm("cases.approve_it_plan")


def can_log_it_incident_for(user, reporter) -> bool:
    """QT-05 B1 by phone or in person: IT staff of the unit that takes ``reporter``'s incidents log it for them."""
    from intranet.cases.services import it_unit_for

    if reporter is None or not getattr(reporter, "is_active", False) or reporter == user:
        return False
    unit = it_unit_for(reporter)
    return unit is not None and has_role(user, unit, Role.IT_STAFF)


def it_reporters_for(user):
    """The officers whose incidents ``user`` may log (members of the units under those where they are IT staff)."""
    from intranet.accounts.models import User

    served = units_with_role(user, Role.IT_STAFF)
    if not served.exists():
        return User.objects.none()
    paths = Q()
    for path in served.values_list("path", flat=True):
        paths |= Q(memberships__unit__path__startswith=path)
    return User.objects.filter(paths, is_active=True, memberships__unit__status=Unit.Status.ACTIVE).exclude(pk=user.pk).distinct()


# Further checks a case step may name (``Step.permission``), each (user, case) -> bool.
def can_escalate_voter_opinion(user, case) -> bool:
    """App. VI II.2.a, III.2.a: moving an opinion up a level is directed by that level's leader
    (a leader of the unit where it was entered, or of its office among its sub-units)."""
    from intranet.cases.services.actions import level_of

    origin = case.origin
    if origin is None:
        return False
    if has_role(user, origin, Role.LEADER) or has_role(user, level_of(origin), Role.LEADER):
        return True  # the office's leader (district: "Lãnh đạo Văn phòng"), or the level's own (commune: its chair)
    return Membership.objects.filter(
        user=user, role=Role.LEADER, unit__path__startswith=origin.path, unit__depth=origin.depth + 1,
        unit__memberships__role=Role.OFFICE_SPECIALIST,
    ).exists()


STEP_CHECKS = {
    "approve_it_plan": lambda user, case: can_approve_it_plan(user, case.unit),
    "escalate_voter_opinion": can_escalate_voter_opinion,
}


def can_act_on_case(user, case) -> bool:
    """The current step's role, held directly in the acting unit; the named holder only, if there is one.

    Or, during a delegation (``intranet.cover``), on behalf of a leader who could act: see ``acting_for``.
    """
    return acts_in_own_right(user, case) or acting_for(user, case) is not None


def acts_in_own_right(user, case) -> bool:
    if case.closed_at is not None or case.unit_id is None:
        return False
    check = case.step_def.permission
    if check and not STEP_CHECKS[check](user, case):
        return False
    if case.holder_id is not None:
        return case.holder_id == user.pk and has_role(user, case.unit, *case.step_def.roles)
    return has_role(user, case.unit, *case.step_def.roles)


def can_decide_extension(user, case) -> bool:
    """A leader of the acting unit (or above) approves a longer deadline."""
    return case.unit is not None and has_role(user, case.unit, Role.LEADER, inherited=True)


def can_post_press_digest(user, province: Unit) -> bool:
    return is_sysadmin(user) or has_role(user, province, Role.PORTAL_BOARD)


def can_pick_press_items(user, province: Unit, office: Unit | None) -> bool:
    """App. IV 2.a: province leaders and the province office's leaders pick items that need action."""
    return has_role(user, province, Role.LEADER) or (office is not None and has_role(user, office, Role.LEADER))


def portal_board_leaders(province: Unit | None, office: Unit | None):
    """App. IV: the portal board's leader (Trưởng Ban biên tập): a portal-board member marked as head,
    otherwise the leaders of the province office that runs the portal."""
    from .models import User

    if province is not None:
        heads = User.objects.filter(memberships__unit=province, memberships__role=Role.PORTAL_BOARD, memberships__is_head=True,
                                    is_active=True).distinct()
        if heads.exists():
            return heads
    return members_with_role(office, Role.LEADER) if office is not None else User.objects.none()


def units_entering_voter_opinions(user) -> QuerySet[Unit]:
    """App. VI 1: the office staff (and leaders) of a level enter their council's summary."""
    return units_with_role(user, Role.OFFICE_SPECIALIST, Role.SPECIALIST, Role.LEADER)


def units_on_dashboard(user) -> QuerySet[Unit]:
    """Leaders see their unit and its sub-units; the sysadmin sees every unit."""
    if is_sysadmin(user):
        return Unit.objects.all()
    return units_with_role(user, Role.LEADER, inherited=True)


# -- work programs and reports (App. VII) -------------------------------------------------
def can_report_for_unit(user, unit: Unit) -> bool:
    """Register the unit's work program and report its results (its leaders and specialists)."""
    return is_sysadmin(user) or has_role(user, unit, Role.SPECIALIST) or is_leader_of(user, unit)


def is_province_office(user) -> bool:
    """App. VII.I.2: the province office aggregates programs and reports (its specialists, the province's leaders).

    Only the specialists of the province's own office (``CASES_OFFICE_CODE``): a commune's or a
    district's office clerk holds the same role for voter opinions, not for the province's programme."""
    if is_sysadmin(user):
        return True
    memberships = _memberships(user)
    if any(role == Role.LEADER and len(path) == Unit.steplen for _unit_id, path, role in memberships):
        return True
    office_units = [unit_id for unit_id, _path, role in memberships if role == Role.OFFICE_SPECIALIST]
    return bool(office_units) and Unit.objects.filter(pk__in=office_units, code=settings.CASES_OFFICE_CODE).exists()


# Issue 14: the sites' visit statistics, for their editorial boards and leaders (sub-units included).
VISIT_ROLES = (Role.PORTAL_BOARD, Role.UNIT_BOARD, Role.LEADER)


def units_seeing_visits(user) -> QuerySet[Unit]:
    units = Unit.objects.all() if is_sysadmin(user) else units_with_role(user, *VISIT_ROLES, inherited=True)
    return units.with_site()


def can_see_visits(user, unit: Unit) -> bool:
    return is_sysadmin(user) or has_role(user, unit, *VISIT_ROLES, inherited=True)


# QT-07 4: contributors, the culture officer, the unit's board and its leaders register planned items.
POSTING_PLAN_ROLES = (Role.CONTRIBUTOR, Role.CULTURE_OFFICER, Role.UNIT_BOARD, Role.LEADER, Role.SPECIALIST)


def can_register_posting_plan(user, unit: Unit) -> bool:
    return is_sysadmin(user) or has_role(user, unit, *POSTING_PLAN_ROLES)


def units_registering_posting_plans(user) -> QuerySet[Unit]:
    return Unit.objects.with_site() if is_sysadmin(user) else units_with_role(user, *POSTING_PLAN_ROLES)


def can_issue_province_program(user) -> bool:
    """App. VII.I.2: the office drafts and submits ("trình UBND tỉnh ban hành"); a province leader issues."""
    return is_sysadmin(user) or any(role == Role.LEADER and len(path) == Unit.steplen for _unit_id, path, role in _memberships(user))


def has_any_directory_grant(user, codename: str) -> bool:
    """Whether the user holds ``codename`` anywhere (admin menus and buttons; no query once loaded)."""
    return is_sysadmin(user) or any(granted == codename for granted, _p, _d in _directory_grants(user))


def holds_any_role(user, *roles: str) -> bool:
    """Whether the user holds one of ``roles`` in any unit (no query once the roles are loaded)."""
    return any(role in roles for _u, _p, role in _memberships(user))


# -- the Wagtail admin's pages outside the explorer (issue 16) ------------------------------
def pages_with_drafts_visible_to(user):
    """Pages whose drafts and titles the user may see in choosers and confirm pages: those of
    the units whose site they edit (their role's editors group), every page for the sysadmin."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    if is_sysadmin(user):
        return Page.objects.all()
    return policy_registry.get_by_type(Page).instances_user_has_any_permission_for(user, ["add", "change", "publish"])


def may_see_page_in_admin(user, page) -> bool:
    """A live page is public; a draft (or a state secret, never live) only to its own unit's editors."""
    return page.live or pages_with_drafts_visible_to(user).filter(pk=page.pk).exists()


# -- Personal data (birth date, home address, mobile, civil-servant code, ID photo) -------------
def personal_data_scope(user) -> tuple[bool, tuple[str, ...]]:
    """(everywhere, unit path prefixes) where ``user`` may read people's personal data.

    The unit's directory board (``manage_people``, its sub-units included) and its heads
    (leaders, inherited); the province's directory administrators and system administrators
    everywhere. Loaded once per user object; the person themselves is checked separately.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, ()
    if is_sysadmin(user):
        return True, ()
    paths = [path for granted, path, _depth in _directory_grants(user) if granted == "manage_people"]
    if any(depth == 1 for granted, _path, depth in _directory_grants(user) if granted == "manage_people"):
        return True, ()
    paths += [path for _unit_id, path, role in _memberships(user) if role == Role.LEADER]
    return False, tuple(paths)


# -- work follows people (issue 17): reassign, delegate, cover ------------------------------------
def can_reassign_work(user, unit: Unit | None) -> bool:
    """A leader of the acting unit (or of a unit above it), or a system administrator, hands its open work on."""
    if unit is None:
        return False
    return is_sysadmin(user) or (unit.is_active and has_role(user, unit, Role.LEADER, inherited=True))


def delegations_to(user, on=None) -> list:
    """Delegations in force today (or ``on``) with ``user`` as the delegate, from active leaders of active units.

    Loaded once per user object and day (one query; none for a user who never received one is not
    promised: the query runs once)."""
    import datetime as dt

    from django.utils import timezone

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    on = on or timezone.localdate()
    if isinstance(on, dt.datetime):
        on = timezone.localtime(on).date()
    cached = getattr(user, "_delegations", None)
    if cached is None or cached[0] != on:
        from intranet.cover.models import Delegation

        rows = list(
            Delegation.objects.current(on)
            .filter(delegate=user, delegator__is_active=True, unit__status=Unit.Status.ACTIVE)
            .select_related("delegator", "unit")
        )
        cached = (on, rows)
        user._delegations = cached
    return cached[1]


def acting_for(user, case, on=None):
    """The leader on whose behalf ``user`` may act on the case's current step now, or None.

    A delegation of a role in the acting unit lets the delegate do exactly what the delegator could
    do there in that role: the step must require it, and the delegator must pass every check of the
    step themselves (the named holder, QT-05 B5's chair…). Outside the period: None."""
    if case.closed_at is not None or case.unit_id is None:
        return None
    roles = case.step_def.roles
    for delegation in delegations_to(user, on):
        if delegation.unit_id != case.unit_id or delegation.role not in roles or delegation.delegator_id == user.pk:
            continue
        if acts_in_own_right(delegation.delegator, case):
            return delegation.delegator
    return None


def can_delegate(user, unit: Unit, role: str) -> bool:
    """A leader of the unit delegates a role they hold there themselves (App. V 2.a, QT-05 B5)."""
    return has_role(user, unit, role) and has_role(user, unit, Role.LEADER)


def units_delegating(user) -> QuerySet[Unit]:
    """Units where the user is a leader and so may delegate."""
    return units_with_role(user, Role.LEADER).filter(status=Unit.Status.ACTIVE)


def delegate_candidates(unit: Unit):
    """Who may receive a delegation in ``unit``: its active people; for the province office also the
    portal board (App. V 2.a: the office leader assigns questions "hoặc ủy quyền cho Cổng TTĐT")."""
    from django.conf import settings

    from .models import User

    condition = Q(memberships__unit=unit)
    if unit.code == settings.CASES_OFFICE_CODE and unit.depth > 1:
        condition |= Q(memberships__unit__path=unit.path[: -Unit.steplen], memberships__role=Role.PORTAL_BOARD)
    return User.objects.filter(condition, is_active=True).distinct()


def can_end_delegation(user, delegation) -> bool:
    return is_sysadmin(user) or delegation.delegator_id == getattr(user, "pk", None) or is_leader_of(user, delegation.unit)


def units_recording_leave(user) -> QuerySet[Unit]:
    """Where the user may record leave: units they belong to (their own leave) and units they lead."""
    if is_sysadmin(user):
        return Unit.objects.filter(status=Unit.Status.ACTIVE)
    own = [unit_id for unit_id, _p, _r in _memberships(user)]
    return (Unit.objects.filter(pk__in=own) | units_with_role(user, Role.LEADER, inherited=True)).filter(status=Unit.Status.ACTIVE).distinct()


def can_record_leave(user, person, unit: Unit) -> bool:
    """An officer records their own leave; a leader of the unit (or the sysadmin) records anyone's there."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_sysadmin(user) or is_leader_of(user, unit):
        return True
    return person.pk == user.pk and any(unit_id == unit.pk for unit_id, _p, _r in _memberships(user))


def can_end_leave(user, leave) -> bool:
    return can_record_leave(user, leave.person, leave.unit) or leave.created_by_id == getattr(user, "pk", None)


DUPLICATE_KINDS = ("question",)  # HCMC Art. 12 for citizens' questions (App. V)


def can_link_duplicate(user, case) -> bool:
    """Whoever may act on an open citizen question's current step links it to another as a duplicate."""
    return case.kind in DUPLICATE_KINDS and case.waiting_since is None and can_act_on_case(user, case)


# -- grading officers (Khánh Hòa Art. 9.2.d) -------------------------------------------------
def can_grade_unit(user, unit: Unit) -> bool:
    """The per-officer table, its lists and its XLSX: the unit's leaders (and theirs), the sysadmin."""
    return is_leader_of(user, unit)


def can_see_evaluation(user, officer) -> bool:
    """An officer's evaluation sheet: the officer themself, a leader of a unit they belong to, the sysadmin."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.pk == officer.pk or is_sysadmin(user):
        return True
    paths = [path for _u, path, role in _memberships(user) if role == Role.LEADER]
    if not paths:
        return False
    condition = Q()
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return Membership.objects.filter(condition, user=officer).exists()


def evaluation_units_shown(user, officer) -> set[int] | None:
    """Units whose items an evaluation sheet may name to ``user``: None means all (the officer, the sysadmin).

    A leader sees every count of the officer's work, wherever it was done, but the titles of items
    only in the units they lead: another unit's internal case is not theirs to read."""
    if user.pk == officer.pk or is_sysadmin(user):
        return None
    return set(units_with_role(user, Role.LEADER, inherited=True).values_list("pk", flat=True))

