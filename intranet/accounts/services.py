"""Giving people roles in units, and the site permissions that come with them."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from intranet.units.models import Unit
from intranet.units.services import editors_group_name

from .models import Membership, Role, User

# Roles that edit the unit's site in the Wagtail admin.
SITE_EDITING_ROLES = {Role.UNIT_BOARD, Role.PORTAL_BOARD, Role.IT_STAFF, Role.CULTURE_OFFICER}


@transaction.atomic
def grant_role(user: User, unit: Unit, role: str, *, is_head: bool = False, field: str = "") -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, unit=unit, role=role, defaults={"is_head": is_head, "field": field}
    )
    if role in SITE_EDITING_ROLES:
        group = Group.objects.filter(name=editors_group_name(unit)).first()
        if group is not None:
            user.groups.add(group)
    if role == Role.SYSADMIN and not user.is_superuser:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    user.__dict__.pop("_unit_roles", None)
    return membership


@transaction.atomic
def revoke_role(user: User, unit: Unit, role: str) -> None:
    Membership.objects.filter(user=user, unit=unit, role=role).delete()
    still_edits = Membership.objects.filter(user=user, unit=unit, role__in=SITE_EDITING_ROLES).exists()
    if not still_edits:
        group = Group.objects.filter(name=editors_group_name(unit)).first()
        if group is not None:
            user.groups.remove(group)
