"""People are named family name first ("Tôn Thất Long") on every screen, form and mail."""

import pytest

from intranet.accounts.models import Role, User
from intranet.accounts.names import display_name, format_name, split_name
from intranet.cases.models import Case
from tests.factories import UserFactory
from tests.factories.cases import case_world, person

from ..cases.helpers import HOST, act

pytestmark = pytest.mark.django_db


def test_the_one_formatting_function_puts_the_family_name_first():
    assert format_name("Tôn Thất", "Long") == "Tôn Thất Long"
    assert format_name("  Tôn  Thất ", " Long ") == "Tôn Thất Long"
    assert format_name("", "Long") == "Long"
    assert split_name("Tôn Thất Long") == ("Tôn Thất", "Long")
    assert format_name(*split_name("Nguyễn Thị Minh Khai")) == "Nguyễn Thị Minh Khai"


def test_an_account_is_named_family_name_first_or_by_its_login():
    user = UserFactory.build(username="long", first_name="Long", last_name="Tôn Thất")
    assert user.get_full_name() == "Tôn Thất Long" == display_name(user)
    assert user.get_short_name() == "Long"
    assert display_name(UserFactory.build(username="khach", first_name="", last_name="")) == "khach"
    assert display_name(None) == ""


@pytest.fixture
def world(db):
    return case_world()


@pytest.fixture
def long(world):
    return person(world.ward, Role.SPECIALIST, "long", full_name="Tôn Thất Long")


def test_the_desk_the_case_its_history_and_its_printed_form_name_him_family_name_first(client, world, long):
    client.force_login(long)
    desk = client.get("/ban-lam-viec/", **HOST).content.decode()
    assert "Tôn Thất Long" in desk and "Long Tôn Thất" not in desk

    client.post("/ho-so/su-co-cntt/bao-cao/", {"title": "Máy in hỏng", "body": "Kẹt giấy."}, **HOST)
    case = Case.objects.get(kind="it")
    client.force_login(world.ward_it)
    act(client, case, "classify", extra_category="Phần cứng", extra_severity="Trung bình")
    detail = client.get(f"/ho-so/{case.code}/", **HOST).content.decode()
    assert "Tôn Thất Long" in detail and "Long Tôn Thất" not in detail
    assert case.events.filter(actor=long).values_list("actor_name", flat=True)[0] == "Tôn Thất Long"
    slip = client.get(f"/ho-so/{case.code}/in/phieu-khac-phuc/", **HOST).content.decode()
    assert "Tôn Thất Long" in slip and "Long Tôn Thất" not in slip


def test_the_wagtail_users_listing_names_him_family_name_first(client, world, long):
    admin = User.objects.create_superuser("quantri", "qt@example.gov.vn", "Mat-khau-thu-2026")
    client.force_login(admin)
    listing = client.get("/quan-tri/users/?q=long", **HOST).content.decode()
    assert "Tôn Thất Long" in listing and "Long Tôn Thất" not in listing

