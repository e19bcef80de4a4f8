import pytest

from tests.factories.moderation import desk
from tests.factories.news import province_and_wards


@pytest.fixture
def phuxuan(db):
    return desk(province_and_wards()[1])
