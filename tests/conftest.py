import os

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files go to a throw-away folder per test.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _process_memo():
    # portal.memo keeps sites and units per process; a rolled-back test tells it nothing.
    from portal import memo

    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def celery_worker_running(transactional_db):
    """A real Celery worker: the CI worker on Redis if one runs, else one in this process
    on the memory broker. Tests send tasks with ``send_task`` so they cross the broker."""
    from portal.celery import app

    if os.environ.get("CELERY_EXTERNAL_WORKER") == "1":
        yield app
        return
    from celery.contrib.testing.worker import start_worker

    app.conf.update(broker_url="memory://", result_backend="cache+memory://", task_always_eager=False)
    _forget_backend(app)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.update(
            broker_url=settings.CELERY_BROKER_URL,
            result_backend=settings.CELERY_RESULT_BACKEND,
            task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
        )
        _forget_backend(app)


def _forget_backend(app):
    # Celery caches the result backend on first use; a changed result_backend needs a fresh one.
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def wagtail_basics(transactional_db):
    """What Wagtail's migrations create and a transactional test's flush removes:
    the default locale, the root page and the root collection."""
    from tests.factories.wagtail import restore_wagtail_basics

    restore_wagtail_basics()
