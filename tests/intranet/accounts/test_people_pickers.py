"""People pickers show full name (family first), position and unit, and carry the search filter."""

import pytest

from intranet.accounts.models import Role, User
from intranet.accounts.services import grant_role
from intranet.cases.forms import ActionForm
from intranet.cases.kinds import get_kind
from intranet.handover.forms import ReassignForm
from tests.factories.accounts import UserFactory
from tests.factories.units import UnitFactory, province

pytestmark = pytest.mark.django_db
LABEL = "Tôn Thất Long – Chuyên viên – UBND phường Phú Xuân"


@pytest.fixture
def people(db):
    ward = UnitFactory(parent=province(), code="phuxuan", name="UBND phường Phú Xuân", short_name="")
    for n, (family, given) in enumerate([("Tôn Thất", "Long"), ("Nguyễn Thị", "Lan"), ("Lê Văn", "Hùng")]):
        grant_role(UserFactory(username=f"picker{n}", last_name=family, first_name=given), ward, Role.SPECIALIST)
    return User.objects.filter(username__startswith="picker")


def test_the_reassign_picker_names_person_position_and_unit_and_can_be_filtered(people, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        html = ReassignForm(people=people).as_p()
    assert f">{LABEL}</option>" in html
    assert "data-person-filter" in html
    assert "picker0" not in html  # never the login name


def test_the_case_assignment_picker_names_person_position_and_unit(people):
    action = next(a for kind in ("question",) for step in get_kind(kind).steps for a in step.actions if "holder" in a.params)
    html = ActionForm(action=action, holders=people, coordinators=people).as_p()
    assert f">{LABEL}</option>" in html and "data-person-filter" in html
