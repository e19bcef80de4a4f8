from types import SimpleNamespace

import pytest

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory, province, unit_with_site
from tests.factories.directory import PersonFactory
from tests.factories.units import UnitFactory


@pytest.fixture
def org(db):
    """A province with two departments; the Justice department has an office below it."""
    tinh = province()
    stp = unit_with_site(tinh, code="stp", name="Sở Tư pháp", name_en="Department of Justice")
    sxd = unit_with_site(tinh, code="sxd", name="Sở Xây dựng")
    office = UnitFactory(parent=stp, code="stp-vp", name="Văn phòng Sở Tư pháp", kind="office", has_site=False)
    people = SimpleNamespace(
        portal_board=UserFactory(), stp_board=UserFactory(), stp_head=UserFactory(), sxd_board=UserFactory(), specialist=UserFactory()
    )
    grant_role(people.portal_board, tinh, Role.PORTAL_BOARD)
    grant_role(people.stp_board, stp, Role.UNIT_BOARD)
    grant_role(people.stp_head, stp, Role.LEADER, is_head=True)
    grant_role(people.sxd_board, sxd, Role.UNIT_BOARD)
    grant_role(people.specialist, stp, Role.SPECIALIST)
    return SimpleNamespace(
        tinh=tinh,
        stp=stp,
        sxd=sxd,
        office=office,
        users=people,
        clerk=PersonFactory(unit=office, full_name="Lê Thị Văn Thư", position="Văn thư", position_en="Clerk", user=people.specialist),
        builder=PersonFactory(unit=sxd, full_name="Phạm Văn Xây", position="Chuyên viên"),
    )
