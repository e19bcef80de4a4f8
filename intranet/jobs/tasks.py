from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publish pages whose go-live moment has come and unpublish expired ones (Wagtail's own command)."""
    call_command("publish_scheduled")


@shared_task
def update_search_index() -> None:
    """Rebuild the search index from the database (Wagtail's own command), every night.

    Saves update the index as they happen; this catches what bypasses them (bulk
    imports and updates, a failed index write) and drops entries of objects that
    are gone or no longer public. PostgreSQL and SQLite upsert in place; on
    Elasticsearch the command builds a new index and switches the alias, so
    search keeps answering meanwhile. Running it twice changes nothing.
    """
    call_command("update_index", verbosity=0)


@shared_task
def nightly_backup() -> str:
    """Write tonight's archive of the database and media into BACKUP_DIR, keep the newest BACKUP_KEEP."""
    from intranet.jobs.backup import create_backup, prune_backups

    path = create_backup()
    prune_backups(directory=path.parent)
    return str(path)


@shared_task
def ping() -> str:
    """A round trip through the broker and a worker (health checks and CI)."""
    return "pong"


@shared_task
def purge_security_trail() -> int:
    """Forget security trail events older than ``SECURITY_TRAIL_DAYS`` (issue 16); running twice changes nothing."""
    from intranet.accounts import trail

    return trail.purge()
