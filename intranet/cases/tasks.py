"""Beat jobs of the case engine. Each only calls a service; each is idempotent and
does nothing on a non-working day (the service asks the calendar)."""

from celery import shared_task

from . import services


@shared_task
def receive_new_questions() -> int:
    """App. V 1: 10:00 and 16:00 — new questions reach the province office's list."""
    return services.receive_new_questions()


@shared_task
def remind_office_leaders() -> int:
    """App. V 2.a: 07:30 and 14:00 — the office leader assigns the questions waiting."""
    return services.remind_office_leaders()


@shared_task
def remind_press_digest() -> int:
    """App. IV 1: 10:00 — the digest is due before 11:00; remind the portal board if it is missing."""
    return services.remind_press_digest()


@shared_task
def flag_missing_press_digest() -> int:
    """App. IV 1: 11:00 — no digest yet: the portal board's leader is told; the day counts as overdue."""
    return services.flag_missing_press_digest()


@shared_task
def alert_overdue_cases() -> int:
    """Overdue cases alert the holder and their leader, once per working day."""
    return services.alert_overdue()
