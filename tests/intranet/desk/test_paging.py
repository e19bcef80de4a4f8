"""Issue 18 (3): the desk and the officer's lists page through their items, with counts per kind."""

from __future__ import annotations

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
