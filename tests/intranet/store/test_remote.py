"""A district running its own server syncs to the province over HTTP (PROVINCE_STORE_URL + the unit's key).

The province is a second live server started by the test; the sender reaches it only through HTTP.
"""

import pytest
from django.utils import timezone

from intranet.store import services
from intranet.store.models import OutboxEntry, StoreRecord
from tests.factories import province, unit_with_site
from tests.factories.directory import PersonFactory

# A live server needs committed data; the flush after each test takes Wagtail's basics with it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def district(live_server, settings, wagtail_basics):
    tinh = province()
    huyen = unit_with_site(tinh, code="phongdien", name="Thị xã Phong Điền", kind="district")
    xa = unit_with_site(huyen, code="phongthu", name="Xã Phong Thu", kind="commune")
    settings.PROVINCE_STORE_URL = live_server.url
    settings.PROVINCE_STORE_TOKEN = services.issue_token(huyen, label="máy chủ thị xã")
    return huyen, xa


def _entry(person):
    return OutboxEntry.objects.get(channel="people", record_id=str(person.store_key))


def test_a_district_delivers_its_changes_and_its_communes_over_http(district):
    huyen, xa = district
    person = PersonFactory(unit=xa, full_name="Hồ Văn Xã")
    assert _entry(person).status == OutboxEntry.Status.DELIVERED
    copy = StoreRecord.objects.get(record_id=str(person.store_key))
    assert (copy.received_via, copy.source_unit_code, copy.payload["full_name"]) == ("http", "phongthu", "Hồ Văn Xã")


def test_replaying_over_http_changes_nothing(district):
    huyen, _xa = district
    person = PersonFactory(unit=huyen)
    before = StoreRecord.objects.get(record_id=str(person.store_key)).received_at
    assert services.send(_entry(person).envelope()) == "duplicate"
    assert StoreRecord.objects.get(record_id=str(person.store_key)).received_at == before


def test_a_wrong_key_is_refused_and_the_change_waits(district, settings):
    settings.PROVINCE_STORE_TOKEN = "khoa-sai"
    person = PersonFactory(unit=district[0])
    entry = _entry(person)
    assert entry.status == OutboxEntry.Status.PENDING and "401" in entry.last_error
    assert not StoreRecord.objects.filter(record_id=str(person.store_key)).exists()


def test_a_key_cannot_send_another_units_changes(district, settings):
    other = unit_with_site(district[0].get_parent(), code="sotc", name="Sở Tài chính")
    person = PersonFactory(unit=other)
    entry = _entry(person)
    assert entry.status == OutboxEntry.Status.PENDING and "403" in entry.last_error


def test_many_changes_cross_in_one_post_and_a_replay_changes_nothing(district):
    huyen, xa = district
    since = timezone.now()  # what the province holds from before (its own units) is not this server's to replay
    services.record_changes(
        {"channel": "people", "record_id": f"ds-{n}", "unit": xa, "payload": {"full_name": f"Cán bộ {n}", "unit": "phongthu"}} for n in range(30)
    )
    services.retry_pending()  # the on-commit task (eager here) has usually delivered them already
    assert not OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING).exists()
    copies = StoreRecord.objects.filter(record_id__startswith="ds-")
    assert copies.count() == 30 and set(copies.values_list("received_via", flat=True)) == {"http"}
    before = list(copies.order_by("record_id").values_list("record_id", "version", "received_at"))
    assert services.replay(since=since) == 30
    assert list(copies.order_by("record_id").values_list("record_id", "version", "received_at")) == before
