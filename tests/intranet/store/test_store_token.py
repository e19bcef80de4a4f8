"""The operator's keys for districts running their own server: `manage.py store_token`, and the wait after a failure."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from intranet.store.models import OutboxEntry, StoreRecord
from tests.factories import province, unit_with_site
from tests.factories.directory import PersonFactory


def _envelope(unit_code: str, record_id: str = "p-1") -> dict:
    return {
        "unit": unit_code, "channel": "people", "record_id": record_id, "version": 1, "action": "upsert",
        "changed_at": "2026-12-04T09:00:00+07:00", "payload": {"full_name": "Lê Thị Thu", "unit": unit_code}, "author": "",
    }


def _deliver(client, key: str, envelope: dict):
    return client.post("/api/v1/store/receive/", {"changes": [envelope]}, content_type="application/json",
                       headers={"authorization": f"Bearer {key}"})


def _issue(code: str, label: str = "máy chủ thị xã") -> str:
    out = io.StringIO()
    call_command("store_token", code, label=label, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


@pytest.fixture
def district(db):
    return unit_with_site(province(), code="phongdien", name="Thị xã Phong Điền", kind="district")


def test_an_issued_key_delivers_its_units_changes_and_a_revoked_one_is_refused(client, district):
    key = _issue("phongdien")
    assert _deliver(client, key, _envelope("phongdien")).json() == {"results": ["applied"]}
    assert StoreRecord.objects.get(record_id="p-1").received_via == "http"

    listing = io.StringIO()
    call_command("store_token", "phongdien", "--list", stdout=listing)
    token_id, _created, label = listing.getvalue().strip().split("\t")
    assert label == "máy chủ thị xã"

    call_command("store_token", "phongdien", revoke=int(token_id), stderr=io.StringIO())
    refused = _deliver(client, key, _envelope("phongdien", "p-2"))
    assert refused.status_code == 401 and "Khóa đồng bộ không hợp lệ" in refused.json()["error"]
    assert not StoreRecord.objects.filter(record_id="p-2").exists()


def test_a_key_for_an_unknown_unit_is_not_issued(db):
    with pytest.raises(CommandError, match="khongco"):
        call_command("store_token", "khongco", stdout=io.StringIO())


def test_the_wait_after_a_failed_delivery_follows_the_setting(district, settings, django_capture_on_commit_callbacks):
    settings.PROVINCE_STORE_URL, settings.PROVINCE_STORE_TOKEN = "http://127.0.0.1:1", "khoa"
    settings.STORE_SYNC_BACKOFF_SECONDS = 1
    with django_capture_on_commit_callbacks(execute=True):
        person = PersonFactory(unit=district)
    entry = OutboxEntry.objects.get(channel="people", record_id=str(person.store_key))
    assert entry.status == OutboxEntry.Status.PENDING and entry.attempts == 1
    assert 0 < (entry.next_attempt_at - timezone.now()).total_seconds() <= 2
