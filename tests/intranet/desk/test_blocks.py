"""The desk's blocks fed by other apps, through HTTP, for a real officer in a real unit.

Steering boards (issue 5's boards app), my articles and speeches with add and edit on the desk
(the speeches app's service and models, so the provincial store still gets each version),
today's press digest and my open cases and moderation steps (issue 6 / issue 3), and a leader's
unit dashboard. Each block is also checked from another unit's user, who must not see it.
"""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from intranet.cases import services as cases
from intranet.cases.models import PressDigest, PressItem
from intranet.speeches.models import Speech
from intranet.store.models import OutboxEntry
from tests.factories.boards import BoardFactory, BoardMemberFactory, SpeechFactory
from tests.factories.cases import case_world, to_office
from tests.factories.moderation import desk as moderation_desk
from tests.factories.moderation import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate limiter counts in the cache
    yield
    cache.clear()


def _page(client, user, **extra):
    client.force_login(user)
    response = client.get("/ban-lam-viec/", **extra)
    assert response.status_code == 200
    return response.content.decode()


# -- steering boards ---------------------------------------------------------------------------
def test_my_steering_boards_are_listed_and_linked_and_not_on_a_colleague_elsewhere(client, tree):
    board = BoardFactory(name="Ban Chỉ đạo chuyển đổi số phường Phú Xuân", standing_unit=tree.phuxuan)
    BoardMemberFactory(board=board, person=tree.officer.person, role="Phó Trưởng ban")
    draft = BoardFactory(name="Ban đang soạn chưa công bố", standing_unit=tree.phuxuan, live=False)
    BoardMemberFactory(board=draft, person=tree.officer.person)

    page = _page(client, tree.officer)
    assert "Ban Chỉ đạo chuyển đổi số phường Phú Xuân" in page
    assert f'href="/ban-chi-dao/{board.pk}/"' in page
    assert "Ban đang soạn chưa công bố" not in page

    other = _page(client, tree.other)
    assert "Ban Chỉ đạo chuyển đổi số phường Phú Xuân" not in other
    assert "Bạn chưa tham gia ban chỉ đạo nào." in other


# -- articles and speeches ---------------------------------------------------------------------
def _speech_post(unit, **changes):
    data = {"kind": "speech", "title": "Phát biểu khai mạc Hội nghị chuyển đổi số", "date": "2026-11-20",
            "event": "Hội nghị chuyển đổi số phường", "unit": str(unit.pk), "text": "Kính thưa các đồng chí,\n\nHôm nay <b>khai mạc</b>."}
    data.update(changes)
    return data


def test_my_speeches_are_listed_with_an_edit_link_and_not_shown_to_another_unit(client, tree):
    mine = SpeechFactory(unit=tree.phuxuan, owner=tree.officer, title="Bài viết về cải cách hành chính")
    SpeechFactory(unit=tree.thuanhoa, owner=tree.other, title="Phát biểu của phường Thuận Hóa")
    page = _page(client, tree.officer)
    assert "Bài viết về cải cách hành chính" in page
    assert f'href="/ban-lam-viec/bai-phat-bieu/{mine.pk}/sua/"' in page
    assert 'href="/ban-lam-viec/bai-phat-bieu/them/"' in page
    assert "Phát biểu của phường Thuận Hóa" not in page


def test_adding_a_speech_on_the_desk_publishes_it_and_queues_it_for_the_store(client, tree):
    client.force_login(tree.officer)
    response = client.post("/ban-lam-viec/bai-phat-bieu/them/", _speech_post(tree.phuxuan))
    assert response.status_code == 302 and response["Location"] == "/ban-lam-viec/"
    speech = Speech.objects.get(title="Phát biểu khai mạc Hội nghị chuyển đổi số")
    assert speech.live and speech.owner == tree.officer and speech.unit == tree.phuxuan
    assert "&lt;b&gt;khai mạc&lt;/b&gt;" in speech.text  # what the officer typed is escaped, not run
    entry = OutboxEntry.objects.get(channel="speeches", record_id=str(speech.store_key))
    assert entry.payload["title"] == speech.title and entry.unit_code == "phuxuan"
    assert "Phát biểu khai mạc Hội nghị chuyển đổi số" in client.get("/ban-lam-viec/").content.decode()


def test_a_speech_cannot_be_added_for_another_unit_and_bad_input_changes_nothing(client, tree):
    client.force_login(tree.officer)
    response = client.post("/ban-lam-viec/bai-phat-bieu/them/", _speech_post(tree.thuanhoa))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    response = client.post("/ban-lam-viec/bai-phat-bieu/them/", _speech_post(tree.phuxuan, title=""))
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    assert not Speech.objects.exists() and not OutboxEntry.objects.filter(channel="speeches").exists()


def test_editing_my_speech_on_the_desk_publishes_a_new_version_to_the_store(client, tree):
    client.force_login(tree.officer)
    client.post("/ban-lam-viec/bai-phat-bieu/them/", _speech_post(tree.phuxuan))
    speech = Speech.objects.get()
    form = client.get(f"/ban-lam-viec/bai-phat-bieu/{speech.pk}/sua/").content.decode()
    assert "Hôm nay &lt;b&gt;khai mạc&lt;/b&gt;." in form  # the stored rich text comes back as the plain text typed

    response = client.post(f"/ban-lam-viec/bai-phat-bieu/{speech.pk}/sua/",
                           _speech_post(tree.phuxuan, title="Phát biểu bế mạc Hội nghị chuyển đổi số", text="Xin cảm ơn."))
    assert response.status_code == 302
    speech.refresh_from_db()
    assert speech.title == "Phát biểu bế mạc Hội nghị chuyển đổi số" and speech.text == "<p>Xin cảm ơn.</p>"
    versions = list(OutboxEntry.objects.filter(channel="speeches", record_id=str(speech.store_key)).order_by("version"))
    assert [entry.payload["title"] for entry in versions] == [
        "Phát biểu khai mạc Hội nghị chuyển đổi số", "Phát biểu bế mạc Hội nghị chuyển đổi số"]


def test_another_units_officer_cannot_open_or_change_my_speech(client, tree):
    speech = SpeechFactory(unit=tree.phuxuan, owner=tree.officer, title="Bài của Phú Xuân")
    client.force_login(tree.other)
    assert client.get(f"/ban-lam-viec/bai-phat-bieu/{speech.pk}/sua/").status_code == 403
    response = client.post(f"/ban-lam-viec/bai-phat-bieu/{speech.pk}/sua/", _speech_post(tree.thuanhoa, title="Đã bị sửa"))
    assert response.status_code == 403
    speech.refresh_from_db()
    assert speech.title == "Bài của Phú Xuân" and not OutboxEntry.objects.filter(channel="speeches").exists()


def test_the_speech_forms_need_a_login(client, tree):
    speech = SpeechFactory(unit=tree.phuxuan, owner=tree.officer)
    assert client.get("/ban-lam-viec/bai-phat-bieu/them/")["Location"].startswith("/dang-nhap/")
    assert client.post(f"/ban-lam-viec/bai-phat-bieu/{speech.pk}/sua/", _speech_post(tree.phuxuan))["Location"].startswith("/dang-nhap/")


# -- the press digest ---------------------------------------------------------------------------
def test_todays_press_digest_is_on_every_officers_desk_but_not_yesterdays(client, tree):
    today = timezone.localdate()
    digest = PressDigest.objects.create(date=today, title="Điểm tin hôm nay")
    PressItem.objects.create(digest=digest, title="Huế khánh thành cầu mới", source="Báo Thừa Thiên Huế",
                             url="https://baothuathienhue.vn/a", summary="Tóm tắt")
    old = PressDigest.objects.create(date=today - dt.timedelta(days=1), title="Điểm tin hôm qua")
    PressItem.objects.create(digest=old, title="Tin cũ của hôm qua", source="Báo Nhân Dân", summary="Tóm tắt")
    for user in (tree.officer, tree.other):
        page = _page(client, user)
        assert "Huế khánh thành cầu mới" in page and "Báo Thừa Thiên Huế" in page
        assert "Tin cũ của hôm qua" not in page
        assert f'/ho-so/diem-bao/{today.isoformat()}/' in page


# -- open work and the leader's dashboard (cases, moderation) ------------------------------------
def _question(n):
    return cases.submit_question(name=f"Dân {n}", phone="0905123456", email="", address="", field="khac",
                                 title=f"Câu hỏi về đất đai số {n}", question="Nội dung câu hỏi đủ dài để gửi đi.")


def _to_justice(world, case):
    to_office(world, case)
    cases.perform(case, world.office_leader, "assign", cases.ActionInput(holder=world.office_specialist))
    return cases.perform(case, world.office_specialist, "forward", cases.ActionInput(target_unit=world.justice))


def test_my_open_cases_show_with_their_due_badge_and_not_on_another_departments_desk(client):
    world = case_world()
    case = _to_justice(world, _question(1))
    page = _page(client, world.justice_leader, HTTP_HOST="localhost")
    assert case.get_absolute_url() in page and "Câu hỏi về đất đai số 1" in page
    assert "Lãnh đạo cơ quan giao chuyên viên xử lý" in page
    # The badge depends on today's place in the working week; some badge is always there.
    assert re.search(r'class="badge (in_time|due-soon)">(Trong hạn|Sắp đến hạn)<', page)
    other = _page(client, world.health_specialist, HTTP_HOST="localhost")
    assert "Câu hỏi về đất đai số 1" not in other and "Không có công việc đang chờ xử lý." in other


def test_my_moderation_steps_are_on_my_desk_only(client):
    from tests.factories.news import province_and_wards

    _tinh, phuxuan, thuanhoa = province_and_wards()
    here, there = moderation_desk(phuxuan), moderation_desk(thuanhoa)
    item = submitted(phuxuan, "Tin lễ hội đường phố chờ tiếp nhận")
    page = _page(client, here.officer)
    assert "Tin lễ hội đường phố chờ tiếp nhận" in page and f"/kiem-duyet/{item.pk}/" in page
    assert "Tin lễ hội đường phố chờ tiếp nhận" not in _page(client, there.officer)


def test_a_leaders_desk_shows_the_units_dashboard_by_status_and_timeliness(client):
    world = case_world()
    for n in range(2):
        _to_justice(world, _question(n))
    page = _page(client, world.justice_leader, HTTP_HOST="localhost")
    assert "Thống kê hồ sơ – Sở Tư pháp và đơn vị trực thuộc" in page
    assert 'data-stat="total">2<' in page and 'data-stat="open">2<' in page and 'data-stat="in_time">2<' in page
    assert f"/ho-so/thong-ke/?pham-vi={world.justice.pk}" in page
    # An officer who leads nothing has no unit dashboard; another department's leader sees only theirs.
    assert "Thống kê hồ sơ" not in _page(client, world.justice_specialist, HTTP_HOST="localhost")
    from intranet.accounts.models import Role
    from tests.factories.cases import person

    health_leader = person(world.health, Role.LEADER, "lanhdao_syt", is_head=True)
    health = _page(client, health_leader, HTTP_HOST="localhost")
    assert "Thống kê hồ sơ – Sở Y tế" in health and 'data-stat="total">0<' in health
    assert "Sở Tư pháp và đơn vị trực thuộc" not in health


def test_the_leaders_desk_costs_the_same_number_of_queries_with_more_work(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = case_world()
    client.force_login(world.justice_leader)
    client.get("/ban-lam-viec/", HTTP_HOST="localhost")  # the first visit creates the admin user profile

    def measure(total):
        while Speech.objects.count() < total:
            n = Speech.objects.count()
            _to_justice(world, _question(n))
            SpeechFactory(unit=world.justice, owner=world.justice_leader, title=f"Phát biểu {n}")
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/ban-lam-viec/", HTTP_HOST="localhost").content.decode()
        assert page.count('data-stat="total">') == 1 and f'data-stat="total">{total}<' in page
        return len(captured)

    assert measure(2) == measure(9)
