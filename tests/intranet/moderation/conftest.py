import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from intranet.moderation import services
from tests.factories.moderation import desk, submitted
from tests.factories.news import province_and_wards

HUE = ZoneInfo("Asia/Ho_Chi_Minh")


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


def run_to_end(desk, item, verdict):
    services.confirm_receipt(item, desk.officer)
    services.forward(item, desk.officer)
    services.assign(item, desk.leader, desk.officer)
    services.recommend(item, desk.officer, verdict, "Dự thảo", reason="Không phù hợp" if verdict == "refuse" else "")
    services.decide(item, desk.leader, verdict)
    if verdict == "approve":
        services.publish(item, desk.it)
    else:
        services.send_refusal(item, desk.officer)


@pytest.fixture
def march_week(phuxuan, thuanhoa):
    """Week of 2–8 March 2026 in Phú Xuân: 2 published, 1 refused, 1 still open; one published the week after."""
    with services.acting_at(dt.datetime(2026, 3, 3, 8, 0, tzinfo=HUE)):
        for title in ("Tin đăng một", "Tin đăng hai"):
            run_to_end(phuxuan, submitted(phuxuan.unit, title), "approve")
        run_to_end(phuxuan, submitted(phuxuan.unit, "Tin bị từ chối"), "refuse")
        submitted(phuxuan.unit, "Tin còn đang xử lý")
        run_to_end(thuanhoa, submitted(thuanhoa.unit, "Tin của phường khác"), "approve")
    with services.acting_at(dt.datetime(2026, 3, 10, 8, 0, tzinfo=HUE)):
        run_to_end(phuxuan, submitted(phuxuan.unit, "Tin tuần sau"), "approve")
    return phuxuan
