"""Journey 2: a citizen proposes an article with a photo on the ward's site; the ward's culture
officer, leader and IT staff take it through QT-07 in the browser and it appears on the ward
site; a second proposal is refused and the refusal letter reaches the sender's mailbox."""

import re

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from .steps import login

WARD = "phuxuan"
BODY = (
    "Sáng nay, Đoàn phường Phú Xuân ra quân dọn vệ sinh bờ sông Hương, thu gom hơn hai tấn rác thải "
    "và trồng thêm năm mươi cây xanh dọc đường Lê Lợi."
)


def _propose(browser, portal, title, photo):
    """The citizen's part, on a phone: the ward's proposal form, then the code on the thanks page."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(portal.url("/gui-tin-bai/", unit=WARD))
    page.get_by_label("Tin, bài").check()
    page.get_by_label("Họ và tên").fill("Hồ Thị Mai")
    page.get_by_label("Thư điện tử").fill("mai.ho@example.vn")
    page.get_by_role("textbox", name="Tiêu đề").fill(title)
    page.get_by_role("textbox", name="Nội dung").fill(BODY)
    page.get_by_label("Ảnh kèm theo").set_input_files(str(photo))
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nhận tin, bài, ảnh của bạn")
    code = re.search(r"TB-\S+", page.locator("main").inner_text()).group(0)
    context.close()
    return code


def _step(page, portal, title, button, *, verdict=None, fields=None, select=None):
    """An officer opens the item from their QT-07 list and takes the step the page offers them."""
    page.goto(portal.url("/kiem-duyet/"))
    page.get_by_role("table").first.get_by_role("link", name=title).click()
    form = page.locator("form[action$='/thao-tac/']")
    if verdict:
        form.get_by_role("radio", name=verdict, exact=True).check()
    for label, value in (fields or {}).items():
        form.get_by_label(label).fill(value)
    for label, value in (select or {}).items():
        form.get_by_label(label).select_option(label=value)
    form.get_by_role("button", name=button).click()


def _through_b5(officers, portal, title, verdict, reason=""):
    culture, leader = officers["vanhoa_phuxuan"], officers["lanhdao_phuxuan"]
    _step(culture, portal, title, "Xác nhận tiếp nhận")
    _step(culture, portal, title, "Chuyển lãnh đạo phân công")
    _step(leader, portal, title, "Phân công", fields={"Ý kiến chỉ đạo": "Đề nghị kiểm duyệt trong ngày."})
    _step(culture, portal, title, "Trình lãnh đạo", verdict=verdict,
          fields={"Dự thảo văn bản": f"Về việc đăng tin «{title}»", "Lý do (nếu không đồng ý)": reason})
    _step(leader, portal, title, "Ký văn bản", verdict=verdict)


def test_a_proposed_article_goes_through_qt07_to_the_ward_site_and_a_refused_one_gets_a_letter(browser, portal, tmp_path):
    photo = tmp_path / "bo-song.jpg"
    Image.new("RGB", (640, 480), (30, 120, 200)).save(photo, "JPEG")
    published, refused = "Đoàn phường ra quân làm sạch bờ sông Hương", "Quảng cáo bán đất nền ven sông giá rẻ"
    code = _propose(browser, portal, published, photo)
    officers = {name: login(browser, portal, name) for name in ("vanhoa_phuxuan", "lanhdao_phuxuan", "cntt_phuxuan")}

    _through_b5(officers, portal, published, "Đồng ý cho đăng")
    _step(officers["cntt_phuxuan"], portal, published, "Đăng lên trang")
    expect(officers["cntt_phuxuan"].locator("main")).to_contain_text("Đã đăng")

    reader = browser.new_page()
    reader.goto(portal.url("/", unit=WARD))
    reader.get_by_role("link", name=published).first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(published)
    expect(reader.locator("main")).to_contain_text("thu gom hơn hai tấn rác thải")
    expect(reader.locator("main img").first).to_be_visible()

    reader.goto(portal.url("/tra-cuu/", unit=WARD))
    reader.get_by_label("Mã tra cứu").fill(code)
    reader.get_by_role("button", name="Tra cứu").click()
    expect(reader.locator("main")).to_contain_text(published)

    mail.outbox.clear()
    _propose(browser, portal, refused, photo)
    _through_b5(officers, portal, refused, "Không đồng ý cho đăng", reason="Nội dung quảng cáo thương mại, không thuộc phạm vi đăng tải.")
    letter = "Kính gửi bà Hồ Thị Mai: tin, bài của bà không được đăng vì là nội dung quảng cáo thương mại."
    _step(officers["vanhoa_phuxuan"], portal, refused, "Gửi văn bản từ chối", fields={"Văn bản trả lời người gửi": letter})
    expect(officers["vanhoa_phuxuan"].locator("main")).to_contain_text("Từ chối")

    to_citizen = [message for message in mail.outbox if "mai.ho@example.vn" in message.to]
    assert any("nội dung quảng cáo thương mại" in message.body for message in to_citizen), [m.subject for m in mail.outbox]
    reader.goto(portal.url("/", unit=WARD))
    expect(reader.locator("body")).not_to_contain_text(refused)
