"""Issue 18 (4): the upward sync works in batches: constant queries per pass, one POST per batch."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.store import services
from intranet.store.models import OutboxEntry, StoreReceipt, StoreRecord

pytestmark = pytest.mark.django_db


def _changes(unit, number: int, *, versions: int = 1, prefix: str = "rec"):
    return [
        {"channel": "people", "record_id": f"{prefix}-{n % (number // versions)}", "unit": unit, "payload": {"full_name": f"Cán bộ {n}", "unit": unit.code}}
        for n in range(number)
    ]


def _pass_queries(unit, number: int, prefix: str) -> int:
    services.record_changes(_changes(unit, number, versions=2, prefix=prefix))  # on-commit tasks never run: the entries wait
    with CaptureQueriesContext(connection) as queries:
        assert services.retry_pending() == number
    return len(queries)


def test_a_retry_pass_costs_the_same_queries_for_20_or_60_changes(stp):
    services.retry_pending()  # the unit's own changes, waiting since the fixture
    small = _pass_queries(stp, 20, "small")
    # Both within one batch (SQLite splits an insert past 999 parameters, so sizes stay under that here).
    assert _pass_queries(stp, 60, "large") == small
    large = StoreRecord.objects.filter(record_id__startswith="large-")
    assert large.count() == 30 and set(large.values_list("version", flat=True)) == {2}  # the later version won, in order
    assert StoreReceipt.objects.filter(record_id__startswith="large-").count() == 60


def test_a_replay_changes_nothing_and_costs_a_constant_number_of_queries(stp):
    services.record_changes(_changes(stp, 60, versions=3))
    services.retry_pending()
    before = {r.record_id: (r.version, r.payload, r.received_at) for r in StoreRecord.objects.all()}
    with CaptureQueriesContext(connection) as queries:
        assert services.replay() == OutboxEntry.objects.filter(status=OutboxEntry.Status.DELIVERED).count() >= 60
    assert len(queries) <= 6
    assert {r.record_id: (r.version, r.payload, r.received_at) for r in StoreRecord.objects.all()} == before


def _envelope(unit_code: str, record_id: str, version: int, **extra) -> dict:
    return {"unit": unit_code, "channel": "people", "record_id": record_id, "version": version, "action": "upsert",
            "author": "Nguyễn Văn An (an)", "changed_at": timezone.now().isoformat(), "payload": {"full_name": f"Bản {version}"}, **extra}


def _post(client, key: str, body) -> dict:
    response = client.post("/api/v1/store/receive/", json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_store_takes_a_batch_in_order_and_a_second_arrival_changes_nothing(client, stp):
    key = services.issue_token(stp, label="máy chủ sở")
    batch = [_envelope("stp", "a", 1), _envelope("stp", "a", 2), _envelope("stp", "b", 1)]
    assert _post(client, key, {"changes": batch})["results"] == ["applied", "applied", "applied"]
    record = StoreRecord.objects.get(record_id="a")
    assert (record.version, record.payload["full_name"], record.received_via) == (2, "Bản 2", "http")
    assert _post(client, key, {"changes": batch})["results"] == ["duplicate", "duplicate", "duplicate"]
    assert _post(client, key, {"changes": [_envelope("stp", "b", 3), _envelope("stp", "b", 2)]})["results"] == ["applied", "stale"]
    assert StoreRecord.objects.get(record_id="b").version == 3


def test_a_refused_change_blocks_the_later_versions_of_its_record_only(client, stp):
    other = stp.get_parent().add_child(code="sotc", name="Sở Tài chính", kind=stp.kind)
    key = services.issue_token(stp)
    batch = [_envelope("sotc", "c", 1), _envelope("sotc", "c", 2), _envelope("stp", "d", 1), _envelope("stp", "e", 1, channel="khong-co")]
    results = _post(client, key, {"changes": batch})["results"]
    assert results[0].startswith("error: 403") and results[1:3] == ["blocked", "applied"] and results[3].startswith("error")
    assert list(StoreRecord.objects.values_list("record_id", flat=True)) == ["d"] and other.code == "sotc"


def test_the_single_change_form_is_still_accepted(client, stp):
    key = services.issue_token(stp)
    assert _post(client, key, _envelope("stp", "f", 1)) == {"result": "applied"}
    assert _post(client, key, _envelope("stp", "f", 1)) == {"result": "duplicate"}


def test_a_batch_looks_its_records_up_by_key_not_by_walking_the_channel(stp):
    """The store's lookup of a batch's records carries no ORDER BY: the model's ordering (received_at, id)
    made SQLite walk the (channel, received_at) index, every record of the channel for each batch."""
    services.retry_pending()
    services.record_changes(_changes(stp, 150, versions=3, prefix="walk"))
    with CaptureQueriesContext(connection) as queries:
        assert services.retry_pending() == 150
    lookups = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "store_storerecord"')]
    assert len(lookups) == 1 and "ORDER BY" not in lookups[0]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + lookups[0])
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "(channel=? AND record_id=?)" in plan, plan
