import pytest
from django.core.cache import cache

from tests.factories.news import province_and_wards


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # page cache, the site's menu and rate limits start empty in every test
    yield
    cache.clear()


@pytest.fixture
def sites(db):
    """The province portal and two ward sites (Phú Xuân, Thuận Hóa)."""
    return province_and_wards()
