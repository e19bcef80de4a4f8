"""HCMC Art. 12: a repeated question is linked to the one that answers it; its tracking code then shows that answer."""

import pytest
from django.utils import timezone

from intranet.cases.models import Case
from tests.factories.cases import case_world, open_questions

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}
ANSWER = "Cần tờ khai và bản chính giấy khai sinh; trả kết quả trong ngày."


@pytest.fixture
def pair(db):
    world = case_world()
    original, repeat = open_questions(world, 2)
    now = timezone.now()
    Case.objects.filter(pk=original.pk).update(step="published", answer=ANSWER, published_at=now, closed_at=now, done_at=now, holder=None)
    return world, Case.objects.get(pk=original.pk), repeat


def test_the_holder_links_a_duplicate_and_its_tracking_code_shows_the_answer(client, pair):
    world, original, repeat = pair
    client.force_login(world.justice_leader)
    response = client.post(f"/ho-so/{repeat.code}/trung-lap/", {"original_code": original.code, "reason": "Cùng nội dung"}, **HOST)
    assert response.status_code == 302
    repeat.refresh_from_db()
    assert repeat.closed_at is not None and repeat.holder is None
    assert repeat.events.filter(action="duplicate", comment="Cùng nội dung").exists()
    client.logout()
    lookup = client.get(f"/tra-cuu/?ma={repeat.code}", **HOST).content.decode()
    assert f"trùng nội dung với câu hỏi {original.code}" in lookup and "bản chính giấy khai sinh" in lookup


def test_someone_not_holding_the_question_cannot_link_it_and_bad_codes_change_nothing(client, pair):
    world, original, repeat = pair
    client.force_login(world.justice_specialist)
    assert client.post(f"/ho-so/{repeat.code}/trung-lap/", {"original_code": original.code, "reason": "x"}, **HOST).status_code in (403, 404)
    client.force_login(world.justice_leader)
    response = client.post(f"/ho-so/{repeat.code}/trung-lap/", {"original_code": repeat.code, "reason": "Tự liên kết"}, **HOST)
    assert response.status_code == 400 and "chính nó" in response.content.decode()
    assert Case.objects.get(pk=repeat.pk).closed_at is None
