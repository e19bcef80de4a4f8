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
from collections import defaultdict
from collections.abc import Iterable

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from intranet.units.models import Unit

from .channels import CHANNELS
from .models import Action, OutboxEntry, StoreReceipt, StoreRecord, StoreToken

MAX_BACKOFF = dt.timedelta(hours=1)
HTTP_TIMEOUT = 10  # seconds; a store that does not answer is retried later


def backoff(attempts: int) -> dt.timedelta:
    """How long a failed entry waits before its next try: doubling from STORE_SYNC_BACKOFF_SECONDS, at most an hour."""
    return min(dt.timedelta(seconds=settings.STORE_SYNC_BACKOFF_SECONDS * 2**attempts), MAX_BACKOFF)


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

    A batch costs a constant number of queries and one call to the store (one
    HTTP POST to a remote one), whatever its size. A record whose entry fails
    (or is still backing off) is blocked for the rest of the run, so a later
    version never overtakes an earlier one; the store itself skips the later
    versions of a record that failed earlier in the same batch. In-process, a
    batch is one transaction with its rows locked (workers take turns). Over
    HTTP no transaction is held during a call: a worker that dies after sending
    sends again later and the store's receipts make that harmless; and a
    failed call ends the run, since the store is probably unreachable.
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
            due = []
            for entry in entries:
                key = (entry.channel, entry.record_id)
                if key in blocked:
                    continue
                if entry.next_attempt_at and entry.next_attempt_at > now:
                    blocked.add(key)  # backing off: keep the order, try the whole record later
                    continue
                due.append(entry)
            stop = False
            try:
                results = send_batch([entry.envelope() for entry in due]) if due else []
            except Exception as error:  # the call failed as a whole: every entry of it waits, with backoff
                results = [f"error: {type(error).__name__}: {error}"] * len(due)
                stop = remote
            changed, delivered_at = [], timezone.now()
            for entry, result in zip(due, results, strict=True):
                key = (entry.channel, entry.record_id)
                if result == BLOCKED or key in blocked:
                    blocked.add(key)
                    continue
                entry.attempts += 1
                if result.startswith("error"):
                    entry.last_error = result.removeprefix("error: ")[:2000]
                    entry.next_attempt_at = now + backoff(entry.attempts)
                    blocked.add(key)
                else:
                    entry.status = OutboxEntry.Status.DELIVERED
                    entry.delivered_at = delivered_at
                    entry.last_error = ""
                    entry.next_attempt_at = None
                    delivered += 1
                changed.append(entry)
            _save_outcomes(changed, delivered_at)
            if stop:
                return delivered
            last = entries[-1]
            after = (last.channel, last.record_id, last.version)


def _save_outcomes(entries: list[OutboxEntry], delivered_at: dt.datetime) -> None:
    """Write a batch's outcomes in a statement per kind of outcome, not a CASE per entry and field.

    Django's ``bulk_update`` of 200 entries on five fields took 0.4 s a batch (most of a delivery's
    time, issue 18.4); the delivered ones all take the same values, the failed ones share theirs by
    error and attempt, so a batch costs one or two updates."""
    delivered = [entry.pk for entry in entries if entry.status == OutboxEntry.Status.DELIVERED]
    if delivered:
        OutboxEntry.objects.filter(pk__in=delivered).update(
            status=OutboxEntry.Status.DELIVERED, delivered_at=delivered_at, last_error="", next_attempt_at=None, attempts=F("attempts") + 1
        )
    failed: dict[tuple, list[int]] = defaultdict(list)
    for entry in entries:
        if entry.status != OutboxEntry.Status.DELIVERED:
            failed[entry.attempts, entry.last_error, entry.next_attempt_at].append(entry.pk)
    for (attempts, error, next_attempt_at), pks in failed.items():
        OutboxEntry.objects.filter(pk__in=pks).update(attempts=attempts, last_error=error, next_attempt_at=next_attempt_at)


def replay(*, since: dt.datetime | None = None) -> int:
    """Send delivered entries again (after a store restore), a batch a call. The store's receipts make it change nothing."""
    entries = OutboxEntry.objects.filter(status=OutboxEntry.Status.DELIVERED).order_by("channel", "record_id", "version")
    if since is not None:
        entries = entries.filter(changed_at__gte=since)
    count, batch = 0, []
    for entry in entries.iterator(chunk_size=1000):
        batch.append(entry.envelope())
        if len(batch) == BATCH_SIZE:
            count += _replay_batch(batch)
            batch = []
    return count + (_replay_batch(batch) if batch else 0)


def _replay_batch(envelopes: list[dict]) -> int:
    results = send_batch(envelopes)
    failed = [result for result in results if result.startswith("error") or result == BLOCKED]
    if failed:
        raise DeliveryError(failed[0])
    return len(envelopes)


def send(envelope: dict) -> str:
    """Hand one envelope to the provincial store (see ``send_batch``)."""
    result = send_batch([envelope])[0]
    if result.startswith("error"):
        raise DeliveryError(result.removeprefix("error: "))
    return result


def send_batch(envelopes: list[dict]) -> list[str]:
    """Hand envelopes to the provincial store, in order: in-process, or in one HTTP POST when
    PROVINCE_STORE_URL is set. One result per envelope: "applied", "duplicate", "stale",
    "blocked" (an earlier version of its record failed in this batch) or "error: …"."""
    url = settings.PROVINCE_STORE_URL
    if not url:
        return receive_batch(envelopes, via="local")
    response = requests.post(
        url.rstrip("/") + "/api/v1/store/receive/",
        json={"changes": envelopes},
        headers={"Authorization": f"Bearer {settings.PROVINCE_STORE_TOKEN}"},
        timeout=HTTP_TIMEOUT,
    )
    if response.status_code != 200:
        raise DeliveryError(f"HTTP {response.status_code}: {response.text[:300]}")
    results = response.json()["results"]
    if len(results) != len(envelopes):
        raise DeliveryError("the store answered for a different number of changes")
    return results


# -- receiving -------------------------------------------------------------------

BLOCKED = "blocked"
ENVELOPE_KEYS = {"unit", "channel", "record_id", "version", "action", "changed_at"}


def receive(envelope: dict, *, via: str = "local") -> str:
    """Apply one envelope to the store. Returns "applied", "duplicate" or "stale"."""
    unit_code, channel, record_id = envelope["unit"], envelope["channel"], str(envelope["record_id"])
    version = int(envelope["version"])
    if channel not in CHANNELS:
        raise ValueError(f"unknown store channel {channel!r}")
    changed_at = parse_moment(envelope["changed_at"])
    with transaction.atomic():
        # The receipt is written with the change: if applying fails, neither stays and the sender retries.
        if StoreReceipt.objects.filter(unit_code=unit_code, channel=channel, record_id=record_id, version=version).exists():
            return "duplicate"
        record = _apply(envelope, StoreRecord.objects.select_for_update().filter(channel=channel, record_id=record_id).first(),
                        unit_code, channel, record_id, version, changed_at, via)
        if record != "stale":
            record.save()
        StoreReceipt.objects.create(unit_code=unit_code, channel=channel, record_id=record_id, version=version)
        return "stale" if record == "stale" else "applied"


def parse_moment(value) -> dt.datetime | None:
    """The moment an ISO 8601 ``value`` names, in UTC (naive text is read as Vietnamese time), else None.

    Normalising matters on PostgreSQL, which refuses offsets beyond ±15:59 that ISO 8601 allows."""
    if isinstance(value, str):
        try:
            value = parse_datetime(value)
        except ValueError:  # well formed but impossible, e.g. 2026-13-45T00:00
            return None
    if not isinstance(value, dt.datetime):
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # e.g. year 9999 at -16:00
        return None


def invalid_envelope(envelope) -> str:
    """Why an envelope cannot be applied ("" if it can)."""
    if not isinstance(envelope, dict) or not ENVELOPE_KEYS <= envelope.keys():
        return "error: incomplete envelope"
    if envelope["channel"] not in CHANNELS:
        return f"error: unknown store channel {envelope['channel']!r}"
    try:
        int(envelope["version"])
    except (TypeError, ValueError):
        return "error: version is not a number"
    if parse_moment(envelope["changed_at"]) is None:
        return "error: changed_at is not a moment"
    return ""


def receive_batch(envelopes: list[dict], *, via: str = "local", refused=None) -> list[str]:
    """Apply envelopes in order, in one transaction and a constant number of queries.

    Same rules as ``receive`` for each: a receipt per (unit, record, version) makes a second arrival
    a "duplicate"; an older version never overwrites a newer one ("stale"). An envelope that is
    invalid (or ``refused(envelope)`` says why not) answers "error: …" and the later versions of its
    record in the batch answer "blocked", unapplied. A unit merge is applied alone, in order.
    """
    results: list[str | None] = [None] * len(envelopes)
    failed: set[tuple[str, str]] = set()
    valid = []
    for n, envelope in enumerate(envelopes):
        reason = invalid_envelope(envelope) or (refused(envelope) if refused else "")
        key = (envelope.get("channel"), str(envelope.get("record_id"))) if isinstance(envelope, dict) else None
        if key in failed:
            results[n] = BLOCKED
        elif reason:
            results[n] = reason
            failed.add(key)
        else:
            valid.append((n, envelope))
    # A merge rewrites other records of the store: the envelopes around it are applied in runs.
    run: list[tuple[int, dict]] = []
    for n, envelope in valid:
        if envelope.get("action", Action.UPSERT) == Action.MERGE:
            _receive_run(run, results, via)
            run = []
            try:
                results[n] = receive(envelope, via=via)
            except Exception as error:  # this merge waits; the runs before and after it are unaffected
                results[n] = f"error: {type(error).__name__}: {error}"
        else:
            run.append((n, envelope))
    _receive_run(run, results, via)
    return results


def _receive_run(run: list[tuple[int, dict]], results: list, via: str) -> None:
    if not run:
        return
    units = {envelope["unit"] for _n, envelope in run}
    channels = {envelope["channel"] for _n, envelope in run}
    ids = {str(envelope["record_id"]) for _n, envelope in run}
    with transaction.atomic():
        # Filtering on every column of the receipts' unique index makes this an index lookup, not a scan.
        seen = set(
            StoreReceipt.objects.filter(unit_code__in=units, channel__in=channels, record_id__in=ids)
            .values_list("unit_code", "channel", "record_id", "version")
        )
        # Without .order_by() the model's ordering (received_at, id) made SQLite walk the
        # (channel, received_at) index to skip the sort: every record of the channel read for
        # each batch, a delivery growing with the square of the store (issue 18.4). Unordered,
        # the lookup is the unique (channel, record_id) index's.
        records = {
            (record.channel, record.record_id): record
            for record in StoreRecord.objects.select_for_update().filter(channel__in=channels, record_id__in=ids).order_by()
        }
        existing = set(records)
        changed, receipts = {}, []
        for n, envelope in run:
            unit_code, channel, record_id = envelope["unit"], envelope["channel"], str(envelope["record_id"])
            version = int(envelope["version"])
            receipt = (unit_code, channel, record_id, version)
            if receipt in seen:
                results[n] = "duplicate"
                continue
            record = _apply(envelope, records.get((channel, record_id)), unit_code, channel, record_id, version, parse_moment(envelope["changed_at"]), via)
            if record == "stale":
                results[n] = "stale"
            else:
                records[(channel, record_id)] = changed[(channel, record_id)] = record
                results[n] = "applied"
            seen.add(receipt)
            receipts.append(StoreReceipt(unit_code=unit_code, channel=channel, record_id=record_id, version=version))
        now = timezone.now()
        for record in changed.values():
            record.received_at = now
        fields = ["unit_code", "source_unit_code", "version", "deleted", "payload", "author", "changed_at", "received_via", "received_at"]
        StoreRecord.objects.bulk_update([r for key, r in changed.items() if key in existing], fields, batch_size=500)
        StoreRecord.objects.bulk_create([r for key, r in changed.items() if key not in existing], batch_size=500)
        StoreReceipt.objects.bulk_create(receipts, batch_size=500)


def _apply(envelope, record, unit_code, channel, record_id, version, changed_at, via):
    """The store's record after ``envelope`` (unsaved), or "stale" if it holds a newer version already."""
    action = envelope.get("action", Action.UPSERT)
    if action == Action.MERGE:
        # A unit merge moves the successor's ownership over everything the store holds for the source.
        source, successor = envelope["payload"]["source"], envelope["payload"]["successor"]
        StoreRecord.objects.filter(unit_code=source).update(unit_code=successor, received_at=timezone.now())
        if record is not None:
            record.refresh_from_db()
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
    return record


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


def units_covered(token_unit: Unit, unit_codes) -> set[str]:
    """Which of ``unit_codes`` the key of ``token_unit`` may send (one query for any number)."""
    paths = Unit.objects.filter(code__in=set(unit_codes)).values_list("code", "path")
    return {code for code, path in paths if path.startswith(token_unit.path)}


def token_covers(token_unit: Unit, unit_code: str) -> bool:
    """A unit's key sends its own changes and those of its sub-units (a district's communes)."""
    target = Unit.objects.filter(code=unit_code).only("path").first()
    return target is not None and target.path.startswith(token_unit.path)
