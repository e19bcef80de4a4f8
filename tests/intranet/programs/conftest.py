import pytest

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from tests.factories import UserFactory, province, unit_with_site

PEOPLE = [
    ("cv_vp", "vpubnd", Role.OFFICE_SPECIALIST, "Hồ Thị", "Tổng Hợp"),
    ("cv_stp", "stp", Role.SPECIALIST, "Đặng Ngọc", "Soạn"),
    ("cv2_stp", "stp", Role.SPECIALIST, "Bùi Minh", "Đồng Nghiệp"),
    ("cv_syt", "syt", Role.SPECIALIST, "Trần Văn", "Y Tế"),
    ("gd_stp", "stp", Role.LEADER, "Võ Đức", "Giám Đốc"),
]


@pytest.fixture
def org(db):
    """The province with its office and two departments; an officer per role App. VII needs, and the chair."""
    top = province()
    units = {code: unit_with_site(top, code=code, name=name) for code, name in
             [("vpubnd", "Văn phòng UBND tỉnh"), ("stp", "Sở Tư pháp"), ("syt", "Sở Y tế")]}
    people = {}
    for username, code, role, last, first in PEOPLE:
        people[username] = UserFactory(username=username, last_name=last, first_name=first)
        grant_role(people[username], units[code], role)
    people["chutich"] = UserFactory(username="chutich", last_name="Nguyễn Văn", first_name="Chủ Tịch")
    grant_role(people["chutich"], top, Role.LEADER)
    return type("Org", (), {"units": units, "province": top, **people})
