"""Beat jobs of the steering boards; each only calls a service and does nothing on a non-working day."""

from celery import shared_task

from . import services


@shared_task
def alert_late_board_entries() -> int:
    """App. II 1: a board not entered within 2 working days of its decision alerts the standing agency."""
    return services.alert_late_board_entries()
