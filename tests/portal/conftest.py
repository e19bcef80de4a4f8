import pytest
from django.core.cache import cache

from portal.home.visits import VISITS
from tests.factories.news import province_and_wards


def _empty_cache():
    VISITS.push()  # the visits this process still holds go to the cache, and out with it
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    _empty_cache()  # page cache, the site's menu, visits and rate limits start empty in every test
    yield
    _empty_cache()


@pytest.fixture
def sites(db):
    """The province portal and two ward sites (Phú Xuân, Thuận Hóa)."""
    return province_and_wards()
