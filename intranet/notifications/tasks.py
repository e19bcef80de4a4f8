from celery import shared_task

from . import services


@shared_task
def deliver_email(message_id: int) -> bool:
    return services.deliver(message_id)


@shared_task
def deliver_emails(message_ids: list[int]) -> int:
    """A batch of emails over one connection (``queue_emails``: a hundred a task)."""
    return services.deliver_batch(message_ids)


@shared_task
def retry_pending_emails() -> int:
    return services.retry_pending()


@shared_task
def send_birthday_greetings() -> int:
    """Art. 6.5, every morning (weekends too: a birthday is a birthday). Idempotent per day."""
    from django.utils import timezone

    from .birthdays import greet

    return greet(timezone.localdate())
