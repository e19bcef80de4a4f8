"""Journey 1: a citizen on a phone reads the portal, searches without diacritics, asks a question,
looks it up with the code, and later reads the published answer; the question's way through the
officers (journey 3 for questions: every step, one return, one escalation to the province leader)
happens in between, each officer in their own browser."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from intranet.accounts.models import User
from intranet.cases.services import forward_screened_questions
from intranet.units.models import Unit

from .conftest import PHONE
from .steps import act, login


def test_a_citizen_on_a_phone_reads_searches_asks_and_reads_the_published_answer(browser, portal):
    phone = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(portal.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thành phố Huế")

    # On a phone the main menu is folded under "Danh mục": the citizen opens it, then picks the news.
    menu = page.get_by_role("navigation", name="Điều hướng chính")
    expect(menu.get_by_role("link", name="Tin tức")).to_be_hidden()
    menu.get_by_text("Danh mục").click()
    menu.get_by_role("link", name="Tin tức").click()
    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Tin tức sự kiện trong tỉnh").click()
    expect(page).to_have_url(re.compile(r"chuyen-muc=tin-tuc-su-kien"))
    expect(page.locator(".news-card .badge").first).to_have_text("Tin tức sự kiện trong tỉnh")
    page.get_by_role("link", name="Festival Huế 2026 thu hút hơn 200 nghìn lượt khách").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Festival Huế 2026 thu hút hơn 200 nghìn lượt khách")
    # Nothing wider than the phone: the article reads without scrolling sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The print view: the article without the buttons and related news.
    print_button = page.get_by_role("button", name="In bài viết")
    expect(print_button).to_be_visible()
    page.emulate_media(media="print")
    expect(print_button).to_be_hidden()
    expect(page.get_by_role("heading", name="Tin cùng chuyên mục")).to_be_hidden()
    expect(page.locator("article .body")).to_contain_text("Festival Huế 2026 thu hút")
    page.emulate_media(media="screen")

    # Search typed without diacritics finds the article written with them.
    page.goto(portal.url("/tim-kiem/"))
    page.get_by_label("Từ khóa (có dấu hoặc không dấu)").fill("festival hue thu hut")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator("main")).to_contain_text("Festival Huế 2026 thu hút hơn 200 nghìn lượt khách")

    # The citizen asks a question and gets the code at once.
    page.goto(portal.url("/hoi-dap/"))
    page.get_by_role("link", name="Gửi câu hỏi").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Thư điện tử").fill("an@example.com")
    page.get_by_label("Tiêu đề").fill("Giấy tờ xin phép xây nhà ở riêng lẻ")
    page.get_by_label("Nội dung câu hỏi").fill("Tôi muốn xây nhà ở riêng lẻ tại phường Phú Xuân thì cần những giấy tờ gì?")
    page.get_by_role("button", name=re.compile("Gửi")).click()
    expect(page.locator("main")).to_contain_text("Đã nhận câu hỏi của bạn")
    code = re.search(r"HD-\d{4}-[0-9A-Z]+", page.locator("main").inner_text()).group(0)

    page.goto(portal.url("/tra-cuu/"))
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("main")).to_contain_text(f"{code} – Giấy tờ xin phép xây nhà ở riêng lẻ")
    expect(page.locator("main")).to_contain_text("Đã tiếp nhận câu hỏi")

    # The officers, each in their own browser, take it through every step of the question.
    people = {user.username: user for user in User.objects.filter(username__in=["cv_vp", "lanhdao_tinh", "cv_stp"])}
    justice = Unit.objects.get(code="stp")
    answer = "Theo Luật Xây dựng, hồ sơ gồm đơn đề nghị cấp giấy phép, giấy tờ về đất và bản vẽ thiết kế."
    walk = [
        ("bbt_cong", "screen", {}),
        (None, "batch", {}),  # the 10:00 / 16:00 batch
        ("lanhdao_vp", "assign", {"holder": people["cv_vp"].pk}),
        ("cv_vp", "consult", {"holder": people["lanhdao_tinh"].pk, "comment": "Kính xin ý kiến chỉ đạo."}),  # escalation
        ("lanhdao_tinh", "reply", {"comment": "Giao Sở Tư pháp trả lời."}),
        ("cv_vp", "forward", {"target_unit": justice.pk}),
        ("lanhdao_stp", "assign", {"holder": people["cv_stp"].pk}),
        ("cv_stp", "submit_draft", {"answer": "Cần đơn đề nghị."}),
        ("lanhdao_stp", "return", {"comment": "Bổ sung căn cứ pháp lý."}),  # one return
        ("cv_stp", "submit_draft", {"answer": answer}),
        ("lanhdao_stp", "approve", {}),
        ("cv_vp", "publish", {}),
    ]
    officers = {}
    for username, action, fields in walk:
        if username is None:
            forward_screened_questions(timezone.now())
            continue
        if username not in officers:
            officers[username] = login(browser, portal, username)
        act(officers[username], portal, code, action, **fields)
    history = officers["cv_vp"].locator(".history")
    for label in ("Xin ý kiến lãnh đạo UBND tỉnh", "Trả lại để chỉnh sửa", "Rà soát xong, đăng lên Cổng TTĐT"):
        expect(history).to_contain_text(label)

    # An officer of another unit opening the case's address is refused.
    outsider = login(browser, portal, "vanhoa_phuxuan")
    outsider.goto(portal.url(f"/ho-so/{code}/"))
    expect(outsider.locator("main")).not_to_contain_text("Giấy tờ xin phép xây nhà ở riêng lẻ")
    expect(outsider.locator("form[action*='/xu-ly/']")).to_have_count(0)

    # Later the citizen reads the published answer.
    page.goto(portal.url("/hoi-dap/"))
    page.get_by_role("link", name="Giấy tờ xin phép xây nhà ở riêng lẻ").click()
    expect(page.locator("main")).to_contain_text(answer)
    expect(page.locator("main")).not_to_contain_text("an@example.com")
