from celery import shared_task


@shared_task
def flush_visits() -> int:
    """Add the visits counted in the cache to the visit statistics (``PageVisit``)."""
    from .visits import flush

    return flush()
