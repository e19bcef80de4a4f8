"""The store API is a documented contract (issue 16.7): an OpenAPI 3 schema generated from the views,
and schemathesis walking it anonymously and as officers — no 500, every answer matches the schema, and
no one unentitled gets a personal field."""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.boards.services import publish_to_store as publish_board
from intranet.directory.services import end_service
from intranet.speeches.services import publish_to_store as publish_speech
from intranet.store.channels import CHANNELS
from tests.factories import UserFactory, unit_with_site
from tests.factories.boards import BoardFactory, SpeechFactory
from tests.factories.directory import PersonFactory

PERSONAL = set(CHANNELS["people"].personal_fields)


def test_the_schema_is_served_to_anyone_and_describes_every_channel(client):
    response = client.get(reverse("store:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {f"/api/v1/store/{name}/" for name in CHANNELS} | {"/api/v1/store/receive/"}
    people = schema["paths"]["/api/v1/store/people/"]["get"]
    assert {p["name"] for p in people["parameters"]} == {"unit", "changed_since", "page", "page_size"}
    data = people["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["results"]["items"]["properties"]["data"]
    public, whole = data["anyOf"]
    assert public["additionalProperties"] is False and not PERSONAL & public["properties"].keys()
    assert PERSONAL <= whole["properties"].keys()
    assert "storeToken" in schema["components"]["securitySchemes"]


@pytest.fixture
def store_full(stp, delivered):
    """Every channel holds records, deleted ones included, with personal data in them."""
    other = unit_with_site(stp.get_parent(), code="sxd", name="Sở Xây dựng")
    for unit, name in ((stp, "Võ Đức Thắng"), (other, "Tôn Thất Long")):
        delivered(PersonFactory, unit=unit, full_name=name, mobile_phone="0905 111 222")
    leaving = delivered(PersonFactory, unit=stp, full_name="Lê Văn Tám")
    delivered(end_service, leaving, status="retired", event_date=dt.date(2026, 11, 30), by=UserFactory(is_superuser=True))
    delivered(publish_board, BoardFactory(standing_unit=stp))
    delivered(publish_speech, SpeechFactory(unit=other))
    return stp, other


@pytest.fixture
def store_api(store_full):
    """The WSGI application as gunicorn runs it, except that, as in Django's test client, a request
    does not close the database connection the test's transaction lives on."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _session_cookie(client, user) -> dict:
    client.force_login(user)
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


def _personal_fields_in(response) -> set:
    if not response.headers.get("Content-Type", [""])[0].startswith("application/json"):
        return set()
    body = response.json()
    if not isinstance(body, dict) or "results" not in body:
        return set()
    return {key for record in body["results"] if record["channel"] == "people" for key in PERSONAL & record["data"].keys()}


api = schemathesis.pytest.from_fixture("store_api")
EXAMPLES = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@api.parametrize()
@EXAMPLES
def test_anonymous_callers_get_the_contract_and_no_personal_field(case):
    response = case.call_and_validate()
    assert response.status_code < 500
    assert not _personal_fields_in(response)


def _officer(client, unit, role) -> dict:
    """Headers of a logged-in officer holding ``role`` in ``unit``."""
    officer = UserFactory()
    grant_role(officer, unit, role)
    return _session_cookie(client, officer)


@api.parametrize()
@EXAMPLES
def test_another_units_officer_gets_the_contract_and_no_personal_field(case, client, store_full):
    response = case.call_and_validate(headers=_officer(client, store_full[1], Role.CONTRIBUTOR))
    assert response.status_code < 500
    assert not _personal_fields_in(response)


@api.parametrize()
@EXAMPLES
def test_the_units_directory_board_gets_the_contract_with_personal_fields(case, client, store_full):
    response = case.call_and_validate(headers=_officer(client, store_full[0], Role.UNIT_BOARD))
    assert response.status_code < 500


def test_the_entitled_board_really_gets_personal_fields_the_contract_allows(client, store_full):
    _officer(client, store_full[0], Role.UNIT_BOARD)
    body = client.get("/api/v1/store/people/", {"unit": "stp"}).json()
    assert any(PERSONAL <= record["data"].keys() for record in body["results"])
    client.logout()
    assert not {k for r in client.get("/api/v1/store/people/").json()["results"] for k in PERSONAL & r["data"].keys()}
