"""IT incidents (QT-05/VP) walked over HTTP, with the printable forms."""

import datetime as dt
from decimal import Decimal

import pytest

from intranet.accounts.models import Role
from intranet.cases import services
from intranet.cases.models import Case
from intranet.notifications.models import Notification

from .helpers import HOST, act, fresh, refused

pytestmark = pytest.mark.django_db


def test_an_it_incident_walks_qt05_with_the_right_people(client, world):
    client.force_login(world.ward_specialist)
    response = client.post("/ho-so/su-co-cntt/bao-cao/", {"title": "Máy in tầng 2 không in được", "body": "Báo lỗi kẹt giấy liên tục."}, **HOST)
    case = Case.objects.get(kind="it")
    assert response.status_code == 302
    assert (case.step, case.unit, case.reporter) == ("classify", world.ward, world.ward_specialist)
    # QT-05: 2.5 working days in all, counted from the report.
    assert case.due_at == services.get_calendar().due(case.created_at, Decimal("2.5"))
    assert refused(act(client, case, "classify", extra_category="Phần cứng"))

    client.force_login(world.ward_it)
    assert client.get(f"/ho-so/{case.code}/in/phieu-khac-phuc/", **HOST).status_code == 404
    assert act(client, case, "classify", extra_category="").status_code == 400
    assert act(client, case, "classify", extra_category="Phần cứng – máy in", extra_severity="Trung bình").status_code == 400  # not in the list
    assert act(client, case, "classify", extra_category="Thiết bị ngoại vi (máy in, máy quét)", extra_severity="Trung bình").status_code == 302
    slip = client.get(f"/ho-so/{case.code}/in/phieu-khac-phuc/", **HOST).content.decode()
    assert "PHIẾU KHẮC PHỤC SỰ CỐ CNTT" in slip and "Thiết bị ngoại vi (máy in, máy quét)" in slip
    # The cost is money: typed with or without dots, stored in đồng, shown "1.200.000 đ"; words are refused.
    assert act(client, case, "plan", extra_plan="Thay cụm sấy", extra_cost="khoảng một triệu").status_code == 400
    assert act(client, case, "plan", extra_plan="Thay cụm sấy", extra_cost="1.200.000").status_code == 302
    assert fresh(case).data["cost"] == 1200000
    assert "1.200.000 đ" in client.get(f"/ho-so/{case.code}/", **HOST).content.decode()
    assert act(client, case, "submit").status_code == 302
    assert fresh(case).step == "approval"

    # Only the chair approves; she sends it back once for adjustment.
    assert refused(act(client, case, "approve"))
    client.force_login(world.ward_leader)
    assert act(client, case, "return", comment="Xem lại dự toán").status_code == 302
    assert (fresh(case).step, fresh(case).holder) == ("survey", world.ward_it)
    client.force_login(world.ward_it)
    act(client, case, "plan", extra_plan="Thay cụm sấy (hàng chính hãng)", extra_cost="950.000")
    act(client, case, "submit")
    assert "950.000 đ" in client.get(f"/ho-so/{case.code}/in/van-ban-de-nghi/", **HOST).content.decode()
    client.force_login(world.ward_leader)
    assert act(client, case, "approve").status_code == 302

    client.force_login(world.ward_it)
    assert act(client, case, "complete", extra_vendor="Công ty TNHH Tin học Huế", extra_test_result="In thử 20 trang, đạt").status_code == 302
    assert fresh(case).done_at is not None
    told = Notification.objects.filter(recipient=world.ward_specialist, url=case.get_absolute_url())
    assert told.filter(title__contains="Hoàn thành khắc phục").exists()  # the reporter is told at completion
    assert "In thử 20 trang, đạt" in client.get(f"/ho-so/{case.code}/in/phieu-hoan-thanh/", **HOST).content.decode()
    assert act(client, case, "handover", extra_receiver="Hoàng Thị Báo Sự Cố", extra_documents="Hóa đơn số 0012").status_code == 302
    case = fresh(case)
    assert told.filter(title__contains="Hoàn tất bàn giao").exists()  # and at handover
    record = client.get(f"/ho-so/{case.code}/in/bien-ban-ban-giao/", **HOST).content.decode()
    assert "BIÊN BẢN BÀN GIAO BA BÊN" in record and "Hóa đơn số 0012" in record and "Chưa xác nhận" in record

    # B7 "Bộ phận CNTT, Bộ phận đề nghị": the requesting officer confirms the handover in the system, IT cannot.
    assert (case.step, case.unit, case.holder) == ("handover_confirm", world.ward, world.ward_specialist)
    assert refused(act(client, case, "confirm_handover"))
    client.force_login(world.ward_officer)
    assert refused(act(client, case, "confirm_handover"))
    client.force_login(world.ward_specialist)
    assert act(client, case, "confirm_handover", comment="Máy in đã hoạt động").status_code == 302
    case = fresh(case)
    assert case.step == "closed" and case.closed_at is not None
    record = client.get(f"/ho-so/{case.code}/in/bien-ban-ban-giao/", **HOST).content.decode()
    assert "Hoàng Thị Báo Sự Cố" in record and "Chưa xác nhận" not in record

    # Another unit's officer never sees it.
    client.force_login(world.justice_specialist)
    assert client.get(f"/ho-so/{case.code}/", **HOST).status_code == 404
    assert client.get(f"/ho-so/{case.code}/in/phieu-khac-phuc/", **HOST).status_code == 404


def test_half_day_steps_cross_the_lunch_break(world):
    monday = dt.datetime(2026, 3, 2, 10, 0, tzinfo=services.LOCAL_TZ)
    case = services.open_case("it", title="Mất mạng", body="Phòng họp mất mạng", origin=world.ward, reporter=world.ward_specialist, now=monday)
    assert case.step_due_at == dt.datetime(2026, 3, 2, 15, 45, tzinfo=services.LOCAL_TZ)
    assert case.due_at == dt.datetime(2026, 3, 4, 15, 45, tzinfo=services.LOCAL_TZ)


def test_an_officer_without_it_staff_above_gets_a_clear_message(client, world):
    client.force_login(world.health_specialist)
    response = client.post("/ho-so/su-co-cntt/bao-cao/", {"title": "Hỏng máy", "body": "Không bật được."}, **HOST)
    assert response.status_code == 400 and "Chưa có bộ phận CNTT" in response.content.decode()
    assert not Case.objects.exists()


def test_b5_is_the_chairs_or_an_authorised_vice_chairs(client, world):
    from django.contrib.auth.models import Permission

    from tests.factories.cases import person

    vice = person(world.ward, Role.LEADER, "pct_px", full_name="Phạm Văn Phó Chủ Tịch")
    case = services.open_case("it", title="Mất mạng", body="Phòng họp mất mạng", origin=world.ward, reporter=world.ward_specialist)
    client.force_login(world.ward_it)
    act(client, case, "classify", extra_category="Mạng, đường truyền", extra_severity="Cao")
    act(client, case, "plan", extra_plan="Thay switch", extra_cost="300.000 đ")
    act(client, case, "submit")
    assert fresh(case).step == "approval"

    client.force_login(vice)
    assert refused(act(client, case, "approve"))  # a vice-chair without the chair's authorisation
    vice.user_permissions.add(Permission.objects.get(codename="approve_it_plan"))
    vice = type(vice).objects.get(pk=vice.pk)  # permissions are cached per user object
    client.force_login(vice)
    assert act(client, case, "approve").status_code == 302
    assert fresh(case).step == "repair" and fresh(case).data["cost"] == 300000


def test_the_cost_box_takes_the_dots_officers_type(client, world):
    """Found in the browser: a number box refused "1.200.000", which the field itself accepts."""
    import re

    case = services.open_case("it", title="Máy quét kẹt giấy", body="Quầy 2", origin=world.ward, reporter=world.ward_specialist)
    client.force_login(world.ward_it)
    act(client, case, "classify", extra_category="Thiết bị ngoại vi (máy in, máy quét)")
    page = client.get(f"/ho-so/{case.code}/", **HOST).content.decode()
    cost = re.search(r"<input[^>]*name=\"plan-extra_cost\"[^>]*>", page).group(0)
    assert 'type="text"' in cost and 'inputmode="numeric"' in cost


def test_it_staff_log_an_incident_phoned_in_by_an_officer(client, world):
    """QT-05 B1 "trực tiếp hoặc điện thoại": the officer is the reporter; the history says IT logged it, and how."""
    url = "/ho-so/su-co-cntt/ghi-nhan-thay/"
    client.force_login(world.ward_specialist)
    assert client.get(url, **HOST).status_code == 403  # not IT staff
    client.force_login(world.ward_it)
    form = client.get(url, **HOST)
    assert form.status_code == 200 and "Hoàng Thị Báo Sự Cố" in form.text and "Đặng Ngọc Soạn Thảo" not in form.text
    # An officer of another unit (not served by this IT staff) is refused and nothing is saved.
    outsider = {"reporter": world.justice_specialist.pk, "how": "phone", "title": "Mất mạng", "body": "Mất mạng tầng 3"}
    assert client.post(url, outsider, **HOST).status_code == 400 and not Case.objects.exists()
    assert client.post(url, {**outsider, "reporter": world.ward_specialist.pk, "how": "email"}, **HOST).status_code == 400

    response = client.post(url, {**outsider, "reporter": world.ward_specialist.pk}, **HOST)
    case = Case.objects.get(kind="it")
    assert response.status_code == 302
    assert (case.reporter, case.step, case.unit) == (world.ward_specialist, "classify", world.ward)
    opened = case.events.get(action="open")
    assert opened.actor == world.ward_it and "qua điện thoại" in opened.label and "Hoàng Thị Báo Sự Cố" in opened.label
    page = client.get(f"/ho-so/{case.code}/", **HOST).text
    assert "bộ phận CNTT ghi nhận thay Hoàng Thị Báo Sự Cố" in page
    # The officer sees the case as its reporter.
    client.force_login(world.ward_specialist)
    assert client.get(f"/ho-so/{case.code}/", **HOST).status_code == 200
