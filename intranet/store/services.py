"""The upward sync: write a change to the outbox, deliver it, receive it in the store.

Guarantees (Huế Art. 6.4, SPEC §5):
- the outbox row is written in the caller's transaction, so a change that is
  committed is never lost and one that is rolled back is never sent;
- delivery is exactly-once in effect: the store keeps a receipt per
  (unit, record, version) and ignores a second arrival;
- entries of one record are delivered in version order; a failed one blocks
  the later versions of that record (not other records) until it gets through;
- a failure is retried with backoff, forever: nothing is dropped;
- an older version arriving late never overwrites a newer one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from intranet.units.models import Unit

from .channels import CHANNELS
from .models import Action, OutboxEntry, StoreReceipt, StoreRecord, StoreToken

MAX_BACKOFF = dt.timedelta(hours=1)
HTTP_TIMEOUT = 10  # seconds; a store that does not answer is retried later


class DeliveryError(Exception):
    """The store did not take the entry; it stays pending."""


def author_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    # Vietnamese order: family name first ("Dương Thị Hạnh").
    name = f"{user.last_name} {user.first_name}".strip()
    return f"{name} ({user.get_username()})" if name else user.get_username()


# -- writing ---------------------------------------------------------------------


def record_change(
    *,
    channel: str,
    record_id: str,
    unit: Unit,
    payload: dict,
    action: str = Action.UPSERT,
    author=None,
    changed_at: dt.datetime | None = None,
) -> OutboxEntry:
    """Write one change to the outbox in the current transaction; delivery starts after commit."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown store channel {channel!r}")
    with transaction.atomic():
        last = OutboxEntry.objects.filter(channel=channel, record_id=record_id).aggregate(v=Max("version"))["v"] or 0
        entry = OutboxEntry.objects.create(
            unit=unit,
            unit_code=unit.code,
            channel=channel,
            record_id=record_id,
            version=last + 1,
            action=action,
            payload=payload if action != Action.DELETE else {},
            author=author if isinstance(author, str) else author_label(author),
            changed_at=changed_at or timezone.now(),
        )
    transaction.on_commit(lambda: _enqueue(channel, record_id))
    return entry


def record_changes(changes: Iterable[dict], *, author=None) -> int:
    """Many upserts at once (demo, import): one version query, one insert per batch."""
    changes = list(changes)
    if not changes:
        return 0
    now = timezone.now()
    label = author if isinstance(author, str) else author_label(author)
    with transaction.atomic():
        keys = {(c["channel"], c["record_id"]) for c in changes}
        last: dict[tuple[str, str], int] = {}
        channels = {channel for channel, _r in keys}
        for channel in channels:
            ids = [r for ch, r in keys if ch == channel]
            for start in range(0, len(ids), 500):
                rows = (
                    OutboxEntry.objects.filter(channel=channel, record_id__in=ids[start : start + 500])
                    .values("record_id")
                    .annotate(v=Max("version"))
                )
                last.update({(channel, row["record_id"]): row["v"] for row in rows})
        entries = []
        for change in changes:
            key = (change["channel"], change["record_id"])
            last[key] = last.get(key, 0) + 1
            unit = change["unit"]
            entries.append(
                OutboxEntry(
                    unit=unit,
                    unit_code=unit.code,
                    channel=change["channel"],
                    record_id=change["record_id"],
                    version=last[key],
                    action=change.get("action", Action.UPSERT),
                    payload=change["payload"],
                    author=label,
                    changed_at=change.get("changed_at") or now,
                )
            )
        OutboxEntry.objects.bulk_create(entries, batch_size=500)
    transaction.on_commit(_enqueue_pending)
    return len(entries)


def _enqueue(channel: str, record_id: str) -> None:
    from .tasks import deliver_record_task

    try:
        deliver_record_task.delay(channel, record_id)
    except Exception:  # broker down: the entry stays pending and the beat job retries it
        return


def _enqueue_pending() -> None:
    from .tasks import retry_pending_task

    try:
        retry_pending_task.delay()
    except Exception:  # broker down: the beat job picks it up
        return


# -- delivering ------------------------------------------------------------------


def deliver_record(channel: str, record_id: str, *, now: dt.datetime | None = None) -> int:
    """Send the pending versions of one record, oldest first. Stops at the first failure
    so that a later version never overtakes an earlier one. Returns how many got through."""
    now = now or timezone.now()
    delivered = 0
    pending = OutboxEntry.objects.filter(channel=channel, record_id=record_id, status=OutboxEntry.Status.PENDING).order_by("version")
    for entry_id in list(pending.values_list("pk", flat=True)):
        entry = OutboxEntry.objects.filter(pk=entry_id, status=OutboxEntry.Status.PENDING).first()
        if entry is None:  # another worker delivered it
            continue
        if entry.next_attempt_at and entry.next_attempt_at > now:
            return delivered  # backing off: keep the order, try the whole record later
        # No transaction is held across the network: the store's receipts are idempotent on
        # (unit, record, version), so two workers sending the same entry change nothing twice.
        try:
            send(entry.envelope())
        except Exception as error:  # any failure: keep it and try again later, with backoff
            attempts = entry.attempts + 1
            OutboxEntry.objects.filter(pk=entry_id, status=OutboxEntry.Status.PENDING).update(
                attempts=attempts,
                last_error=f"{type(error).__name__}: {error}"[:2000],
                next_attempt_at=now + min(dt.timedelta(minutes=2**attempts), MAX_BACKOFF),
            )
            return delivered
        OutboxEntry.objects.filter(pk=entry_id, status=OutboxEntry.Status.PENDING).update(
            attempts=entry.attempts + 1,
            status=OutboxEntry.Status.DELIVERED,
            delivered_at=timezone.now(),
            last_error="",
            next_attempt_at=None,
        )
        delivered += 1
    return delivered


def retry_pending(*, now: dt.datetime | None = None) -> int:
    """The beat job: deliver every record that has a pending entry due now."""
    now = now or timezone.now()
    records = (
        OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING)
        .exclude(next_attempt_at__gt=now)
        .values_list("channel", "record_id")
        .distinct()
        .order_by()
    )
    return sum(deliver_record(channel, record_id, now=now) for channel, record_id in list(records))


def replay(*, since: dt.datetime | None = None) -> int:
    """Send delivered entries again (after a store restore). The store's receipts make it change nothing."""
    entries = OutboxEntry.objects.filter(status=OutboxEntry.Status.DELIVERED).order_by("channel", "record_id", "version")
    if since is not None:
        entries = entries.filter(changed_at__gte=since)
    count = 0
    for entry in entries.iterator(chunk_size=1000):
        send(entry.envelope())
        count += 1
    return count


def send(envelope: dict) -> str:
    """Hand one envelope to the provincial store: in-process, or over HTTP when PROVINCE_STORE_URL is set."""
    url = settings.PROVINCE_STORE_URL
    if not url:
        return receive(envelope, via="local")
    response = requests.post(
        url.rstrip("/") + "/api/v1/store/receive/",
        json=envelope,
        headers={"Authorization": f"Bearer {settings.PROVINCE_STORE_TOKEN}"},
        timeout=HTTP_TIMEOUT,
    )
    if response.status_code != 200:
        raise DeliveryError(f"HTTP {response.status_code}: {response.text[:300]}")
    return response.json()["result"]


# -- receiving -------------------------------------------------------------------


def receive(envelope: dict, *, via: str = "local") -> str:
    """Apply one envelope to the store. Returns "applied", "duplicate" or "stale"."""
    unit_code, channel, record_id = envelope["unit"], envelope["channel"], str(envelope["record_id"])
    version = int(envelope["version"])
    if channel not in CHANNELS:
        raise ValueError(f"unknown store channel {channel!r}")
    changed_at = parse_datetime(envelope["changed_at"]) if isinstance(envelope["changed_at"], str) else envelope["changed_at"]
    with transaction.atomic():
        # The receipt is written with the change: if applying fails, neither stays and the sender retries.
        if StoreReceipt.objects.filter(unit_code=unit_code, channel=channel, record_id=record_id, version=version).exists():
            return "duplicate"
        result = _apply(envelope, unit_code, channel, record_id, version, changed_at, via)
        StoreReceipt.objects.create(unit_code=unit_code, channel=channel, record_id=record_id, version=version)
        return result


def _apply(envelope, unit_code, channel, record_id, version, changed_at, via) -> str:
    action = envelope.get("action", Action.UPSERT)
    if action == Action.MERGE:
        # A unit merge moves the successor's ownership over everything the store holds for the source.
        source, successor = envelope["payload"]["source"], envelope["payload"]["successor"]
        StoreRecord.objects.filter(unit_code=source).update(unit_code=successor, received_at=timezone.now())
    record = StoreRecord.objects.select_for_update().filter(channel=channel, record_id=record_id).first()
    if record is not None and record.version >= version:
        return "stale"  # a late older version never overwrites a newer one
    record = record or StoreRecord(channel=channel, record_id=record_id)
    payload = envelope.get("payload") or {}
    record.unit_code = payload.get("unit") or unit_code
    record.source_unit_code = unit_code
    record.version = version
    record.deleted = action == Action.DELETE
    record.payload = {} if record.deleted else payload
    record.author = envelope.get("author", "")
    record.changed_at = changed_at
    record.received_via = via
    record.save()
    return "applied"


# -- tokens ----------------------------------------------------------------------


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(unit: Unit, *, label: str = "") -> str:
    """A new key for ``unit``'s own server; only its hash is kept."""
    key = secrets.token_urlsafe(32)
    StoreToken.objects.create(unit=unit, key_hash=_hash(key), label=label)
    return key


def unit_for_token(key: str) -> Unit | None:
    if not key:
        return None
    token = StoreToken.objects.select_related("unit").filter(key_hash=_hash(key)).first()
    return token.unit if token else None


def token_covers(token_unit: Unit, unit_code: str) -> bool:
    """A unit's key sends its own changes and those of its sub-units (a district's communes)."""
    target = Unit.objects.filter(code=unit_code).only("path").first()
    return target is not None and target.path.startswith(token_unit.path)
