"""Journey 3: each of the four kinds of case (SPEC; App. IV–VI, QT-05) through every step, each
step taken in the browser by the officer the kind's table names, from the work waiting for them.

Every kind has a return somewhere; questions go up to the province leader and voter opinions up a
level (the escalations). Each officer sees the step, its deadline and the history; an officer of
another unit opening the case's address is refused.

The cases are new ones with titles of their own, so the demo's cases and the other journeys'
counts are not touched beyond one more case of each kind.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from intranet.accounts.models import User
from intranet.cases.models import Case
from intranet.cases.services import forward_screened_questions
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, due

from .steps import Officers, take

REFUSED = "Không tìm thấy trang"


@pytest.fixture(scope="module")
def officers(browser, portal):
    logged_in = Officers(browser, portal)
    yield logged_in
    logged_in.close()


def _people(*usernames):
    return {user.username: user for user in User.objects.filter(username__in=usernames)}


def _shown(moment: dt.datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


def _sees(page, *, step, history=(), due_at=None):
    """What an officer reads on the case page: the step it is at, its deadline, what happened so far."""
    expect(page.locator("dd.step")).to_have_text(step)
    if due_at is not None:
        expect(page.locator("dd.due")).to_have_text(_shown(due_at))
    for line in history:
        expect(page.locator(".history")).to_contain_text(line)


def _refused(browser, portal, username, code, title):
    """An officer of a unit the case never reached opens its address: refused, nothing of it shown."""
    from .steps import login

    outsider = login(browser, portal, username)
    outsider.goto(portal.url(f"/ho-so/{code}/"))
    expect(outsider.get_by_role("heading", level=1)).to_have_text(REFUSED)
    expect(outsider.locator("main")).not_to_contain_text(title)
    expect(outsider.locator("form[action*='/xu-ly/']")).to_have_count(0)
    outsider.goto(portal.url("/ho-so/"))
    expect(outsider.locator("main")).not_to_contain_text(code)
    outsider.context.close()


def test_an_it_incident_goes_through_qt05_with_the_plan_returned_once(browser, portal, officers):
    title = "Máy quét tài liệu bộ phận một cửa báo lỗi kẹt giấy"
    reporter = officers["bbt_phuxuan"]
    reporter.goto(portal.url("/ho-so/su-co-cntt/bao-cao/"))
    reporter.get_by_label("Sự cố").fill(title)
    reporter.get_by_label("Mô tả chi tiết").fill("Máy quét tại quầy số 2 kẹt giấy liên tục từ sáng, không quét được hồ sơ.")
    reporter.get_by_role("button", name="Gửi").click()
    expect(reporter.locator(".messages")).to_contain_text("tới bộ phận CNTT")
    code = re.search(r"CN-\d{4}-[0-9A-Z]{5}", reporter.locator(".messages").inner_text()).group(0)
    _sees(reporter, step="B2. Bộ phận CNTT tiếp nhận, phân loại", history=["B1. Thông báo sự cố – Lý Thị Nga"])

    it, chair = officers["cntt_phuxuan"], officers["lanhdao_phuxuan"]
    take(it, portal, code, "classify", extra_category="Thiết bị ngoại vi (máy in, máy quét)", extra_severity="Cao")
    # QT-05: 2.5 working days from the IT staff's receipt.
    clock = Case.objects.get(code=code).clock_started_at
    _sees(it, step="B3. Khảo sát, lập phương án và dự toán", due_at=due(clock, Decimal("2.5")))
    take(it, portal, code, "plan", extra_plan="Thay con lăn kéo giấy", extra_cost="1.200.000")
    expect(it.locator("main")).to_contain_text("1.200.000")
    take(it, portal, code, "submit")
    _sees(it, step="B5. Chủ tịch (hoặc Phó Chủ tịch được ủy quyền) phê duyệt phương án")

    take(chair, portal, code, "return", comment="Đề nghị khảo sát giá của ít nhất hai nhà cung cấp.")
    _sees(chair, step="B3. Khảo sát, lập phương án và dự toán",
          history=["Trả lại để điều chỉnh phương án – Tôn Thất Long", "Đề nghị khảo sát giá của ít nhất hai nhà cung cấp."])
    take(it, portal, code, "plan", extra_plan="Thay con lăn kéo giấy (báo giá của hai nhà cung cấp)", extra_cost="950000")
    take(it, portal, code, "submit")
    take(chair, portal, code, "approve", comment="Đồng ý phương án.")
    _sees(chair, step="B6. Thực hiện khắc phục, vận hành thử", history=["Phê duyệt phương án – Tôn Thất Long"])
    take(it, portal, code, "complete", extra_vendor="Công ty TNHH Tin học Huế", extra_test_result="Quét thử 50 trang đạt")
    take(it, portal, code, "handover", extra_receiver="Lý Thị Nga", extra_documents="Hóa đơn 0047")
    _sees(it, step="B7. Đơn vị đề nghị xác nhận nhận bàn giao", history=["Hoàn tất bàn giao ba bên – Ngô Quang Huy"])
    expect(it.locator("main")).to_contain_text("950.000")
    expect(it.get_by_role("link", name="Biên bản bàn giao ba bên")).to_be_visible()

    # B7: the officer who reported it confirms the handover in the system, and follows it to the end.
    take(reporter, portal, code, "confirm_handover")
    _sees(reporter, step="Đã hoàn thành", history=["Xác nhận đã nhận bàn giao – Lý Thị Nga",
                                                    "Hoàn thành khắc phục (lập phiếu hoàn thành) – Ngô Quang Huy"])
    _refused(browser, portal, "cv_stp", code, title)


def test_a_press_reported_incident_is_picked_from_the_digest_handled_returned_and_confirmed(browser, portal, officers):
    title = "Đường Nguyễn Sinh Cung ngập sâu sau mưa lớn, người dân bức xúc"
    people = _people("cv_vp", "cv_stp")
    board = officers["bbt_cong"]
    board.goto(portal.url("/ho-so/diem-bao/"))
    board.get_by_label("Các tin").fill(f"{title}\nBáo Thanh Niên | https://thanhnien.vn/\nNhiều tuyến đường ngập sâu sau trận mưa chiều qua.")
    board.get_by_role("button", name="Đăng điểm tin").click()
    expect(board.locator(".messages")).to_contain_text("Đã đăng điểm tin.")

    leader = officers["lanhdao_tinh"]
    leader.goto(portal.url(f"/ho-so/diem-bao/{timezone.localdate():%Y-%m-%d}/"))
    item = leader.locator("article.press-item", has_text=title)
    item.get_by_text("Giao xử lý", exact=True).first.click()
    item.get_by_label("Cơ quan xử lý").select_option(label="Sở Tư pháp thành phố Huế")
    overseer = item.get_by_role("combobox", name="Chuyên viên Văn phòng theo dõi")
    named = overseer.locator("option", has_text=re.compile(r"^Hồ Thị Diệu Linh – "))  # by name, family name first
    overseer.select_option(value=named.get_attribute("value"))
    item.get_by_label("Ý kiến chỉ đạo").fill("Đề nghị kiểm tra, xử lý, báo cáo trong tuần.")
    item.get_by_role("button", name="Giao xử lý").click()
    expect(leader.locator(".messages")).to_contain_text("Đã giao xử lý")
    code = re.search(r"BN-\d{4}-[0-9A-Z]{5}", leader.locator(".messages").inner_text()).group(0)
    # App. IV: 5 working days from the leader's assignment.
    clock = Case.objects.get(code=code).clock_started_at
    _sees(leader, step="Lãnh đạo cơ quan giao chuyên viên xử lý", due_at=due(clock, 5),
          history=["Lãnh đạo giao xử lý sự việc báo nêu – Nguyễn Văn Phương"])

    agency, specialist, office = officers["lanhdao_stp"], officers["cv_stp"], officers["cv_vp"]
    take(agency, portal, code, "assign", holder=people["cv_stp"].pk)
    take(specialist, portal, code, "submit_draft", answer="Đã phối hợp khơi thông cống thoát nước.")
    take(agency, portal, code, "approve", comment="Báo cáo UBND thành phố.")
    _sees(agency, step="Chuyên viên Văn phòng rà soát, xác nhận hoàn thành", due_at=due(clock, 5))
    take(office, portal, code, "return", comment="Báo cáo chưa nêu giải pháp lâu dài.")
    _sees(office, step="Lãnh đạo cơ quan duyệt nội dung xử lý, báo cáo UBND tỉnh",
          history=["Trả lại cơ quan xử lý – Hồ Thị Diệu Linh", "Báo cáo chưa nêu giải pháp lâu dài."])
    take(agency, portal, code, "approve",
         answer="Đã khơi thông cống thoát nước; đề xuất nâng cấp hệ thống thoát nước tuyến đường trong năm 2027.")
    take(office, portal, code, "confirm")
    _sees(office, step="Đã xử lý xong", history=["Xác nhận hoàn thành xử lý – Hồ Thị Diệu Linh"])
    expect(office.locator(".answer")).to_contain_text("nâng cấp hệ thống thoát nước")
    _refused(browser, portal, "vanhoa_phuxuan", code, title)


def test_a_voter_opinion_entered_at_the_ward_is_escalated_answered_returned_and_published(browser, portal, officers, tmp_path):
    title = "Lắp đèn chiếu sáng kiệt 47 Nguyễn Chí Thanh"
    body = "Cử tri đề nghị lắp đèn chiếu sáng kiệt 47 Nguyễn Chí Thanh, hiện tối và mất an toàn về đêm."
    sheet = tmp_path / "y-kien-cu-tri.xlsx"
    workbook = Workbook()
    workbook.active.append(["STT", "Nội dung tóm tắt", "Ý kiến cử tri", "Lĩnh vực", "Cử tri", "Địa bàn"])
    workbook.active.append([1, title, body, "Xây dựng, giao thông, đô thị", "Cử tri tổ dân phố 7", "Phú Xuân"])
    workbook.save(sheet)
    people = _people("cv_stp")

    ward = officers["lanhdao_phuxuan"]
    ward.goto(portal.url("/ho-so/y-kien-cu-tri/nhap/"))
    ward.get_by_label("Cấp tiếp nhận").select_option(label="Phường Phú Xuân")
    ward.get_by_label("Tên báo cáo tổng hợp").fill("Báo cáo tổng hợp ý kiến cử tri trước kỳ họp thứ 6")
    ward.get_by_label("Kỳ họp").fill("Kỳ họp thứ 6, HĐND phường Phú Xuân")
    ward.get_by_label("Ngày nhận").fill(timezone.localdate().strftime("%d/%m/%Y"))
    ward.get_by_label("Tệp XLSX các ý kiến").set_input_files(str(sheet))
    ward.get_by_role("button", name="Gửi").click()
    expect(ward.locator(".messages")).to_contain_text("Đã nhập 1 ý kiến cử tri.")
    code = ward.locator("tr", has_text=title).get_by_role("link").inner_text()

    # App. VI II.2.a: beyond the ward's authority, up to the city, where its office takes it in.
    take(ward, portal, code, "escalate", comment="Tuyến kiệt thuộc dự án chỉnh trang đô thị của thành phố.")
    _sees(ward, step="Văn phòng HĐND và UBND cấp tiếp nhận theo dõi, chuyển xử lý",
          history=["Chuyển lên cấp trên (vượt thẩm quyền) – Tôn Thất Long"])
    expect(ward.locator("main")).to_contain_text("Văn phòng Ủy ban nhân dân thành phố Huế")

    office, agency, specialist = officers["cv_vp"], officers["lanhdao_stp"], officers["cv_stp"]
    take(office, portal, code, "forward", target_unit=Unit.objects.get(code="stp").pk, hard=True)
    # Several agencies: 10 working days from the forwarding, not 5.
    clock = Case.objects.get(code=code).clock_started_at
    _sees(office, step="Lãnh đạo cơ quan giao chuyên viên xử lý", due_at=due(clock, 10))
    take(agency, portal, code, "assign", holder=people["cv_stp"].pk)
    take(specialist, portal, code, "submit_draft", answer="Sở sẽ xem xét.")
    take(agency, portal, code, "return", comment="Nêu rõ thời gian lắp đặt.")
    _sees(agency, step="Chuyên viên dự thảo nội dung trả lời", history=["Trả lại để chỉnh sửa – Võ Đức Thắng", "Nêu rõ thời gian lắp đặt."])
    answer = "Thành phố bố trí kinh phí lắp đèn chiếu sáng kiệt 47 Nguyễn Chí Thanh trong quý III năm 2026."
    take(specialist, portal, code, "submit_draft", answer=answer)
    take(agency, portal, code, "approve")
    _sees(agency, step="Văn phòng rà soát, tổng hợp, đăng tải", due_at=due(clock, 10))
    take(office, portal, code, "publish")
    _sees(office, step="Đã đăng câu trả lời", history=["Rà soát xong, đăng câu trả lời – Hồ Thị Diệu Linh"])

    # The ward that entered it reads the outcome, and so does everyone on the portal.
    ward.goto(portal.url(f"/ho-so/{code}/"))
    _sees(ward, step="Đã đăng câu trả lời")
    reader = browser.new_page()
    reader.goto(portal.url("/hoi-dap/"))
    reader.get_by_role("link", name=title).click()
    expect(reader.locator("main")).to_contain_text(answer)
    reader.context.close()
    _refused(browser, portal, "bbt_stp", code, title)


def test_a_question_returned_by_the_agency_and_by_the_office_still_reaches_the_portal(browser, portal, officers):
    """The question's other branches (journey 1 walks the straight way): the agency returns it as not
    its own, the office consults the province leader, and the office sends the answer back once."""
    title = "Thời hạn giải quyết thủ tục chứng thực chữ ký"
    people = _people("cv_vp", "cv_stp", "lanhdao_tinh")
    justice = Unit.objects.get(code="stp").pk
    citizen = browser.new_page()
    citizen.goto(portal.url("/hoi-dap/gui-cau-hoi/"))
    citizen.get_by_label("Họ và tên").fill("Trương Thị Hoa")
    citizen.get_by_label("Số điện thoại").fill("0905 123 456")
    citizen.get_by_label("Tiêu đề").fill(title)
    citizen.get_by_label("Nội dung câu hỏi").fill("Chứng thực chữ ký trên giấy ủy quyền tại phường mất bao lâu?")
    citizen.get_by_role("button", name=re.compile("Gửi")).click()
    code = re.search(r"HD-\d{4}-[0-9A-Z]{5}", citizen.locator("main").inner_text()).group(0)

    take(officers["bbt_cong"], portal, code, "screen")
    forward_screened_questions(timezone.now())  # the 10:00 / 16:00 batch
    office, agency = officers["cv_vp"], officers["lanhdao_stp"]
    take(officers["lanhdao_vp"], portal, code, "assign", holder=people["cv_vp"].pk)
    take(office, portal, code, "forward", target_unit=justice)
    clock = Case.objects.get(code=code).clock_started_at
    _sees(office, step="Lãnh đạo cơ quan giao chuyên viên xử lý", due_at=due(clock, 5))
    take(agency, portal, code, "return", comment="Thuộc thẩm quyền UBND phường.")
    _sees(agency, step="Chuyên viên Văn phòng chuyển cơ quan chức năng", history=["Trả lại (không thuộc thẩm quyền) – Võ Đức Thắng"])
    take(office, portal, code, "consult", holder=people["lanhdao_tinh"].pk, comment="Xin ý kiến cơ quan trả lời.")
    take(officers["lanhdao_tinh"], portal, code, "reply", comment="Sở Tư pháp hướng dẫn chung cho công dân.")
    take(office, portal, code, "forward", target_unit=justice)
    take(agency, portal, code, "assign", holder=people["cv_stp"].pk)
    answer = "Chứng thực chữ ký được giải quyết trong ngày; nếu nộp sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo."
    take(officers["cv_stp"], portal, code, "submit_draft", answer=answer)
    take(agency, portal, code, "approve")
    take(office, portal, code, "return", comment="Bổ sung căn cứ Nghị định 23/2015/NĐ-CP.")
    _sees(office, step="Lãnh đạo cơ quan chỉnh sửa, xác nhận nội dung trả lời", history=["Trả lại cơ quan chức năng – Hồ Thị Diệu Linh"])
    take(agency, portal, code, "approve", answer=f"{answer} (Điều 21 Nghị định 23/2015/NĐ-CP)")
    take(office, portal, code, "publish")
    _sees(office, step="Đã đăng câu trả lời",
          history=["Xin ý kiến lãnh đạo UBND tỉnh – Hồ Thị Diệu Linh", "Cho ý kiến chỉ đạo – Nguyễn Văn Phương"])

    citizen.goto(portal.url(f"/tra-cuu/?ma={code}"))
    expect(citizen.locator("main")).to_contain_text("Đã đăng câu trả lời")
    expect(citizen.locator("main")).not_to_contain_text("Thuộc thẩm quyền UBND phường.")  # internal comments stay inside
    citizen.context.close()
    _refused(browser, portal, "cntt_phuxuan", code, title)
