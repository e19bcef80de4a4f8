from celery import shared_task


@shared_task
def flush_search_hits() -> int:
    """Add the search hits counted in the cache to the editors' "popular searches" report."""
    from .promotions import flush_hits

    return flush_hits()
