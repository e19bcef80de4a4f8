"""/api/v1/store/: paginated, filterable, with provenance; anonymous callers get public fields only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.store.models import StoreRecord
from tests.factories import UserFactory, unit_with_site
from tests.factories.directory import PersonFactory

PRIVATE_KEYS = {"birth_date", "home_address", "civil_servant_code", "mobile_phone"}


def _people(client, **params):
    return client.get(reverse("store:channel", args=["people"]), params).json()


def test_anonymous_callers_get_public_fields_and_provenance_only(client, stp, delivered):
    person = delivered(PersonFactory, unit=stp, full_name="Võ Đức Thắng", mobile_phone="0905 111 222")
    body = _people(client)
    assert body["count"] == 1
    result = body["results"][0]
    assert result["id"] == str(person.store_key)
    assert result["data"]["full_name"] == "Võ Đức Thắng"
    assert not PRIVATE_KEYS & result["data"].keys()
    raw = client.get(reverse("store:channel", args=["people"])).content.decode()
    for value in ("1985-06-15", "12 Lê Lợi", person.civil_servant_code, "0905 111 222"):
        assert value not in raw
    assert result["provenance"]["source_unit"] == "stp" and result["provenance"]["version"] == 1


def _sees_personal(client, user) -> dict[str, bool]:
    """For each person's full name: did ``user`` get their birth date?"""
    client.force_login(user)
    return {r["data"]["full_name"]: "birth_date" in r["data"] for r in _people(client)["results"]}


@pytest.fixture
def two_units(stp, delivered):
    other = unit_with_site(stp.get_parent(), code="sxd", name="Sở Xây dựng")
    delivered(PersonFactory, unit=stp, full_name="Võ Đức Thắng")
    delivered(PersonFactory, unit=other, full_name="Tôn Thất Long")
    return stp, other


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.SPECIALIST, Role.UNIT_BOARD, Role.CULTURE_OFFICER])
def test_other_units_officers_get_the_public_shape_of_people(client, two_units, role):
    stp, other = two_units
    officer = UserFactory()
    grant_role(officer, other, role)
    client.force_login(officer)
    raw = client.get(reverse("store:channel", args=["people"]), {"unit": "stp"}).content.decode()
    assert "Võ Đức Thắng" in raw and not any(f'"{key}"' in raw for key in PRIVATE_KEYS)
    for value in ("1985-06-15", "12 Lê Lợi"):
        assert value not in raw


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.SPECIALIST])
def test_plain_officers_of_the_same_unit_get_the_public_shape_too(client, two_units, role):
    officer = UserFactory()
    grant_role(officer, two_units[0], role)
    assert _sees_personal(client, officer) == {"Võ Đức Thắng": False, "Tôn Thất Long": False}


@pytest.mark.parametrize("role", [Role.UNIT_BOARD, Role.LEADER])
def test_the_units_directory_board_and_heads_get_its_people_whole(client, two_units, role):
    officer = UserFactory()
    grant_role(officer, two_units[0], role)
    assert _sees_personal(client, officer) == {"Võ Đức Thắng": True, "Tôn Thất Long": False}
    assert _people(client, unit="stp")["results"][0]["data"]["home_address"] == "12 Lê Lợi, Huế"


def test_the_person_gets_their_own_record_whole(client, two_units, delivered):
    stp, _other = two_units
    officer = UserFactory()
    grant_role(officer, stp, Role.SPECIALIST)
    delivered(PersonFactory, unit=stp, full_name="Lê Thị Hoa", user=officer)
    assert _sees_personal(client, officer) == {"Võ Đức Thắng": False, "Tôn Thất Long": False, "Lê Thị Hoa": True}


def test_the_provinces_directory_administrators_and_sysadmins_get_everyone_whole(client, two_units):
    province_board = UserFactory()
    grant_role(province_board, two_units[0].get_parent(), Role.PORTAL_BOARD)
    assert _sees_personal(client, province_board) == {"Võ Đức Thắng": True, "Tôn Thất Long": True}
    assert _sees_personal(client, UserFactory(is_superuser=True)) == {"Võ Đức Thắng": True, "Tôn Thất Long": True}


def test_entitlement_costs_a_constant_number_of_queries(client, stp, delivered, django_assert_max_num_queries):
    board = UserFactory()
    grant_role(board, stp, Role.UNIT_BOARD)
    client.force_login(board)
    delivered(PersonFactory, unit=stp)
    with django_assert_max_num_queries(20) as few:
        _people(client)
    for _ in range(10):
        delivered(PersonFactory, unit=unit_with_site(stp.get_parent(), code=f"u{_}", name=f"Sở {_}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _people(client)["count"] == 11


def test_filter_by_unit_and_changed_since_and_paginate(client, stp, delivered):
    other = unit_with_site(stp.get_parent(), code="sxd", name="Sở Xây dựng")
    for _ in range(3):
        delivered(PersonFactory, unit=stp)
    delivered(PersonFactory, unit=other)
    assert _people(client, unit="sxd")["count"] == 1
    page = _people(client, unit="stp", page_size=2)
    assert (page["count"], len(page["results"])) == (3, 2) and page["next"]
    later = timezone.now() + dt.timedelta(minutes=1)
    StoreRecord.objects.filter(unit_code="sxd").update(received_at=later + dt.timedelta(seconds=1))
    assert _people(client, changed_since=later.isoformat())["count"] == 1


def test_changed_since_with_any_iso_offset_is_read_as_that_moment(client, stp, delivered):
    # ISO 8601 allows offsets PostgreSQL refuses (beyond ±15:59); the API reads them as the moment they name.
    delivered(PersonFactory, unit=stp)
    assert _people(client, changed_since="2000-01-01T00:00:00-16:01")["count"] == 1
    assert _people(client, changed_since="2999-01-01T00:00:00+18:00")["count"] == 0
    assert client.get(reverse("store:channel", args=["people"]), {"changed_since": "9999-12-31T23:59:00-16:00"}).status_code == 400


def test_changed_since_reports_deletions(client, stp, delivered):
    person = delivered(PersonFactory, unit=stp)
    moment = timezone.now() - dt.timedelta(seconds=1)
    delivered(person.delete)
    assert _people(client)["count"] == 0
    deleted = _people(client, changed_since=moment.isoformat())["results"]
    assert [(r["id"], r["deleted"]) for r in deleted] == [(str(person.store_key), True)]


def test_bad_parameters_get_a_clear_vietnamese_error(client, stp):
    response = client.get(reverse("store:channel", args=["people"]), {"changed_since": "hôm qua"})
    assert response.status_code == 400 and "changed_since" in response.json()["error"]
    assert client.get(reverse("store:channel", args=["khong-co"])).status_code == 404


def test_the_api_keeps_a_constant_number_of_queries(client, stp, delivered, django_assert_max_num_queries):
    for _ in range(2):
        delivered(PersonFactory, unit=stp)
    with django_assert_max_num_queries(6) as few:
        _people(client)
    for _ in range(25):
        delivered(PersonFactory, unit=stp)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _people(client)["count"] == 27


def test_units_boards_and_speeches_channels_answer(client, stp, delivered):
    stp.phone = "0234 3821 111"
    delivered(stp.save)
    units = client.get(reverse("store:channel", args=["units"])).json()
    assert "stp" in [r["data"]["code"] for r in units["results"]]
    for channel in ("boards", "speeches"):
        assert client.get(reverse("store:channel", args=[channel])).json()["count"] == 0


def test_the_store_copy_shows_its_provenance_in_the_admin(admin_client, stp, delivered):
    editor = UserFactory(first_name="Hạnh", last_name="Dương Thị")
    person = PersonFactory.build(unit=stp)
    person._changed_by = editor
    delivered(person.save)
    record = StoreRecord.objects.get(record_id=str(person.store_key))
    page = admin_client.get(reverse("store_records:inspect", args=[record.pk])).content.decode()
    assert "Dương Thị Hạnh" in page and "stp" in page


def test_people_outside_the_store_admin_cannot_open_it(client, stp):
    officer = UserFactory()
    grant_role(officer, stp, Role.UNIT_BOARD)
    client.force_login(officer)
    response = client.get(reverse("store_records:index"))
    assert response.status_code == 302 and "/dang-nhap/" not in response.url
