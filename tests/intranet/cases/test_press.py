"""Press-reported incidents (App. IV): the daily digest, picking items, handling them."""

import datetime as dt

import pytest

from intranet.cases import services
from intranet.cases.models import Case, PressDigest
from intranet.notifications.models import Notification

from .helpers import HOST, act, fresh, refused

pytestmark = pytest.mark.django_db

ITEMS = """Người dân phản ánh ô nhiễm sông An Cựu
Báo Thanh Niên | https://thanhnien.vn/o-nhiem-an-cuu
Nước sông đổi màu, bốc mùi tại đoạn qua phường Phú Xuân.

Khai trương tuyến xe buýt mới
Báo Thừa Thiên Huế | https://baothuathienhue.vn/xe-buyt
Tuyến xe buýt số 12 đi vào hoạt động."""


def test_the_portal_board_posts_the_digest_and_every_officer_reads_it(client, world):
    client.force_login(world.justice_specialist)
    assert client.post("/ho-so/diem-bao/", {"date": "2026-03-02", "title": "Điểm tin", "items": ITEMS}, **HOST).status_code == 403
    client.force_login(world.board)
    assert client.post("/ho-so/diem-bao/", {"date": "2026-03-02", "title": "Điểm tin", "items": "chỉ một dòng"}, **HOST).status_code == 400
    assert not PressDigest.objects.exists()
    assert client.post("/ho-so/diem-bao/", {"date": "2026-03-02", "title": "Điểm tin ngày 02/03", "items": ITEMS}, **HOST).status_code == 302
    digest = services.press_digest_for(dt.date(2026, 3, 2))
    assert [item.source for item in digest.items.all()] == ["Báo Thanh Niên", "Báo Thừa Thiên Huế"]
    client.force_login(world.ward_specialist)
    assert "ô nhiễm sông An Cựu" in client.get("/ho-so/diem-bao/2026-03-02/", **HOST).content.decode()


def test_a_picked_item_is_handled_by_the_agency_and_confirmed_by_the_office(client, world):
    digest = services.post_press_digest(world.board, date=dt.date(2026, 3, 2), title="Điểm tin",
                                        items=[{"title": "Ô nhiễm sông", "source": "Báo Thanh Niên", "url": "", "summary": "Nước đổi màu."}])
    item = digest.items.get()
    payload = {f"tin{item.pk}-agency": world.justice.pk, f"tin{item.pk}-overseer": world.office_specialist.pk, f"tin{item.pk}-comment": "Xử lý ngay"}

    client.force_login(world.justice_leader)
    assert refused(client.post(f"/ho-so/diem-bao/tin/{item.pk}/giao/", payload, **HOST))
    client.force_login(world.chair)
    assert client.post(f"/ho-so/diem-bao/tin/{item.pk}/giao/", payload, **HOST).status_code == 302
    case = Case.objects.get(kind="press")
    assert (case.step, case.unit, case.overseer) == ("agency_assign", world.justice, world.office_specialist)
    assert case.due_at is not None and case.code.startswith("BN-")
    assert Notification.objects.filter(recipient=world.justice_leader, url=case.get_absolute_url()).exists()
    assert Notification.objects.filter(recipient=world.office_specialist, url=case.get_absolute_url()).exists()

    client.force_login(world.justice_leader)
    assert act(client, case, "assign", holder=world.justice_specialist.pk).status_code == 302
    client.force_login(world.justice_specialist)
    assert act(client, case, "submit_draft", answer="Đã kiểm tra, xử phạt cơ sở xả thải.").status_code == 302
    client.force_login(world.office_specialist)
    assert refused(act(client, case, "approve"))
    client.force_login(world.justice_leader)
    assert act(client, case, "approve").status_code == 302
    assert (fresh(case).step, fresh(case).holder) == ("office_confirm", world.office_specialist)
    client.force_login(world.justice_specialist)
    assert refused(act(client, case, "confirm"))
    client.force_login(world.office_specialist)
    assert act(client, case, "confirm").status_code == 302
    case = fresh(case)
    assert case.step == "done" and case.closed_at and not case.published_at
    # The province leader who picked it follows it.
    client.force_login(world.chair)
    assert client.get(f"/ho-so/{case.code}/", **HOST).status_code == 200


def test_the_digest_reminder_goes_out_only_on_a_working_day_without_a_digest(world):
    tet = dt.datetime(2026, 2, 17, 10, 0, tzinfo=services.LOCAL_TZ)
    monday = dt.datetime(2026, 3, 2, 10, 0, tzinfo=services.LOCAL_TZ)
    assert services.remind_press_digest(now=tet) == 0
    assert services.remind_press_digest(now=monday) == 1
    assert Notification.objects.filter(recipient=world.board, title__contains="điểm tin").exists()
    services.post_press_digest(world.board, date=dt.date(2026, 3, 2), title="Điểm tin",
                               items=[{"title": "T", "source": "S", "url": "", "summary": "Tóm tắt"}])
    assert services.remind_press_digest(now=monday) == 0


# -- App. IV 1: the digest before 11:00, reminded at 10:00, flagged and graded when late or missing ------------
def test_the_digest_is_reminded_at_10_flagged_to_the_boards_leader_when_late_or_missing_and_graded(client, world):
    from zoneinfo import ZoneInfo

    import time_machine

    from intranet.accounts.models import Role
    from tests.factories.cases import person

    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    head = person(world.province, Role.PORTAL_BOARD, "truongban", is_head=True, full_name="Trương Văn Trưởng Ban")
    items = "Tin một\nBáo Nhân Dân | https://nhandan.vn/a\nTóm tắt tin một."

    # Monday 2/3: posted at 09:40 — before the 10:00 reminder, nobody is reminded or flagged: on time.
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 40, tzinfo=hcm), tick=False):
        client.force_login(world.justice_specialist)
        assert refused(client.post("/ho-so/diem-bao/", {"date": "2026-03-02", "title": "Điểm tin", "items": items}, **HOST))
        client.force_login(world.board)
        assert client.post("/ho-so/diem-bao/", {"date": "2026-03-02", "title": "Điểm tin 02/03", "items": items}, **HOST).status_code == 302
    assert services.remind_press_digest(now=dt.datetime(2026, 3, 2, 10, 0, tzinfo=hcm)) == 0

    # Tuesday 3/3: nothing at 10:00 — the board is reminded; at 11:00 still nothing — the board's leader is told, once.
    assert services.remind_press_digest(now=dt.datetime(2026, 3, 3, 10, 0, tzinfo=hcm)) == 2  # both board members
    assert Notification.objects.filter(recipient=world.board, title__contains="hạn trước 11 giờ").exists()
    assert services.flag_missing_press_digest(now=dt.datetime(2026, 3, 3, 10, 59, tzinfo=hcm)) == 0
    assert services.flag_missing_press_digest(now=dt.datetime(2026, 3, 3, 11, 0, tzinfo=hcm)) == 1
    assert services.flag_missing_press_digest(now=dt.datetime(2026, 3, 3, 11, 30, tzinfo=hcm)) == 0
    assert Notification.objects.filter(recipient=head, kind="digest_late", title__contains="chưa có điểm tin").count() == 1
    assert not Notification.objects.filter(recipient=world.board, kind="digest_late").exists()
    assert services.flag_missing_press_digest(now=dt.datetime(2026, 3, 7, 11, 0, tzinfo=hcm)) == 0  # Saturday

    # Wednesday 4/3: posted at 13:45 — late; the leader is told at once.
    with time_machine.travel(dt.datetime(2026, 3, 4, 13, 45, tzinfo=hcm), tick=False):
        client.force_login(world.board)
        client.post("/ho-so/diem-bao/", {"date": "2026-03-04", "title": "Điểm tin 04/03", "items": items}, **HOST)
    assert Notification.objects.filter(recipient=head, kind="digest_late", title__contains="đăng trễ hạn").count() == 1

    # Thursday 5/3 at noon the month's grading: on time, overdue (missing), late, and today's still missing.
    with time_machine.travel(dt.datetime(2026, 3, 5, 12, 0, tzinfo=hcm), tick=False):
        client.force_login(world.ward_specialist)
        response = client.get("/ho-so/diem-bao/", **HOST)
    rows = [(row.date.day, row.due.astimezone(hcm).strftime("%H:%M"), row.status) for row in response.context["grading"]]
    assert rows == [(2, "11:00", "on_time"), (3, "11:00", "overdue"), (4, "11:00", "late"), (5, "11:00", "overdue")]
    assert dict(response.context["grading_counts"])["Quá hạn"] == 2
    assert "Trễ hạn" in response.content.decode()


def test_without_a_head_of_the_board_the_office_leaders_are_told(world):
    import datetime as dt
    from zoneinfo import ZoneInfo

    assert services.flag_missing_press_digest(now=dt.datetime(2026, 3, 3, 11, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))) == 1
    assert Notification.objects.filter(recipient=world.office_leader, kind="digest_late").exists()


def test_the_leader_picks_the_overseer_by_name_not_by_username(client, world):
    """Found in the browser: the overseer list showed the accounts' usernames."""
    services.post_press_digest(world.board, date=dt.date(2026, 3, 2), title="Điểm tin",
                               items=[{"title": "Ô nhiễm sông", "source": "Báo Thanh Niên", "url": "", "summary": "Nước đổi màu."}])
    client.force_login(world.chair)
    page = client.get("/ho-so/diem-bao/2026-03-02/", **HOST).content.decode()
    specialist = world.office_specialist
    assert f">{specialist.get_full_name()} – " in page
    assert f">{specialist.username}<" not in page
