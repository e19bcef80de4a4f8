"""/api/v1/store/: paginated, filterable, with provenance; anonymous callers get public fields only."""

import datetime as dt

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


def test_officers_get_the_whole_record(client, stp, delivered):
    delivered(PersonFactory, unit=stp)
    officer = UserFactory()
    grant_role(officer, stp, Role.SPECIALIST)
    client.force_login(officer)
    assert _people(client)["results"][0]["data"]["birth_date"] == "1985-06-15"


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
    delivered(stp.save)
    units = client.get(reverse("store:channel", args=["units"])).json()
    assert "stp" in [r["data"]["code"] for r in units["results"]]
    for channel in ("boards", "speeches"):
        assert client.get(reverse("store:channel", args=[channel])).json()["count"] == 0
