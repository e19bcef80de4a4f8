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

import contextlib
import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
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
    name = user.get_full_name()  # family name first ("Dương Thị Hạnh")
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
    payload = payload if action != Action.DELETE else {}
    with transaction.atomic():
        last = OutboxEntry.objects.filter(channel=channel, record_id=record_id).order_by("-version").only("version", "action", "payload", "unit_code").first()
        if last is not None and (last.action, last.payload, last.unit_code) == (action, payload, unit.code) and action != Action.MERGE:
            return last  # a save that changed nothing the store keeps is not a new version
        entry = OutboxEntry.objects.create(
            unit=unit,
            unit_code=unit.code,
            channel=channel,
            record_id=record_id,
            version=(last.version if last else 0) + 1,
            action=action,
            payload=payload,
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


BATCH_SIZE = 200


def deliver_record(channel: str, record_id: str, *, now: dt.datetime | None = None) -> int:
    """Send the pending versions of one record, oldest first (the on-commit task)."""
    pending = OutboxEntry.objects.filter(channel=channel, record_id=record_id)
    return _deliver(pending, now=now or timezone.now())


def retry_pending(*, now: dt.datetime | None = None) -> int:
    """The beat job: deliver every pending entry that is due, record by record, in version order."""
    return _deliver(OutboxEntry.objects.all(), now=now or timezone.now())


def _deliver(scope, *, now: dt.datetime) -> int:
    """Deliver pending entries of ``scope`` in (channel, record, version) order, in batches.

    A record whose entry fails (or is still backing off) is blocked for the rest
    of the run, so a later version never overtakes an earlier one. In-process,
    a batch is one transaction with its rows locked (workers take turns). Over
    HTTP no transaction is held during a call: a worker that dies after sending
    sends again later and the store's receipts make that harmless; and a
    failure ends the run, since the store is probably unreachable and every
    other entry would only wait for its timeout.
    """
    delivered, blocked, after = 0, set(), None
    remote = bool(settings.PROVINCE_STORE_URL)
    while True:
        with contextlib.nullcontext() if remote else transaction.atomic():
            batch = scope.filter(status=OutboxEntry.Status.PENDING).order_by("channel", "record_id", "version")
            if after is not None:
                channel, record_id, version = after
                batch = batch.filter(
                    Q(channel__gt=channel) | Q(channel=channel, record_id__gt=record_id) | Q(channel=channel, record_id=record_id, version__gt=version)
                )
            entries = list((batch if remote else batch.select_for_update())[:BATCH_SIZE])
            if not entries:
                return delivered
            changed, stop = [], False
            for entry in entries:
                key = (entry.channel, entry.record_id)
                if key in blocked:
                    continue
                if entry.next_attempt_at and entry.next_attempt_at > now:
                    blocked.add(key)  # backing off: keep the order, try the whole record later
                    continue
                entry.attempts += 1
                try:
                    with contextlib.nullcontext() if remote else transaction.atomic():
                        send(entry.envelope())
                except Exception as error:  # any failure: keep it and try again later, with backoff
                    entry.last_error = f"{type(error).__name__}: {error}"[:2000]
                    entry.next_attempt_at = now + min(dt.timedelta(minutes=2**entry.attempts), MAX_BACKOFF)
                    blocked.add(key)
                    stop = remote
                else:
                    entry.status = OutboxEntry.Status.DELIVERED
                    entry.delivered_at = timezone.now()
                    entry.last_error = ""
                    entry.next_attempt_at = None
                    delivered += 1
                changed.append(entry)
                if stop:
                    break
            OutboxEntry.objects.bulk_update(changed, ["attempts", "status", "delivered_at", "last_error", "next_attempt_at"])
            if stop:
                return delivered
            last = entries[-1]
            after = (last.channel, last.record_id, last.version)


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
