"""Journey 5: the directory and its neighbours. An officer corrects their own office phone; the
unit's directory board adds a person in the Wagtail admin; a steering board entered a second
time is refused with the regulation's warning; a speech added on the desk appears on the
agency's site."""

from django.utils import timezone
from playwright.sync_api import expect

from intranet.boards.models import Board
from intranet.units.models import Unit

from .steps import login

AGENCY = "stp"


def _choose(page, field_id, name):
    """A Wagtail chooser: open its modal, search for the name, pick it."""
    page.locator(f"#{field_id}-chooser .chooser__choose-button").click()
    modal = page.locator(".modal.fade.show, .modal[aria-hidden=false]").first
    expect(modal).to_be_visible()
    search = modal.locator("input[name=q]")
    if search.count():
        search.fill(name)
    modal.get_by_role("link", name=name, exact=True).first.click()
    expect(page.locator(f"#{field_id}-title")).to_contain_text(name)


def test_the_directory_boards_and_speeches_as_their_officers_keep_them(browser, portal):
    agency = Unit.objects.get(code=AGENCY)
    officer = login(browser, portal, "cv2_stp")
    officer.goto(portal.url("/danh-ba/ca-nhan/"))
    officer.get_by_label("Điện thoại cơ quan").fill("0234 3822 919")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.locator("body")).to_contain_text("Đã cập nhật thông tin liên hệ của bạn.")

    # The Wagtail admin's fields are found by their ids: its labels carry a required mark.
    board_member = login(browser, portal, "bbt_stp")
    board_member.goto(portal.url("/quan-tri/snippets/directory/person/add/"))
    _choose(board_member, "id_unit", agency.name)
    board_member.locator("#id_full_name").fill("Tôn Thất Long")
    board_member.locator("#id_position").fill("Chuyên viên Phòng Hành chính tư pháp")
    board_member.locator("#id_event_date").fill(timezone.localdate().isoformat())  # the 2-day clock starts here
    board_member.get_by_role("button", name="Lưu").first.click()
    expect(board_member.locator(".messages")).to_contain_text("Tôn Thất Long")
    expect(board_member.locator(".help-critical, .error-message")).to_have_count(0)

    reader = browser.new_page()
    reader.goto(portal.url(f"/danh-ba/{AGENCY}/"))
    expect(reader.locator("main")).to_contain_text("Tôn Thất Long")
    expect(reader.locator("main")).to_contain_text("0234 3822 919")

    existing = Board.objects.filter(standing_unit__code=AGENCY).order_by("pk").first()
    assert existing is not None, "the demo gives the Department of Justice a steering board"
    board_member.goto(portal.url("/quan-tri/snippets/boards/board/add/"))
    board_member.locator("#id_name").fill(existing.name)
    _choose(board_member, "id_standing_unit", existing.standing_unit.name)
    board_member.locator("#id_decision_number").fill(existing.decision_number)
    board_member.locator("#id_decision_date").fill(existing.decision_date.isoformat())
    board_member.locator("#id_decision_date").press("Escape")
    board_member.locator("#id_decision_number").click()  # away from the date picker, which then closes
    board_member.locator("button.action-save").click()
    expect(board_member.locator("body")).to_contain_text("đã có trong hệ thống")
    assert Board.objects.filter(name=existing.name).count() == 1

    leader = login(browser, portal, "lanhdao_stp")
    leader.goto(portal.url("/ban-lam-viec/bai-phat-bieu/them/"))
    title = "Phát biểu tại Hội nghị tổng kết công tác tư pháp năm 2026"
    leader.get_by_label("Tiêu đề").fill(title)
    leader.get_by_label("Ngày").fill(timezone.localdate().isoformat())
    leader.get_by_label("Sự kiện").fill("Hội nghị tổng kết công tác tư pháp")
    leader.get_by_label("Cơ quan").select_option(label=agency.name)
    leader.get_by_label("Nội dung").fill("Kính thưa các đồng chí, năm 2026 ngành tư pháp đã hoàn thành toàn diện các nhiệm vụ.")
    leader.get_by_role("button", name="Đăng", exact=True).click()
    expect(leader.locator("body")).to_contain_text(f"Đã đăng “{title}”")

    reader.goto(portal.url("/bai-phat-bieu/", unit=AGENCY))
    reader.get_by_role("link", name=title).click()
    expect(reader.locator("main")).to_contain_text("ngành tư pháp đã hoàn thành toàn diện các nhiệm vụ")
