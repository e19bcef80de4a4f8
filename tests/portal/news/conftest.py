import pytest
from django.core.cache import cache

from tests.factories.news import province_and_wards


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # page cache and rate limits start empty in every test
    yield
    cache.clear()


@pytest.fixture
def sites(db):
    return province_and_wards()
