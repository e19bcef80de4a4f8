import pytest


@pytest.mark.worker
def test_a_task_crosses_the_broker_to_a_real_worker(celery_worker_running):
    result = celery_worker_running.send_task("intranet.jobs.tasks.ping")
    assert result.get(timeout=30) == "pong"


@pytest.mark.django_db
def test_the_beat_schedule_is_kept_in_the_database():
    from django_celery_beat.models import PeriodicTask

    from intranet.jobs.services import sync_schedule

    sync_schedule()
    task = PeriodicTask.objects.get(name="publish-scheduled")
    assert task.task == "intranet.jobs.tasks.publish_scheduled"
    assert str(task.crontab.timezone) == "Asia/Ho_Chi_Minh"
