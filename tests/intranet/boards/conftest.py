from types import SimpleNamespace

import pytest

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory, province, unit_with_site
from tests.factories.directory import PersonFactory


@pytest.fixture
def org(db):
    tinh = province()
    snv = unit_with_site(tinh, code="snv", name="Sở Nội vụ")
    sxd = unit_with_site(tinh, code="sxd", name="Sở Xây dựng")
    clerk, outsider, member_user = UserFactory(), UserFactory(), UserFactory()
    grant_role(clerk, snv, Role.UNIT_BOARD)  # the agency board reaches the admin
    grant_role(outsider, sxd, Role.UNIT_BOARD)
    return SimpleNamespace(
        tinh=tinh,
        snv=snv,
        sxd=sxd,
        clerk=clerk,
        outsider=outsider,
        member_user=member_user,
        chair=PersonFactory(unit=tinh, full_name="Nguyễn Văn Phương", position="Chủ tịch UBND tỉnh"),
        deputy=PersonFactory(unit=snv, full_name="Trần Thị Nội Vụ", position="Giám đốc Sở Nội vụ", user=member_user),
        builder=PersonFactory(unit=sxd, full_name="Lê Xây Dựng", position="Phó Giám đốc"),
    )
