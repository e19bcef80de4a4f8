"""Upward sync: outbox in the same transaction, delivered once in effect, in order, never dropped."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from intranet.directory.models import Person
from intranet.store import services
from intranet.store.models import OutboxEntry, StoreRecord
from intranet.units.services import Decision, merge_units
from tests.factories import UserFactory, unit_with_site
from tests.factories.directory import PersonFactory


def _store_copy(person):
    return StoreRecord.objects.get(channel="people", record_id=str(person.store_key))


def test_a_saved_person_reaches_the_store_with_provenance(stp, delivered):
    editor = UserFactory(first_name="Hạnh", last_name="Dương Thị")
    person = PersonFactory.build(unit=stp, full_name="Võ Đức Thắng")
    person._changed_by = editor
    delivered(person.save)
    copy = _store_copy(person)
    assert copy.payload["full_name"] == "Võ Đức Thắng"
    assert (copy.source_unit_code, copy.unit_code, copy.version) == ("stp", "stp", 1)
    assert "Dương Thị Hạnh" in copy.author
    assert OutboxEntry.objects.get(record_id=str(person.store_key)).status == OutboxEntry.Status.DELIVERED


def test_a_rolled_back_change_never_reaches_the_outbox(stp):
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory(unit=stp, full_name="Không Được Lưu")
        raise RuntimeError
    assert not OutboxEntry.objects.filter(channel="people").exists()


def test_a_failed_delivery_is_kept_and_retried_with_backoff(stp, store_down, delivered):
    person = delivered(PersonFactory, unit=stp)
    entry = OutboxEntry.objects.get(channel="people", record_id=str(person.store_key))
    assert (entry.status, entry.attempts) == (OutboxEntry.Status.PENDING, 1)
    assert "ConnectionError" in entry.last_error
    assert entry.next_attempt_at > timezone.now()

    assert services.retry_pending() == 0  # still backing off: nothing is sent early
    store_down.PROVINCE_STORE_URL = ""  # the store is back (this deployment)
    assert services.retry_pending(now=entry.next_attempt_at) >= 1
    entry.refresh_from_db()
    assert (entry.status, entry.attempts) == (OutboxEntry.Status.DELIVERED, 2)
    assert _store_copy(person).version == 1


def test_versions_of_one_record_arrive_in_order_even_after_a_failure(stp, store_down, delivered):
    person = delivered(PersonFactory, unit=stp, position="Chuyên viên")
    person.position = "Phó Giám đốc"
    delivered(person.save)
    versions = list(OutboxEntry.objects.filter(record_id=str(person.store_key)).values_list("version", "status", "attempts"))
    # Version 2 waits behind version 1: it is not even tried while version 1 is backing off.
    assert versions == [(1, "pending", 1), (2, "pending", 0)]

    store_down.PROVINCE_STORE_URL = ""
    services.retry_pending(now=timezone.now() + dt.timedelta(hours=2))
    assert _store_copy(person).version == 2
    assert _store_copy(person).payload["position"] == "Phó Giám đốc"


def test_replaying_everything_changes_nothing(stp, delivered):
    people = [delivered(PersonFactory, unit=stp) for _ in range(3)]
    before = {r.record_id: (r.version, r.payload, r.received_at) for r in StoreRecord.objects.all()}
    assert services.replay() == OutboxEntry.objects.filter(status=OutboxEntry.Status.DELIVERED).count()
    after = {r.record_id: (r.version, r.payload, r.received_at) for r in StoreRecord.objects.all()}
    assert after == before
    assert len(people) == 3


def test_a_late_older_version_never_overwrites_a_newer_one(stp):
    envelope = {"unit": "stp", "channel": "people", "record_id": "abc", "action": "upsert", "author": "", "changed_at": timezone.now().isoformat()}
    assert services.receive({**envelope, "version": 2, "payload": {"full_name": "Mới"}}) == "applied"
    assert services.receive({**envelope, "version": 1, "payload": {"full_name": "Cũ"}}) == "stale"
    assert services.receive({**envelope, "version": 2, "payload": {"full_name": "Mới"}}) == "duplicate"
    record = StoreRecord.objects.get(record_id="abc")
    assert (record.version, record.payload["full_name"]) == (2, "Mới")


def test_a_deleted_person_is_deleted_in_the_store(stp, delivered):
    person = delivered(PersonFactory, unit=stp)
    key = person.store_key
    delivered(person.delete)
    copy = StoreRecord.objects.get(record_id=str(key))
    assert copy.deleted and copy.payload == {}
    assert not StoreRecord.objects.live().filter(record_id=str(key)).exists()


def test_a_unit_merge_moves_its_store_records_to_the_successor(stp, delivered):
    ward = unit_with_site(stp.get_parent(), code="phuongcu", name="Phường Cũ", kind="commune")
    big = unit_with_site(stp.get_parent(), code="phuongmoi", name="Phường Mới", kind="commune")
    person = delivered(PersonFactory, unit=ward)
    delivered(merge_units, [ward], successor=big, decision=Decision("10/NQ-UBTVQH", dt.date(2025, 6, 16)))
    assert _store_copy(person).unit_code == "phuongmoi"
    assert StoreRecord.objects.get(record_id="unit:phuongcu").payload["status"] == "dissolved"
    assert Person.objects.get(pk=person.pk).unit == big


def test_the_beat_schedule_retries_the_sync():
    from intranet.jobs.schedule import SCHEDULE

    assert SCHEDULE["store-sync-retry"][0] == "intranet.store.tasks.retry_pending_task"
