"""Who may edit what in the directory (App. I), as django-guardian object permissions.

Roles give grants through two groups per unit, kept in step with ``Membership``:
the unit's board ("Quản trị danh bạ") holds every directory right over the unit,
its head ("Thủ trưởng") may edit the unit's own record. An agency board may also
delegate the people of a sub-unit to someone there (a user-level grant).
The questions themselves are asked in ``intranet.accounts.permissions``.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from intranet.accounts import permissions
from intranet.accounts.models import Membership, Role
from intranet.units.models import Unit

from .models import Person, UnitDirectory

BOARD_PERMISSIONS = ("create_subunit", "edit_unit", "manage_people", "end_service")
HEAD_PERMISSIONS = ("edit_unit",)
DELEGATED_PERMISSIONS = ("create_subunit", "manage_people")
BOARD_ROLES = {Role.UNIT_BOARD, Role.PORTAL_BOARD}


class DelegationRefused(Exception):
    pass


def _group(unit: Unit, suffix: str, codenames: tuple[str, ...]) -> Group:
    directory, _created = UnitDirectory.objects.get_or_create(unit=unit)
    group, created = Group.objects.get_or_create(name=f"{unit.code}: {suffix}")
    if created:
        # They keep the directory in the Wagtail admin, so they need to reach it.
        group.permissions.add(_admin_access())
        for codename in codenames:
            assign_perm(f"directory.{codename}", group, directory)
    return group


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def delegates_group() -> Group:
    group, created = Group.objects.get_or_create(name="Cập nhật danh bạ (được phân quyền)")
    if created:
        group.permissions.add(_admin_access())
    return group


BOARD_GROUP, HEAD_GROUP = "Quản trị danh bạ", "Thủ trưởng đơn vị"


def board_group(unit: Unit) -> Group:
    return _group(unit, BOARD_GROUP, BOARD_PERMISSIONS)


def sync_membership_grants(user, unit: Unit) -> None:
    """Put the user in, or take them out of, the unit's directory groups according to their roles there."""
    roles = list(Membership.objects.filter(user=user, unit=unit).values_list("role", "is_head"))
    is_board = any(role in BOARD_ROLES for role, _h in roles)
    is_head = any(role == Role.LEADER and head for role, head in roles)
    for wanted, suffix, codenames in ((is_board, BOARD_GROUP, BOARD_PERMISSIONS), (is_head, HEAD_GROUP, HEAD_PERMISSIONS)):
        if wanted:
            user.groups.add(_group(unit, suffix, codenames))
            continue
        group = Group.objects.filter(name=f"{unit.code}: {suffix}").first()
        if group is not None:
            user.groups.remove(group)
    user.__dict__.pop("_directory_grants", None)


@transaction.atomic
def delegate_people(sub_unit: Unit, *, to, by) -> None:
    """App. I IV.1: an agency's board lets someone in a sub-unit keep that sub-unit's people."""
    parent = sub_unit.get_parent()
    if parent is None or not permissions.can_manage_people(by, parent):
        raise DelegationRefused("Bạn không có quyền phân quyền cập nhật danh bạ cho đơn vị này.")
    directory, _created = UnitDirectory.objects.get_or_create(unit=sub_unit)
    for codename in DELEGATED_PERMISSIONS:
        assign_perm(f"directory.{codename}", to, directory)
    to.groups.add(delegates_group())
    to.__dict__.pop("_directory_grants", None)


@transaction.atomic
def withdraw_delegation(sub_unit: Unit, *, user) -> None:
    directory = UnitDirectory.objects.filter(unit=sub_unit).first()
    if directory is not None:
        for codename in DELEGATED_PERMISSIONS:
            remove_perm(f"directory.{codename}", user, directory)
    user.__dict__.pop("_directory_grants", None)


def grant_own_record(person: Person) -> None:
    """Every person edits their own contact details (App. I IV.3)."""
    if person.user_id:
        assign_perm("directory.change_person", person.user, person)
