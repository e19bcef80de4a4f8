"""Waiting for more (HCMC Art. 10.2) pauses the clock; extensions never pass 10 working days; QT-05 is fixed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from intranet.cases import services, waiting
from intranet.cases.models import Case

from .helpers import HOST
from .test_dashboards_and_jobs import question, to_agency

pytestmark = pytest.mark.django_db
HCM = services.LOCAL_TZ
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM)


def drafting(world):
    case = to_agency(world, question(1), now=MONDAY)
    return services.perform(case, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist), now=MONDAY)


def test_waiting_pauses_the_clock_and_moves_both_deadlines_by_the_working_time_waited(client, world):
    case = drafting(world)  # case due Monday 9 March 09:00; drafting (3 days) due Thursday 5 March 09:00
    due, step_due = case.due_at, case.step_due_at
    client.force_login(world.justice_specialist)
    empty = client.post(f"/ho-so/{case.code}/cho-bo-sung/", {"reason": " "}, **HOST, follow=True)
    assert "Vui lòng nêu lý do chờ bổ sung" in empty.content.decode() and not Case.objects.get(pk=case.pk).is_waiting

    waiting.start_waiting(case, world.justice_specialist, reason="Chờ công dân bổ sung giấy tờ đất", now=dt.datetime(2026, 3, 3, 9, 0, tzinfo=HCM))
    case = Case.objects.get(pk=case.pk)
    page = client.get(case.get_absolute_url(), **HOST).content.decode()
    assert "Đang chờ bổ sung" in page and "Chờ công dân bổ sung giấy tờ đất" in page
    assert services.allowed_actions(case, world.justice_specialist) == []  # nothing moves while it waits
    later = dt.datetime(2026, 3, 12, 9, 0, tzinfo=HCM)
    assert not Case.objects.overdue(later).filter(pk=case.pk).exists() and services.alert_overdue(now=later) == 0

    # Two working days waited (Tuesday 09:00 → Thursday 09:00): both deadlines move two working days.
    waiting.resume(case, world.justice_specialist, comment="Đã nhận giấy tờ", now=dt.datetime(2026, 3, 5, 9, 0, tzinfo=HCM))
    case = Case.objects.get(pk=case.pk)
    assert case.paused_days == Decimal(2)
    assert case.due_at == dt.datetime(2026, 3, 11, 9, 0, tzinfo=HCM) and due == dt.datetime(2026, 3, 9, 9, 0, tzinfo=HCM)
    assert case.step_due_at == dt.datetime(2026, 3, 9, 9, 0, tzinfo=HCM) and step_due == dt.datetime(2026, 3, 5, 9, 0, tzinfo=HCM)
    services.recompute_open_deadlines(Case.objects.filter(pk=case.pk))  # a calendar change keeps the pause
    assert Case.objects.get(pk=case.pk).due_at == dt.datetime(2026, 3, 11, 9, 0, tzinfo=HCM)
    assert services.allowed_actions(case, world.justice_specialist)
    public = client.get("/tra-cuu/", {"ma": case.code}, **HOST).content.decode()
    assert "Đang chờ bổ sung thông tin" in public


def test_only_the_holder_puts_a_case_on_hold(client, world):
    case = drafting(world)
    client.force_login(world.justice_specialist2)
    response = client.post(f"/ho-so/{case.code}/cho-bo-sung/", {"reason": "Thử"}, **HOST)
    assert response.status_code in (403, 404) and not Case.objects.get(pk=case.pk).is_waiting


def test_extensions_never_pass_ten_working_days_in_total(client, world):
    case = drafting(world)  # 5 days
    client.force_login(world.justice_specialist)
    response = client.post(f"/ho-so/{case.code}/gia-han/", {"days": "6", "reason": "Cần xác minh"}, **HOST)
    assert response.status_code == 400 and "không quá 10 ngày làm việc" in response.content.decode()
    extension = services.request_extension(case, world.justice_specialist, days=Decimal(5), reason="Cần xác minh thực địa")
    second = services.request_extension(case, world.justice_specialist, days=Decimal(2), reason="Thêm thời gian")
    services.decide_extension(extension, world.justice_leader, approve=True)
    with pytest.raises(ValidationError):
        services.decide_extension(second, world.justice_leader, approve=True)
    assert Case.objects.get(pk=case.pk).total_days == Decimal(10)


def test_a_hard_case_and_an_it_incident_cannot_be_extended(world):
    hard = to_agency(world, question(2), now=MONDAY, hard=True)
    hard = services.perform(hard, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist), now=MONDAY)
    with pytest.raises(ValidationError):
        services.request_extension(hard, world.justice_specialist, days=Decimal("0.5"), reason="Phức tạp")
    incident = services.report_it_incident(world.ward_specialist, title="Mất mạng", body="Không truy cập được.")
    with pytest.raises(ValidationError, match="QT-05"):
        services.request_extension(incident, world.ward_it, days=Decimal(1), reason="Chờ thiết bị")
