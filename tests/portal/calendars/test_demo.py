"""The demo's work calendars and drafts put out for comment: several units, believable, loaded twice the same."""

import io
import re

import pytest
from wagtail.models import Page, Revision

from portal.calendars import demo as calendars_demo
from portal.calendars.models import WorkCalendarEntry, WorkCalendarWeekPage
from portal.consultations import demo as consultations_demo
from portal.consultations.models import Comment, ConsultationPage

pytestmark = pytest.mark.django_db


def _fingerprint():
    return (Page.objects.count(), Revision.objects.count(), WorkCalendarEntry.objects.count(), Comment.objects.count(),
            list(Comment.objects.order_by("pk").values_list("status", "created_at")))


def test_the_demo_has_calendars_and_drafts_on_several_units_and_loads_twice_the_same(client):
    from intranet.accounts import demo as accounts_demo
    from intranet.directory import demo as directory_demo
    from intranet.units import demo as units_demo

    for loader in (units_demo, accounts_demo, directory_demo, calendars_demo, consultations_demo):
        loader.load(io.StringIO())
    weeks = WorkCalendarWeekPage.objects.live()
    assert weeks.count() == 8 and len({week.get_parent().pk for week in weeks}) == 4
    # A ward's chairman and vice-chairman come from its directory, named family name first.
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/lich-cong-tac/", HTTP_HOST="phuxuan.localhost").text))
    # The chairman is the head the footer names (the head leader's directory record).
    assert "Tôn Thất Long – Chủ tịch UBND phường Phú Xuân" in page and "– Phó Chủ tịch UBND" in page and "Chào cờ đầu tuần" in page
    assert "Nguyễn Văn Phương – Chủ tịch UBND thành phố" in client.get("/lich-cong-tac/").text

    drafts = ConsultationPage.objects.live()
    assert drafts.count() == 6
    assert sum(draft.is_open() for draft in drafts) == 3
    assert all(draft.comments_summary for draft in drafts if not draft.is_open())
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 3
    listing = client.get("/lay-y-kien-du-thao/", HTTP_HOST="phuxuan.localhost").text
    assert "Đang lấy ý kiến" in listing and "Đã hết hạn góp ý" in listing

    before = _fingerprint()
    calendars_demo.load(io.StringIO())
    consultations_demo.load(io.StringIO())
    assert _fingerprint() == before
