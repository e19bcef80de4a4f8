from celery import shared_task

from . import services


@shared_task
def deliver_record_task(channel: str, record_id: str) -> int:
    return services.deliver_record(channel, record_id)


@shared_task
def retry_pending_task() -> int:
    return services.retry_pending()
