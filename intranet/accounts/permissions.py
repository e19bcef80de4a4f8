"""The one place that answers "may this user do this, in this unit?".

Views, APIs, search and the admin all ask here; a hidden button is not a
permission. Roles are held per unit (``Membership``); a leader of a unit also
leads its sub-units; a system administrator may do everything.
"""

from __future__ import annotations

from collections.abc import Iterable

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


# -- work programs and reports (App. VII) -------------------------------------------------
def can_report_for_unit(user, unit: Unit) -> bool:
    """Register the unit's work program and report its results (its leaders and specialists)."""
    return is_sysadmin(user) or has_role(user, unit, Role.SPECIALIST) or is_leader_of(user, unit)


def is_province_office(user) -> bool:
    """App. VII.I.2: the province office aggregates programs and reports (its specialists, the province's leaders)."""
    if is_sysadmin(user):
        return True
    return any(
        role == Role.OFFICE_SPECIALIST or (role == Role.LEADER and len(path) == Unit.steplen)
        for _unit_id, path, role in _memberships(user)
    )
