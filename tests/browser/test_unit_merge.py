"""Journey 6: the system administrator merges Phường Thuận Hóa into Phường Phú Xuân in the admin
(Cây đơn vị → the ward → Sáp nhập, with the decision's number and date). Afterwards the old
ward's addresses lead to Phú Xuân's pages, its open work (an IT incident case, a QT-07 item, a
program task) is on Phú Xuân's desks, where Phú Xuân's leader acts on it, and Thuận Hóa's officers
go on working as officers of Phú Xuân with the roles they had.

Thuận Hóa's people and open work are made here (the demo gives the ward a site and news only).
The merge cannot be undone within the package, so this module runs after the other journeys
(alphabetically last) and touches no ward another journey uses except Phú Xuân, which only gains.
"""

import datetime as dt
import http.client
import re

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from intranet.accounts.models import Membership, Role, User
from intranet.accounts.names import split_name
from intranet.accounts.services import grant_role
from intranet.cases import services as cases
from intranet.directory.models import Person
from intranet.moderation import services as qt07
from intranet.moderation.models import ModerationItem
from intranet.programs.models import ProgramTask, ProvinceProgram
from intranet.units.models import Unit
from portal.news.models import ArticlePage
from tests.factories.moderation import submitted

from .conftest import DESKTOP, LOGS, PHONE
from .steps import login

OLD, NEW = "thuanhoa", "phuxuan"
DECISION = "1680/NQ-UBTVQH15"
CASE_TITLE = "Máy tính bộ phận một cửa phường Thuận Hóa không khởi động"
ITEM_TITLE = "Thuận Hóa tổ chức ngày hội đọc sách cho thiếu nhi"
TASK_TITLE = "Rà soát hộ nghèo, hộ cận nghèo phường Thuận Hóa"

# username, full name, role, is head, position
THUAN_HOA = [
    ("lanhdao_thuanhoa", "Trương Công Định", Role.LEADER, True, "Chủ tịch UBND phường Thuận Hóa"),
    ("vanhoa_thuanhoa", "Phạm Thị Thu Thảo", Role.CULTURE_OFFICER, False, "Công chức Văn hóa – Xã hội"),
    ("cntt_thuanhoa", "Lê Văn Quang", Role.IT_STAFF, False, "Bộ phận CNTT"),
    ("cv_thuanhoa", "Nguyễn Thị Bích Ngọc", Role.SPECIALIST, False, "Chuyên viên"),
]


def _thuan_hoa_at_work():
    """Thuận Hóa's officers (demo password, in the directory) and an open item of every kind."""
    ward = Unit.objects.select_related("site").get(code=OLD)
    people = {}
    for username, full_name, role, is_head, position in THUAN_HOA:
        last, first = split_name(full_name)
        user = User(username=username, first_name=first, last_name=last, email=f"{username}@hue.gov.vn", password_changed_at=timezone.now())
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        grant_role(user, ward, role, is_head=is_head)
        Person.objects.create(user=user, unit=ward, full_name=full_name, position=position, email=user.email,
                              civil_servant_code=f"journey-{username}")
        people[username] = user
    case = cases.report_it_incident(people["cv_thuanhoa"], title=CASE_TITLE, body="Máy tính quầy số 1 không lên màn hình từ sáng.")
    item = submitted(ward, ITEM_TITLE, slug="ngay-hoi-doc-sach")
    qt07.confirm_receipt(item, people["vanhoa_thuanhoa"])
    qt07.forward(item, people["vanhoa_thuanhoa"])  # waits for the leader to assign (B3)
    program = ProvinceProgram.objects.filter(status=ProvinceProgram.Status.ISSUED).latest("issued_at")
    task = ProgramTask.objects.create(program=program, unit=ward, title=TASK_TITLE, assignee=people["cv_thuanhoa"])
    article = ArticlePage.objects.live().filter(unit=ward).order_by("path").first()
    return ward, people, case, item, task, article


def _status_and_location(portal, path, unit):
    """What the old address answers, without following it (as a crawler or an old bookmark sees it)."""
    connection = http.client.HTTPConnection("127.0.0.1", portal.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": f"{unit}.{settings.PORTAL_DOMAIN}:{portal.port}"})
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def _merge_in_the_admin(browser, portal, ward):
    """quantri: Cây đơn vị → Thuận Hóa → Sáp nhập, with the decision; the form seen at 390 and 1366 px."""
    admin = login(browser, portal, "quantri")
    admin.goto(portal.url("/quan-tri/"))
    admin.get_by_role("link", name="Cây đơn vị").click()
    admin.locator("#id_q").fill("Thuận Hóa")
    admin.locator("#id_q").press("Enter")
    admin.get_by_role("link", name=ward.name, exact=True).click()
    # The operations the law records are in sight beside the unit's name, on a phone too.
    LOGS.mkdir(parents=True, exist_ok=True)
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        admin.set_viewport_size(size)
        admin.reload()
        for operation in ("Đổi tên", "Chia tách", "Sáp nhập"):
            expect(admin.get_by_role("link", name=operation, exact=True)).to_be_in_viewport()
        admin.screenshot(path=str(LOGS / f"unit-edit-{name}.png"))
    admin.get_by_role("link", name="Sáp nhập", exact=True).click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Sáp nhập đơn vị")
    form = admin.locator("main form")
    expect(form.get_by_label("Sáp nhập vào đơn vị")).to_be_visible()
    expect(admin.locator("main")).to_contain_text("thao tác này không hoàn tác được")
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        admin.set_viewport_size(size)
        admin.reload()
        admin.screenshot(path=str(LOGS / f"unit-merge-form-{name}.png"), full_page=True)
        # Nothing of the form lies beyond the screen's right edge (the admin hides what overflows).
        beyond = admin.evaluate(
            "[...document.querySelectorAll('main form input, main form select, main form button')]"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.name || e.textContent.trim())"
        )
        assert beyond == [], f"cut off at {size['width']} px: {beyond}"

    form.get_by_label("Sáp nhập vào đơn vị").select_option(label="Phường Phú Xuân")
    form.get_by_label("Số quyết định").fill(DECISION)
    form.get_by_label("Ngày quyết định").fill("2025-06-16")
    form.get_by_role("button", name="Sáp nhập đơn vị").click()
    expect(admin.locator(".messages")).to_contain_text("Đã sáp nhập “Phường Thuận Hóa” vào “Phường Phú Xuân”; địa chỉ cũ được chuyển hướng.")
    # The administrator goes on in Phú Xuân; the tree shows Thuận Hóa dissolved.
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Phường Phú Xuân")
    admin.get_by_role("link", name="Cây đơn vị").click()
    expect(admin.get_by_role("row").filter(has_text="thuanhoa.localhost")).to_contain_text("Đã giải thể / sáp nhập")
    admin.context.close()


def test_the_sysadmin_merges_a_ward_and_its_addresses_work_and_people_go_on_in_the_successor(browser, portal):
    ward, people, case, item, task, article = _thuan_hoa_at_work()
    old_article_path = article.url_path[len(ward.site.root_page.url_path) - 1 :]

    _merge_in_the_admin(browser, portal, ward)

    # (a) The old ward's addresses answer with a permanent redirect to Phú Xuân's pages.
    status, location = _status_and_location(portal, "/", OLD)
    assert (status, location) == (301, portal.url("/", unit=NEW))
    status, location = _status_and_location(portal, old_article_path, OLD)
    assert status == 301 and location.startswith(portal.url("/", unit=NEW)), (status, location)
    citizen = browser.new_context(locale="vi-VN", viewport=PHONE).new_page()
    citizen.goto(portal.url(old_article_path, unit=OLD))
    expect(citizen).to_have_url(re.compile(rf"^http://{NEW}\."))
    expect(citizen.get_by_role("heading", level=1)).to_have_text(article.title)
    citizen.context.close()

    # (b) Phú Xuân's leader finds the old ward's open work on his desk and acts on it.
    leader = login(browser, portal, "lanhdao_phuxuan")
    leader.goto(portal.url("/kiem-duyet/"))
    leader.get_by_role("link", name=ITEM_TITLE).first.click()
    expect(leader.locator("main")).to_contain_text("Phường Phú Xuân")
    picker = leader.get_by_label("Giao cho công chức Văn hóa")
    # Two culture officers now: the picker says who is who (name family first, position, unit).
    expect(picker.locator("option")).to_contain_text(
        ["Hoàng Thị Mai – Công chức Văn hóa – Xã hội – Phú Xuân", "Phạm Thị Thu Thảo – Công chức Văn hóa – Xã hội – Phú Xuân"]
    )
    picker.select_option(label="Hoàng Thị Mai – Công chức Văn hóa – Xã hội – Phú Xuân")
    leader.get_by_label("Ý kiến chỉ đạo").fill("Sau sáp nhập, đồng chí Mai kiểm duyệt tin này.")
    leader.get_by_role("button", name="Phân công").click()
    assert ModerationItem.objects.get(pk=item.pk).assigned_officer.username == "vanhoa_phuxuan"

    leader.goto(portal.url("/ho-so/"))
    leader.get_by_role("link", name=case.code, exact=True).click()
    expect(leader.locator("main")).to_contain_text(CASE_TITLE)
    leader.get_by_role("link", name="Phân công lại").click()
    # The transfer's history says the merge brought it, recorded by the administrator.
    expect(leader.locator(".history")).to_contain_text("Sáp nhập Phường Thuận Hóa vào Phường Phú Xuân.")
    expect(leader.locator(".history")).to_contain_text("(Trần Quốc Bảo)")
    leader.get_by_role("searchbox", name="Tìm người trong danh sách Giao cho").fill("cntt")
    leader.get_by_label("Giao cho", exact=True).select_option(label="Ngô Quang Huy – Bộ phận CNTT – Phú Xuân")
    leader.get_by_label("Lý do").fill("Sau sáp nhập, bộ phận CNTT phường Phú Xuân xử lý.")
    leader.get_by_role("button", name="Phân công lại").click()
    expect(leader.locator(".messages")).to_contain_text("Ngô Quang Huy")

    leader.goto(portal.url("/chuong-trinh-cong-tac/"))
    row = leader.get_by_role("row").filter(has_text=TASK_TITLE)
    expect(row.get_by_role("cell", name="Phú Xuân", exact=True)).to_be_visible()
    leader.context.close()

    # Phú Xuân's officers find what they were given among their own work.
    culture = login(browser, portal, "vanhoa_phuxuan")
    culture.goto(portal.url("/kiem-duyet/"))
    expect(culture.get_by_role("table").first).to_contain_text(ITEM_TITLE)
    culture.context.close()
    it = login(browser, portal, "cntt_phuxuan")
    it.goto(portal.url("/ho-so/?viec=cua-toi"))
    it.get_by_role("link", name=case.code, exact=True).click()
    expect(it.locator("dd.step")).to_have_text("B2. Bộ phận CNTT tiếp nhận, phân loại")
    expect(it.locator(".history")).to_contain_text("Sáp nhập Phường Thuận Hóa vào Phường Phú Xuân.")
    it.context.close()

    # (c) Thuận Hóa's officers hold their roles in Phú Xuân; its head leads on as a leader, not the head.
    moved = {m.user.username: (m.unit.code, m.role, m.is_head) for m in Membership.objects.filter(user__in=people.values()).select_related("user", "unit")}
    assert moved == {username: (NEW, role, False) for username, _name, role, _head, _position in THUAN_HOA}
    specialist = login(browser, portal, "cv_thuanhoa")
    specialist.goto(portal.url(f"/chuong-trinh-cong-tac/nhiem-vu/{task.pk}/"))
    expect(specialist.locator("main")).to_contain_text(TASK_TITLE)
    expect(specialist.locator("main")).to_contain_text("Phường Phú Xuân")
    specialist.context.close()
    former_head = login(browser, portal, "lanhdao_thuanhoa")
    former_head.goto(portal.url("/kiem-duyet/"))
    expect(former_head.locator("main")).to_contain_text(ITEM_TITLE)  # a leader of Phú Xuân sees the ward's QT-07 items
    former_head.context.close()
    assert Unit.objects.get(pk=ward.pk).status == Unit.Status.DISSOLVED
    assert not ArticlePage.objects.filter(unit=ward).exists()
    assert dt.date(2025, 6, 16) == ward.events.get(kind="merge").decision_date
