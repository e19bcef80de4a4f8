"""Alerts and emails: written first in the caller's transaction, delivered after with retry.

Every app alerts people through ``notify`` and emails anyone through
``queue_email``; nothing calls ``send_mail`` directly, so a mail server that is
down delays a message but never loses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import Notification, OutgoingEmail

MAX_BACKOFF = dt.timedelta(hours=1)


def notify(recipients: Iterable, *, kind: str, title: str, body: str = "", url: str = "", email: bool = True) -> list[Notification]:
    """Alert users in the app, and by email unless they opted out of this kind."""
    users = [user for user in recipients if user is not None]
    rows = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, title=title, body=body, url=url) for user in users]
    )
    if email:
        for user in users:
            if user.email and wants_email(user, kind):
                queue_email([user.email], subject=title, body=f"{body}\n\n{url}".strip(), kind=kind)
    return rows


def wants_email(user, kind: str) -> bool:
    """Whether ``user`` takes ``kind`` by email (the desk's preferences refine this)."""
    preferences = getattr(user, "notification_preferences", None)
    if preferences is None:
        return True
    try:
        return preferences.wants_email(kind)
    except AttributeError:
        return True


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
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().filter(pk=message_id, status=OutgoingEmail.Status.PENDING).first()
        if message is None:
            return False
        message.attempts += 1
        try:
            EmailMessage(message.subject, message.body, to=message.to).send()
        except Exception as error:  # any transport error: keep it and try again later
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            message.next_attempt_at = timezone.now() + min(dt.timedelta(minutes=2**message.attempts), MAX_BACKOFF)
            message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return False
        message.status = OutgoingEmail.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def retry_pending(now: dt.datetime | None = None) -> int:
    """Deliver every pending email whose next try is due; returns how many were sent."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).exclude(next_attempt_at__gt=now)
    return sum(deliver(pk) for pk in due.values_list("pk", flat=True))
