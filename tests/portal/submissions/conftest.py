import pytest
from django.core.cache import cache

from tests.factories.moderation import desk
from tests.factories.news import province_and_wards


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate limit counts per test
    yield
    cache.clear()


@pytest.fixture
def phuxuan(db):
    return desk(province_and_wards()[1])
