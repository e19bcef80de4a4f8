import pytest
from django.core.cache import cache

from tests.factories.moderation import desk
from tests.factories.news import province_and_wards


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sites(db):
    return province_and_wards()


@pytest.fixture
def phuxuan(sites):
    return desk(sites[1])


@pytest.fixture
def thuanhoa(sites):
    return desk(sites[2])
