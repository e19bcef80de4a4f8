"""QT-07 items follow what happens around them: a calendar change, a unit merger, a scheduled publication."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from intranet.moderation import services
from intranet.moderation.models import ModerationItem, Step
from intranet.units.services import Decision, merge_units
from intranet.workdays.models import CalendarDay
from portal.news.models import ArticlePage
from tests.factories.moderation import submitted

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_day_off_entered_by_the_administrator_moves_open_deadlines(phuxuan):
    with services.acting_at(dt.datetime(2026, 3, 5, 16, 0, tzinfo=HUE)):  # Thursday
        item = submitted(phuxuan.unit)
        services.confirm_receipt(item, phuxuan.officer)
    assert item.step_due_at == dt.datetime(2026, 3, 6, 10, 15, tzinfo=HUE)  # Friday morning
    CalendarDay.objects.create(date=dt.date(2026, 3, 6), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù theo thông báo")
    item.refresh_from_db()
    assert item.step_due_at == dt.datetime(2026, 3, 9, 10, 15, tzinfo=HUE)  # the next Monday
    assert item.steps.get(step=Step.FORWARD).due_at == item.step_due_at


def test_a_merged_units_items_continue_with_the_successors_people(client, phuxuan, thuanhoa):
    item = submitted(phuxuan.unit, "Tin của phường bị sáp nhập")
    merge_units([phuxuan.unit], successor=thuanhoa.unit, decision=Decision(number="1/NQ", date=dt.date(2026, 7, 1)))
    item.refresh_from_db()
    assert item.unit == thuanhoa.unit
    services.confirm_receipt(item, thuanhoa.officer)
    assert item.step == Step.FORWARD
    assert ArticlePage.objects.get(pk=item.page_id).unit == thuanhoa.unit


def test_it_staff_can_schedule_the_publication_and_the_beat_job_publishes_it(client, phuxuan):
    item = submitted(phuxuan.unit, "Tin hẹn giờ đăng")
    services.confirm_receipt(item, phuxuan.officer)
    services.forward(item, phuxuan.officer)
    services.assign(item, phuxuan.leader, phuxuan.officer)
    services.recommend(item, phuxuan.officer, "approve", "Đồng ý")
    services.decide(item, phuxuan.leader, "approve")
    services.publish(item, phuxuan.it, go_live_at=timezone.now() + dt.timedelta(hours=2))
    page = ArticlePage.objects.get(pk=item.page_id)
    assert item.outcome == ModerationItem.Outcome.PUBLISHED and not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    # Two hours pass: move the scheduled moment into the past rather than wait.
    revision = page.get_latest_revision()
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")  # what the beat's "publish-scheduled" job runs
    page.refresh_from_db()
    assert page.live
