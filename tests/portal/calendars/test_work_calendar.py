"""Lịch công tác (issue 14): a unit's leaders' week, day by day, this week by default, the previous and
next weeks a link away, printable on A4 landscape; in the menu once a week is published; edited by
the unit's own editors only."""

import datetime as dt
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from portal.calendars.weeks import monday_of
from tests.factories import PersonFactory, UserFactory
from tests.factories.sections import calendar_week, work_calendar
from tests.portal.pages_text import menu_items as _menu
from tests.portal.pages_text import page_text as _text

pytestmark = pytest.mark.django_db
WARD = {"HTTP_HOST": "phuxuan.localhost"}


@pytest.fixture
def this_monday():
    return monday_of(timezone.localdate())


def test_the_calendar_shows_this_week_grouped_by_day_with_dates(client, sites, this_monday):
    _tinh, phuxuan, _ = sites
    chairman = PersonFactory(unit=phuxuan, full_name="Tôn Thất Long", position="Chủ tịch UBND")
    calendar_week(phuxuan, this_monday, [
        {"day": 3, "time": dt.time(8, 0), "leader": chairman, "leader_text": "", "content": "Họp Ủy ban thường kỳ",
         "location": "Phòng họp số 1", "participants": "Thành viên Ủy ban", "preparing": "Văn phòng"},
        {"day": 0, "time": dt.time(14, 0), "leader_text": "Phó Chủ tịch UBND phường", "content": "Tiếp công dân"},
        {"day": 0, "time": dt.time(7, 30), "content": "Chào cờ đầu tuần"},
    ])
    response = client.get("/lich-cong-tac/", **WARD)
    assert response.status_code == 200
    page = _text(response.text)
    monday, thursday = this_monday.strftime("%d/%m/%Y"), (this_monday + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    # Monday's two entries in time order, then Thursday's; Saturday and Sunday, with nothing on, are left out.
    assert re.search(rf"Thứ Hai, {monday} .*07h30 .*Chào cờ đầu tuần .*14h00 .*Tiếp công dân .*Thứ Năm, {thursday} .*08h00 .*Họp Ủy ban thường kỳ", page)
    assert "Tôn Thất Long – Chủ tịch UBND" in page and "Phó Chủ tịch UBND phường" in page
    assert "Thứ Ba" in page and "Không có lịch." in page and "Thứ Bảy" not in page and "Chủ nhật" not in page
    assert "Tuần này" in page


def test_previous_and_next_week_are_a_link_away(client, sites, this_monday):
    _tinh, phuxuan, _ = sites
    last_monday = this_monday - dt.timedelta(days=7)
    calendar_week(phuxuan, last_monday, [{"day": 5, "content": "Ra quân vệ sinh môi trường cuối tuần"}])
    calendar_week(phuxuan, this_monday, [{"day": 1, "content": "Giao ban tuần này"}])
    this_week = client.get("/lich-cong-tac/", **WARD).text
    year, week, _ = last_monday.isocalendar()
    previous = f"?tuan={year}-W{week:02d}"
    assert f'href="/lich-cong-tac/{previous}"' in this_week and "Ra quân" not in this_week

    last_week = _text(client.get(f"/lich-cong-tac/{previous}", **WARD).text)
    assert "Ra quân vệ sinh môi trường cuối tuần" in last_week and "Giao ban tuần này" not in last_week
    assert f"Thứ Bảy, {(last_monday + dt.timedelta(days=5)):%d/%m/%Y}" in last_week  # the weekend shows when something is on

    far = client.get("/lich-cong-tac/?tuan=2020-W05", **WARD)
    assert far.status_code == 200 and "Chưa có lịch công tác của tuần này." in far.text and "27/01/2020" in far.text
    # A week that does not exist is this week, not an error.
    assert "Giao ban tuần này" in client.get("/lich-cong-tac/?tuan=2026-W77", **WARD).text


def test_a_weeks_own_address_shows_that_week_in_its_calendar(client, sites, this_monday):
    _tinh, phuxuan, _ = sites
    calendar = work_calendar(phuxuan)
    type(calendar).objects.filter(pk=calendar.pk).update(intro="Do Văn phòng phường cập nhật hằng tuần.")
    last_monday = this_monday - dt.timedelta(days=7)
    week = calendar_week(phuxuan, last_monday, [{"day": 2, "content": "Việc của tuần trước"}])
    page = _text(client.get(week.get_url(), **WARD).text)
    assert "Việc của tuần trước" in page and "Do Văn phòng phường cập nhật hằng tuần." in page
    assert f"Thứ Tư, {(last_monday + dt.timedelta(days=2)):%d/%m/%Y}" in page


def test_a_week_not_yet_published_is_not_shown(client, sites, this_monday):
    _tinh, phuxuan, _ = sites
    calendar_week(phuxuan, this_monday, [{"day": 2, "content": "Lịch dự kiến chưa duyệt"}], live=False)
    assert "Lịch dự kiến chưa duyệt" not in client.get("/lich-cong-tac/", **WARD).text


def test_the_printable_view_is_the_week_alone_on_a_landscape_a4_sheet(client, sites, this_monday):
    _tinh, phuxuan, _ = sites
    calendar_week(phuxuan, this_monday, [{"day": 4, "content": "Đối thoại với người dân <b>khu vực 3</b>"}])
    year, week, _ = this_monday.isocalendar()
    response = client.get(f"/lich-cong-tac/?tuan={year}-W{week:02d}&in=1", **WARD)
    assert response.status_code == 200
    html = response.text
    assert "Đối thoại với người dân &lt;b&gt;khu vực 3&lt;/b&gt;" in html  # escaped
    assert 'class="site-nav"' not in html and "site-footer" not in html and "PHƯỜNG PHÚ XUÂN" in html
    assert "css/calendar.css" in html
    with open(finders.find("css/calendar.css"), encoding="utf-8") as stylesheet:
        assert "size: A4 landscape" in stylesheet.read()


def test_the_calendar_is_in_the_menu_after_questions_only_once_a_week_is_published(client, sites, this_monday):
    from portal.home.models import StandardPage

    _tinh, phuxuan, _ = sites
    home = phuxuan.site.root_page
    contact = StandardPage(title="Liên hệ", slug="lien-he", show_in_menus=True)
    home.add_child(instance=contact)
    contact.save_revision().publish()
    work_calendar(phuxuan)
    assert "Lịch công tác" not in _menu(client.get("/", **WARD).text)  # an empty calendar is no section
    calendar_week(phuxuan, this_monday, [{"day": 0, "content": "Giao ban"}])
    menu = _menu(client.get("/", **WARD).text)
    assert menu.index("Hỏi đáp") + 1 == menu.index("Lịch công tác") == menu.index("Liên hệ") - 1
    assert "Lịch công tác" not in _menu(client.get("/", HTTP_HOST="thuanhoa.localhost").text)


def test_the_calendar_page_reads_a_fixed_number_of_queries(client, sites, this_monday, django_assert_max_num_queries):
    _tinh, phuxuan, _ = sites
    leaders = [PersonFactory(unit=phuxuan, position="Phó Chủ tịch UBND") for _ in range(5)]
    calendar_week(phuxuan, this_monday, [{"day": n % 7, "leader": leaders[n % 5], "content": f"Việc {n}"} for n in range(30)])
    client.get("/lich-cong-tac/", **WARD)  # the menu and footer are kept after the first page
    with django_assert_max_num_queries(12):
        assert client.get("/lich-cong-tac/", **WARD).status_code == 200


# -- who edits a unit's calendar ------------------------------------------------------------------
@pytest.fixture
def editors(sites):
    _tinh, phuxuan, thuanhoa = sites
    px, th = UserFactory(username="bbt_px"), UserFactory(username="bbt_th")
    grant_role(px, phuxuan, Role.UNIT_BOARD)
    grant_role(th, thuanhoa, Role.UNIT_BOARD)
    return px, th


def test_only_the_units_own_editors_edit_its_calendar(client, sites, editors, this_monday):
    _tinh, phuxuan, _ = sites
    px, th = editors
    week = calendar_week(phuxuan, this_monday, [{"day": 0, "content": "Giao ban"}])
    edit = reverse("wagtailadmin_pages:edit", args=[week.pk])
    add = reverse("wagtailadmin_pages:add", args=["calendars", "workcalendarweekpage", week.get_parent().pk])
    client.force_login(th)
    assert client.get(edit).status_code in (302, 403)
    assert client.get(add).status_code in (302, 403)
    client.post(edit, {"title": "Sửa trộm", "slug": week.slug, "week_start": this_monday.isoformat()})
    week.refresh_from_db()
    assert week.title != "Sửa trộm"
    client.force_login(px)
    assert client.get(edit).status_code == 200


def test_the_leader_picker_offers_the_units_people_by_name_position_and_unit(client, sites, editors, this_monday):
    _tinh, phuxuan, thuanhoa = sites
    px, _th = editors
    PersonFactory(unit=phuxuan, full_name="Tôn Thất Long", position="Chủ tịch UBND")
    PersonFactory(unit=thuanhoa, full_name="Hồ Văn Khác", position="Chủ tịch UBND")
    week = calendar_week(phuxuan, this_monday, [{"day": 0, "content": "Giao ban"}])
    client.force_login(px)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[week.pk])).text
    assert "Tôn Thất Long – Chủ tịch UBND – Phú Xuân" in page  # in the entry's select and in the "add an entry" template
    assert "Hồ Văn Khác" not in page
    assert "data-person-filter" in page


def test_each_week_is_kept_apart_in_the_page_cache(client, sites, this_monday, settings):
    settings.PAGE_CACHE_SECONDS = 300
    _tinh, phuxuan, _ = sites
    last_monday = this_monday - dt.timedelta(days=7)
    calendar_week(phuxuan, last_monday, [{"day": 0, "content": "Việc tuần trước"}])
    calendar_week(phuxuan, this_monday, [{"day": 0, "content": "Việc tuần này"}])
    year, week, _ = last_monday.isocalendar()
    for _visit in range(2):  # the second visit is answered from the cache
        this_week = client.get("/lich-cong-tac/", **WARD)
        last_week = client.get(f"/lich-cong-tac/?tuan={year}-W{week:02d}", **WARD)
        printed = client.get(f"/lich-cong-tac/?tuan={year}-W{week:02d}&in=1", **WARD)
        assert this_week.has_header("ETag") and last_week.has_header("ETag") and printed.has_header("ETag")
        assert "Việc tuần này" in this_week.text and "Việc tuần trước" not in this_week.text
        assert "Việc tuần trước" in last_week.text and 'class="site-nav"' in last_week.text
        assert "Việc tuần trước" in printed.text and 'class="site-nav"' not in printed.text
