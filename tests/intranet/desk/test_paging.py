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
