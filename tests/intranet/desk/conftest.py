import pytest

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import PersonFactory, UserFactory, province, unit_with_site


@pytest.fixture
def tree(db):
    """The province, two wards, an officer in each ward (with their directory record) and a province leader."""
    top = province()
    phuxuan = unit_with_site(top, code="phuxuan", name="UBND phường Phú Xuân")
    thuanhoa = unit_with_site(top, code="thuanhoa", name="UBND phường Thuận Hóa")
    officer = UserFactory(username="lan_phuxuan")
    grant_role(officer, phuxuan, Role.SPECIALIST)
    PersonFactory(unit=phuxuan, user=officer, full_name="Nguyễn Thị Lan", birth_date=None)
    other = UserFactory(username="hoa_thuanhoa")
    grant_role(other, thuanhoa, Role.SPECIALIST)
    PersonFactory(unit=thuanhoa, user=other, full_name="Lê Thị Hoa", birth_date=None)
    chair = UserFactory(username="chutich")
    grant_role(chair, top, Role.LEADER, is_head=True)
    PersonFactory(unit=top, user=chair, full_name="Nguyễn Văn Phương", position="Chủ tịch UBND", birth_date=None)
    return type("Tree", (), {"province": top, "phuxuan": phuxuan, "thuanhoa": thuanhoa, "officer": officer, "other": other, "chair": chair})
