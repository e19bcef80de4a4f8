from types import SimpleNamespace

import pytest

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory, province, unit_with_site


@pytest.fixture
def org(db):
    tinh = province()
    stp = unit_with_site(tinh, code="stp", name="Sở Tư pháp")
    sxd = unit_with_site(tinh, code="sxd", name="Sở Xây dựng")
    officer = UserFactory()
    grant_role(officer, stp, Role.SPECIALIST)
    return SimpleNamespace(tinh=tinh, stp=stp, sxd=sxd, officer=officer)
