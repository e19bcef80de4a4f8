from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publish pages whose go-live moment has come and unpublish expired ones (Wagtail's own command)."""
    call_command("publish_scheduled")


@shared_task
def ping() -> str:
    """A round trip through the broker and a worker (health checks and CI)."""
    return "pong"
