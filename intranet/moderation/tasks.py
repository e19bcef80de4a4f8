from celery import shared_task

from . import services
from .periodic import send_period_reports


@shared_task
def alert_overdue_steps() -> int:
    """Alert holders and their leaders of QT-07 steps past their due moment (once per step)."""
    return services.alert_overdue()


@shared_task
def weekly_reports() -> int:
    """B7: tell each unit's culture officer and IT staff that last week's summary is ready."""
    return send_period_reports("tuan")


@shared_task
def monthly_reports() -> int:
    """B7: the same for last month."""
    return send_period_reports("thang")


@shared_task
def retry_submission_intake() -> int:
    """Submissions kept while their intake into QT-07 failed get another try."""
    from portal.submissions.services import retry_intake

    return retry_intake()
