import pytest

from tests.factories import province, unit_with_site


@pytest.fixture
def stp(db):
    return unit_with_site(province(), code="stp", name="Sở Tư pháp")


@pytest.fixture
def store_down(settings):
    """The provincial store is another server that does not answer (nothing listens on port 1)."""
    settings.PROVINCE_STORE_URL = "http://127.0.0.1:1"
    settings.PROVINCE_STORE_TOKEN = "khoa-khong-dung"
    return settings


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """Run the code, commit, and let the on-commit delivery run (Celery is eager in tests)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
