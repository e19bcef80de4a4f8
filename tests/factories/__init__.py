"""All test factories live here, one module per area; import them from ``tests.factories``."""

from .accounts import MembershipFactory, UserFactory
from .directory import PersonFactory
from .units import UnitFactory, province, unit_with_site

__all__ = ["MembershipFactory", "PersonFactory", "UnitFactory", "UserFactory", "province", "unit_with_site"]
