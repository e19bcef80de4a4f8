"""Overdue alerts are true: an answered case is not overdue; a step past its own deadline alerts once."""

import datetime as dt

import pytest

from intranet.cases import services
from intranet.cases.models import Case
from intranet.notifications.models import Notification

from .helpers import HOST
from .test_dashboards_and_jobs import answered, question, to_agency

pytestmark = pytest.mark.django_db
HCM = services.LOCAL_TZ
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM)  # the case is due Monday 9 March 09:00


def test_a_case_answered_late_is_not_overdue_while_the_office_reviews_it(client, world):
    case = answered(world, question(1), assigned_at=MONDAY, approved_at=dt.datetime(2026, 3, 10, 8, 0, tzinfo=HCM))
    now = dt.datetime(2026, 3, 10, 10, 0, tzinfo=HCM)  # past the case's due moment, inside office review's own day
    assert case.step == "office_review" and case.done_at is not None and case.due_at < now
    assert not Case.objects.overdue(now).filter(pk=case.pk).exists()
    assert services.alert_overdue(now=now) == 0
    assert not Notification.objects.filter(kind="case_overdue").exists()

    client.force_login(world.office_specialist)
    listed = client.get("/ho-so/", {"trang-thai": "qua-han"}, **HOST)
    assert case.code not in listed.content.decode()
    page = client.get(case.get_absolute_url(), **HOST)
    assert "Trễ hạn" in page.content.decode()  # graded late, never "Quá hạn"


def test_a_step_past_its_own_deadline_alerts_holder_and_leader_once(world):
    case = to_agency(world, question(1), now=MONDAY)  # agency_assign: 0.5 working day, due 14:45
    services.perform(case, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist), now=MONDAY)
    case = Case.objects.get(pk=case.pk)  # drafting: 3 working days, due Thursday 09:00; the case is due next Monday
    thursday = dt.datetime(2026, 3, 5, 10, 0, tzinfo=HCM)
    assert not Case.objects.overdue(thursday).filter(pk=case.pk).exists()
    assert Case.objects.step_overdue(thursday).filter(pk=case.pk).exists()

    assert services.alert_overdue(now=thursday) == 1
    alerts = Notification.objects.filter(kind="case_overdue")
    assert {n.recipient for n in alerts} == {world.justice_specialist, world.justice_leader}
    assert all(n.title.startswith("Bước quá hạn") for n in alerts)
    assert services.alert_overdue(now=thursday + dt.timedelta(days=1)) == 0  # once per step


def test_the_next_step_alerts_again_and_a_case_past_its_deadline_alerts_daily(world):
    case = to_agency(world, question(1), now=MONDAY)
    tuesday = dt.datetime(2026, 3, 3, 8, 0, tzinfo=HCM)
    assert services.alert_overdue(now=tuesday) == 1  # agency_assign's half day is over
    services.perform(case, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist), now=tuesday)
    assert services.alert_overdue(now=dt.datetime(2026, 3, 6, 10, 0, tzinfo=HCM)) == 1  # drafting's 3 days are over
    assert services.alert_overdue(now=dt.datetime(2026, 3, 9, 10, 0, tzinfo=HCM)) == 1  # the case itself, Monday
    assert services.alert_overdue(now=dt.datetime(2026, 3, 10, 10, 0, tzinfo=HCM)) == 1  # and again Tuesday
    titles = list(Notification.objects.filter(kind="case_overdue", recipient=world.justice_specialist).values_list("title", flat=True))
    assert sum(title.startswith("Quá hạn") for title in titles) == 2
