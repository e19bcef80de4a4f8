from celery import shared_task

from . import services


@shared_task
def deliver_email(message_id: int) -> bool:
    return services.deliver(message_id)


@shared_task
def retry_pending_emails() -> int:
    return services.retry_pending()
