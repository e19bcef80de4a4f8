"""Alerts and emails: written first in the caller's transaction, delivered after with retry.

Every app alerts people through ``notify`` and emails anyone through
``queue_email``; nothing calls ``send_mail`` directly, so a mail server that is
down delays a message but never loses it. Every mail leaves with a Vietnamese subject (the
callers'), a plain-text part and an HTML part made from it, and absolute links only: an
alert's link is made absolute on the portal (``intranet/units/links.py``) before it is queued.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from intranet.units.links import absolute_url

from .models import Notification, OutgoingEmail

MAX_BACKOFF = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Alert:
    """One alert for one user, when each recipient gets a different text."""

    user: object
    title: str
    body: str = ""
    url: str = ""


def notify(recipients: Iterable, *, kind: str, title: str, body: str = "", url: str = "", email: bool = True) -> list[Notification]:
    """Alert users in the app, and by email unless they opted out of this kind."""
    return notify_each([Alert(user, title, body, url) for user in recipients if user is not None], kind=kind, email=email)


def notify_each(alerts: Iterable[Alert], *, kind: str, email: bool = True) -> list[Notification]:
    """Alert many users at a constant number of queries: one insert of alerts, one look at
    preferences, one insert of emails (each email is then delivered on its own, with retry)."""
    alerts = [alert for alert in alerts if alert.user is not None]
    if not alerts:
        return []
    rows = Notification.objects.bulk_create(
        [Notification(recipient=a.user, kind=kind, title=a.title[:255], body=a.body, url=a.url) for a in alerts]
    )
    if email:
        with_address = [a for a in alerts if a.user.email]
        opted_out = _opted_out({a.user.pk for a in with_address}, kind)
        queue_emails(
            [
                OutgoingEmail(to=[a.user.email], subject=a.title[:255], body=f"{a.body}\n\n{absolute_url(a.url)}".strip(), kind=kind)
                for a in with_address
                if a.user.pk not in opted_out
            ]
        )
    return rows


def _opted_out(user_ids: set[int], kind: str) -> set[int]:
    if not user_ids:
        return set()
    from .models import NotificationPreference

    return {
        preference.user_id
        for preference in NotificationPreference.objects.filter(user_id__in=user_ids)
        if not preference.wants_email(kind)
    }


def wants_email(user, kind: str) -> bool:
    """Whether ``user`` takes ``kind`` by email (the desk's preferences refine this)."""
    preferences = getattr(user, "notification_preferences", None)
    if preferences is None:
        return True
    try:
        return preferences.wants_email(kind)
    except AttributeError:
        return True


def queue_emails(messages: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Write many emails in one insert; each is delivered after the transaction commits."""
    if not messages:
        return []
    rows = OutgoingEmail.objects.bulk_create(messages)
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: _enqueue_batches(ids))
    return rows


EMAIL_BATCH = 100  # emails a task sends over one connection to the mail server


def _enqueue_batches(message_ids: list[int]) -> None:
    """One task per hundred emails, not one per email (issue 18.4: a birthday morning queues thousands)."""
    from .tasks import deliver_emails

    for start in range(0, len(message_ids), EMAIL_BATCH):
        try:
            deliver_emails.delay(message_ids[start : start + EMAIL_BATCH])
        except Exception:  # broker down: the rows stay pending and the beat job retries them
            return


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own alerts read (all of them when no ids are given)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())


def queue_email(to: list[str], *, subject: str, body: str, kind: str = "") -> OutgoingEmail:
    message = OutgoingEmail.objects.create(to=list(to), subject=subject[:255], body=body, kind=kind)
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id: int) -> None:
    from .tasks import deliver_email

    try:
        deliver_email.delay(message_id)
    except Exception:  # broker down: the row stays pending and the beat job retries it
        return


def deliver(message_id: int) -> bool:
    """Send one pending email; on failure record it and schedule the next try (backoff)."""
    return deliver_batch([message_id]) == 1


def deliver_batch(message_ids: Iterable[int]) -> int:
    """Send the pending emails among ``message_ids`` over one connection to the mail server.

    Three queries whatever their number (lock and read, one update of all); each email succeeds or
    fails on its own, a failed one waits with backoff as in ``deliver``. Returns how many were sent."""
    with transaction.atomic():
        messages = list(
            OutgoingEmail.objects.select_for_update().filter(pk__in=list(message_ids), status=OutgoingEmail.Status.PENDING).order_by("pk")
        )
        if not messages:
            return 0
        sent = 0
        connection = get_connection()
        try:
            connection.open()
            opened = None
        except Exception as error:  # the server cannot be reached: every email of the batch waits
            opened = error
        for message in messages:
            message.attempts += 1
            try:
                if opened is not None:
                    raise opened
                email_message(message, connection=connection).send()
            except Exception as error:  # any transport error: keep it and try again later
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                message.next_attempt_at = timezone.now() + min(dt.timedelta(minutes=2**message.attempts), MAX_BACKOFF)
            else:
                message.status, message.sent_at, message.last_error, message.next_attempt_at = (
                    OutgoingEmail.Status.SENT, timezone.now(), "", None,
                )
                sent += 1
        with contextlib.suppress(Exception):
            connection.close()
        OutgoingEmail.objects.bulk_update(messages, ["attempts", "status", "sent_at", "last_error", "next_attempt_at"])
    return sent


def email_message(message: OutgoingEmail, connection=None) -> EmailMultiAlternatives:
    """The mail as it leaves: the text as written and the same text as HTML, its links clickable."""
    email = EmailMultiAlternatives(message.subject, message.body, to=message.to, connection=connection)
    email.attach_alternative(render_to_string("notifications/email.html", {"message": message}), "text/html")
    return email


def retry_pending(now: dt.datetime | None = None) -> int:
    """Deliver every pending email whose next try is due; returns how many were sent."""
    now = now or timezone.now()
    due = list(OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).exclude(next_attempt_at__gt=now).values_list("pk", flat=True))
    return sum(deliver_batch(due[start : start + EMAIL_BATCH]) for start in range(0, len(due), EMAIL_BATCH))


def resend(message: OutgoingEmail) -> OutgoingEmail:
    """The administrator's "gửi lại": a pending email is tried again now (its backoff is cleared);
    a sent one is queued again as a new copy, so the history of what left stays intact."""
    if message.status == OutgoingEmail.Status.PENDING:
        OutgoingEmail.objects.filter(pk=message.pk, status=OutgoingEmail.Status.PENDING).update(next_attempt_at=None)
        transaction.on_commit(lambda: _enqueue(message.pk))
        return message
    return queue_email(message.to, subject=message.subject, body=message.body, kind=message.kind)
