from celery import shared_task

from intranet.jobs.guards import on_working_days

from . import services


@shared_task
@on_working_days
def remind_reports():
    """Reminders a working day before reports fall due, and overdue notices (each once): the province programme's
    tasks, and the units' regular reports (overdue ones flagged to the province office)."""
    return {"tasks": services.remind(), "periodic_reports": services.remind_periodic_reports()}
