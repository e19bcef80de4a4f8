"""Issue 18 (3): the desk and the officer's lists page through their items, with counts per kind."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.cases import case_world, open_questions

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return re.findall(r"Câu hỏi chờ xử lý số (\d{4})", html)


def _desk(client, user, **params):
    client.force_login(user)
    response = client.get("/ban-lam-viec/", params, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode()


def test_the_desk_shows_25_items_a_page_with_a_vietnamese_pager_and_the_count_per_kind(client):
    world = case_world()
    open_questions(world, 60)
    first = _desk(client, world.justice_leader)
    assert _titles(first) == [f"{n:04d}" for n in range(25)]
    assert "Trang 1/3" in first and ">Sau<" in first and ">Trước<" not in first
    assert "<li>Câu hỏi của công dân: <strong>60</strong></li>" in first
    second = _desk(client, world.justice_leader, trang=2)
    assert _titles(second) == [f"{n:04d}" for n in range(25, 50)]
    assert "Trang 2/3" in second and ">Trước<" in second and ">Sau<" in second
    last = _desk(client, world.justice_leader, trang=99)  # past the end: the last page
    assert _titles(last) == [f"{n:04d}" for n in range(50, 60)] and "Trang 3/3" in last


def test_the_desk_costs_the_same_queries_with_10_and_1000_open_items(client, django_assert_max_num_queries):
    world = case_world()
    open_questions(world, 10)
    _desk(client, world.justice_leader)  # warm caches (site, calendar)
    with CaptureQueriesContext(connection) as small:
        page = _desk(client, world.justice_leader)
    assert len(_titles(page)) == 10 and "Trang 1/" not in page
    open_questions(world, 990, start=10)
    with django_assert_max_num_queries(len(small)):
        page = _desk(client, world.justice_leader)
    assert len(_titles(page)) == 25 and "Trang 1/40" in page and "Câu hỏi của công dân: <strong>1000</strong>" in page
    with django_assert_max_num_queries(len(small)):
        page = _desk(client, world.justice_leader, trang=2)
    assert _titles(page)[0] == "0025"


def _get(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode()


def test_my_cases_list_pages_by_25_keeps_its_filter_and_counts_per_kind(client, django_assert_max_num_queries):
    world = case_world()
    open_questions(world, 10)
    _get(client, world.justice_leader, "/ho-so/", viec="cua-toi")
    with CaptureQueriesContext(connection) as small:
        _get(client, world.justice_leader, "/ho-so/", viec="cua-toi")
    open_questions(world, 50, start=10)
    with django_assert_max_num_queries(len(small)):
        first = _get(client, world.justice_leader, "/ho-so/", viec="cua-toi")
    assert len(_titles(first)) == 25 and "Trang 1/3" in first and "Câu hỏi của công dân: <strong>60</strong>" in first
    assert 'href="?viec=cua-toi&amp;trang=2"' in first  # the pager keeps the filter
    second = _get(client, world.justice_leader, "/ho-so/", viec="cua-toi", trang=2)
    assert len(_titles(second)) == 25 and not set(_titles(first)) & set(_titles(second)) and "Trang 2/3" in second


def test_my_alerts_page_by_25_with_the_count_per_kind(client, django_assert_max_num_queries):
    from tests.factories.accounts import UserFactory
    from tests.factories.desk import NotificationFactory

    officer = UserFactory()
    NotificationFactory.create_batch(3, recipient=officer)
    _get(client, officer, "/thong-bao/")
    with CaptureQueriesContext(connection) as small:
        _get(client, officer, "/thong-bao/")
    NotificationFactory.create_batch(27, recipient=officer, kind="reminder")
    with django_assert_max_num_queries(len(small)):
        first = _get(client, officer, "/thong-bao/")
    assert first.count("/thong-bao/") >= 25 and "Trang 1/2" in first
    assert "Được giao việc mới: <strong>3</strong>" in first and "Nhắc hạn xử lý công việc: <strong>27</strong>" in first
    second = _get(client, officer, "/thong-bao/", trang=2)
    assert "Trang 2/2" in second and ">Trước<" in second and ">Sau<" not in second


def test_the_units_program_tasks_page_by_25(client, django_assert_max_num_queries):
    from django.utils import timezone

    from intranet.programs.models import ProgramTask, ProvinceProgram

    world = case_world()
    today = timezone.localdate()
    program = ProvinceProgram.objects.create(
        period_kind="month", year=today.year, month=today.month, status=ProvinceProgram.Status.ISSUED, issued_at=timezone.now(),
        report_due_at=timezone.now() + dt.timedelta(days=20),
    )

    def tasks(numbers):
        ProgramTask.objects.bulk_create([ProgramTask(program=program, unit=world.justice, title=f"Nhiệm vụ số {n:03d}") for n in numbers])

    tasks(range(5))
    _get(client, world.justice_specialist, "/chuong-trinh-cong-tac/")
    with CaptureQueriesContext(connection) as small:
        _get(client, world.justice_specialist, "/chuong-trinh-cong-tac/")
    tasks(range(5, 40))
    with django_assert_max_num_queries(len(small)):
        first = _get(client, world.justice_specialist, "/chuong-trinh-cong-tac/")
    second = _get(client, world.justice_specialist, "/chuong-trinh-cong-tac/", trang=2)
    assert first.count("Nhiệm vụ số ") == 25 and second.count("Nhiệm vụ số ") == 15
    assert "Trang 1/2" in first and "Trang 2/2" in second and '<span class="badge">40</span>' in first


def _program_tasks(world, numbers):
    from django.utils import timezone

    from intranet.programs.models import ProgramTask, ProvinceProgram

    today = timezone.localdate()
    program, _created = ProvinceProgram.objects.get_or_create(
        period_kind="month", year=today.year, month=today.month,
        defaults={"status": ProvinceProgram.Status.ISSUED, "issued_at": timezone.now(), "report_due_at": timezone.now() + dt.timedelta(days=20)},
    )
    ProgramTask.objects.bulk_create([ProgramTask(program=program, unit=world.justice, title=f"Nhiệm vụ số {n:04d}") for n in numbers])


def test_the_desk_of_a_leader_with_cases_moderation_and_programme_tasks_costs_the_same_at_10_and_1000(client, django_assert_max_num_queries):
    from intranet.moderation.models import Step
    from tests.factories.moderation import items_at_step

    world = case_world()
    open_questions(world, 4)
    items_at_step(world.justice, 3, Step.ASSIGN)
    _program_tasks(world, range(3))
    _desk(client, world.justice_leader)
    with CaptureQueriesContext(connection) as small:
        page = _desk(client, world.justice_leader)
    assert "Trang 1/" not in page and page.count("Tin chờ kiểm duyệt số ") == 3 and page.count("Nhiệm vụ số ") == 3
    open_questions(world, 396, start=4)
    items_at_step(world.justice, 297, Step.ASSIGN, start=3)
    _program_tasks(world, range(3, 300))
    with django_assert_max_num_queries(len(small)):
        page = _desk(client, world.justice_leader, trang=3)
    assert "Trang 3/40" in page
    for kind, number in (("Câu hỏi của công dân", 400), ("Kiểm duyệt tin bài", 300), ("Chương trình công tác", 300)):
        assert f"<li>{kind}: <strong>{number}</strong></li>" in page
    # Page numbers: the first and the last, two either side of this one, the gaps elided.
    numbers = re.findall(r'class="pager-number" href="\?trang=(\d+)#cong-viec"', page)
    assert numbers == ["1", "2", "4", "5", "40"] and '<span class="pager-current" aria-current="page">3</span>' in page
    assert page.count('<span class="pager-gap">…</span>') == 1


def test_the_moderation_queue_pages_by_25_with_the_count_per_step(client, django_assert_max_num_queries):
    from intranet.moderation.models import Step
    from tests.factories.moderation import items_at_step

    world = case_world()
    items_at_step(world.justice, 2, Step.ASSIGN)
    items_at_step(world.justice, 1, Step.DECIDE, start=2)
    _get(client, world.justice_leader, "/kiem-duyet/")
    with CaptureQueriesContext(connection) as small:
        page = _get(client, world.justice_leader, "/kiem-duyet/")
    assert "Trang 1/" not in page and "<li>B3. Phân công xử lý: <strong>2</strong></li>" in page
    items_at_step(world.justice, 40, Step.ASSIGN, start=3)
    items_at_step(world.justice, 10, Step.DECIDE, start=43)
    with django_assert_max_num_queries(len(small)):
        first = _get(client, world.justice_leader, "/kiem-duyet/")
    assert "Trang 1/3" in first and '<span class="badge">53</span>' in first
    assert "<li>B3. Phân công xử lý: <strong>42</strong></li>" in first and "<li>B5. Phê duyệt, ký văn bản: <strong>11</strong></li>" in first
    held = first.split("Việc tôi đang giữ")[1].split("Tin, bài, ảnh của đơn vị")[0]
    assert held.count("Tin chờ kiểm duyệt số ") == 25
    third = _get(client, world.justice_leader, "/kiem-duyet/", trang=3)
    held = third.split("Việc tôi đang giữ")[1].split("Tin, bài, ảnh của đơn vị")[0]
    assert held.count("Tin chờ kiểm duyệt số ") == 3 and "Trang 3/3" in third and ">Sau<" not in third


def test_the_most_overdue_moderation_steps_show_ten_and_the_total(client, django_assert_max_num_queries):
    from intranet.moderation.models import ModerationItem, Step
    from tests.factories.moderation import items_at_step

    world = case_world()
    items_at_step(world.justice, 30, Step.ASSIGN)
    ModerationItem.objects.update(step_due_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    page = _get(client, world.justice_leader, "/kiem-duyet/")
    overdue = page.split("Bước quá hạn")[1].split("Việc tôi đang giữ")[0]
    assert overdue.count("Tin chờ kiểm duyệt số ") == 10 and "Đang hiện 10 bước quá hạn lâu nhất trong tổng số 30 bước." in overdue


def test_the_programme_list_counts_tasks_awaiting_a_report_and_reported(client):
    from django.utils import timezone

    from intranet.programs.models import ProgramTask

    world = case_world()
    _program_tasks(world, range(30))
    ProgramTask.objects.filter(pk__in=ProgramTask.objects.order_by("pk").values("pk")[:4]).update(reported_at=timezone.now())
    page = _get(client, world.justice_specialist, "/chuong-trinh-cong-tac/")
    assert "<li>Chờ báo cáo kết quả: <strong>26</strong></li>" in page and "<li>Đã báo cáo: <strong>4</strong></li>" in page
