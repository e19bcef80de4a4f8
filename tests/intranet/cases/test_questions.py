"""Citizen questions (App. V) walked end to end over HTTP."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from intranet.cases import services
from intranet.cases.models import Case, CaseAttachment
from intranet.notifications.models import Notification, OutgoingEmail
from intranet.workdays.models import CalendarDay
from tests.factories.cases import to_office

from .helpers import HOST, act, fresh, refused

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"

QUESTION = {
    "name": "Nguyễn Thị Dân",
    "phone": "0905 123 456",
    "email": "dan@example.vn",
    "address": "12 Lê Lợi",
    "field": "hanh-chinh",
    "title": "Thủ tục cấp bản sao trích lục hộ tịch",
    "question": "Tôi muốn hỏi thủ tục cấp bản sao trích lục khai sinh cần những giấy tờ gì?",
}


def submit(client, **overrides):
    return client.post("/hoi-dap/gui-cau-hoi/", {**QUESTION, **overrides}, **HOST)


def test_a_citizen_gets_a_tracking_code_on_the_page_and_by_email(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, attachments=[SimpleUploadedFile("giay-to.pdf", PDF, content_type="application/pdf")])
    case = Case.objects.get()
    assert response.status_code == 200
    assert case.code in response.content.decode()
    assert services.CODE_PATTERN.match(case.code) and case.code.startswith("HD-")
    assert any(case.code in message.subject and message.to == ["dan@example.vn"] for message in mail.outbox)
    assert CaseAttachment.objects.get(case=case).mime == "application/pdf"
    assert (case.step, case.unit) == ("new", world.province)


def test_tracking_codes_are_not_sequential(world):
    codes = {services.new_code(services.get_kind("question")) for _ in range(50)}
    assert len(codes) == 50
    assert not any(ch in code[-5:] for code in codes for ch in "01OIL")


def test_bad_input_gets_vietnamese_errors_and_saves_nothing(client, world):
    response = submit(client, name="", phone="", email="khong-phai-email", question="ngắn")
    body = response.content.decode()
    assert "Vui lòng nhập thông tin này." in body
    assert "Địa chỉ thư điện tử không hợp lệ." in body
    assert "Nội dung quá ngắn" in body
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0 and not OutgoingEmail.objects.exists()


def test_an_upload_is_judged_by_its_content_not_its_name(client, world):
    fake = SimpleUploadedFile("hop-le.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    response = submit(client, attachments=[fake])
    assert "không đúng định dạng cho phép" in response.content.decode()
    assert Case.objects.count() == 0


def test_an_oversized_upload_is_refused(client, world, settings):
    settings.CASES_UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    assert "quá lớn" in submit(client, attachments=[big]).content.decode()
    assert Case.objects.count() == 0


def test_what_a_citizen_typed_is_escaped_where_officers_read_it(client, world):
    submit(client, title="<script>alert(1)</script> hỏi về hộ tịch")
    case = Case.objects.get()
    client.force_login(world.board)
    body = client.get(f"/ho-so/{case.code}/", **HOST).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_the_question_form_is_rate_limited_per_client(client, world, settings):
    settings.CASES_QUESTION_RATE = "2/h"
    from django.core.cache import cache

    cache.clear()
    codes = [submit(client).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    again = submit(client, title="Câu hỏi gửi lại sau").content.decode()
    assert "Vui lòng thử lại sau" in again and "Câu hỏi gửi lại sau" in again and QUESTION["question"] in again
    assert Case.objects.count() == 2


def test_questions_that_fail_validation_do_not_count_against_the_limit(client, world, settings):
    settings.CASES_QUESTION_RATE = "2/h"
    from django.core.cache import cache

    cache.clear()
    for _ in range(4):
        submit(client, email="khong-phai-email")
    assert [submit(client).status_code for _ in range(2)] == [200, 200]
    assert Case.objects.count() == 2


def test_a_question_walks_every_step_with_the_right_people_and_is_published(client, world):
    submit(client)
    case = Case.objects.get()

    # The portal board receives; an agency specialist may not.
    client.force_login(world.justice_specialist)
    assert client.get(f"/ho-so/{case.code}/", **HOST).status_code == 404
    assert refused(act(client, case, "screen"))
    client.force_login(world.board)
    assert act(client, case, "screen", comment="Kiểm duyệt xong").status_code == 302
    assert fresh(case).step == "screened"
    services.forward_screened_questions(dt.datetime.now(HCM))
    case = fresh(case)
    assert (case.step, case.unit) == ("office_assign", world.office)
    assert Notification.objects.filter(recipient=world.office_leader, url=case.get_absolute_url()).exists()

    # The office leader assigns the field's specialist; the specialist herself may not assign.
    client.force_login(world.office_specialist)
    assert refused(act(client, case, "assign", holder=world.office_specialist.pk))
    client.force_login(world.office_leader)
    assert act(client, case, "assign", holder=world.office_specialist.pk).status_code == 302
    case = fresh(case)
    assert (case.step, case.holder, case.overseer) == ("routing", world.office_specialist, world.office_specialist)

    # The specialist consults a province leader, who replies; then forwards to the Department of Justice.
    client.force_login(world.office_specialist)
    assert act(client, case, "consult", holder=world.chair.pk, comment="Xin ý kiến").status_code == 302
    client.force_login(world.chair)
    assert act(client, case, "reply", comment="Giao Sở Tư pháp trả lời").status_code == 302
    assert fresh(case).holder == world.office_specialist
    client.force_login(world.office_specialist)
    assert act(client, case, "forward", target_unit=world.justice.pk, comment="Chuyển Sở Tư pháp").status_code == 302
    case = fresh(case)
    assert (case.step, case.unit, case.agency) == ("agency_assign", world.justice, world.justice)
    assert case.due_at is not None and case.clock_started_at is not None

    # Another department's people may not act; the justice leader assigns main and coordinating specialists.
    client.force_login(world.health_specialist)
    assert refused(act(client, case, "assign", holder=world.health_specialist.pk))
    client.force_login(world.justice_leader)
    response = act(client, case, "assign", holder=world.health_specialist.pk)
    assert response.status_code == 400 and fresh(case).step == "agency_assign"
    assert act(client, case, "assign", holder=world.justice_specialist.pk, coordinators=[world.justice_specialist2.pk]).status_code == 302
    case = fresh(case)
    assert (case.step, case.holder, case.main_handler) == ("drafting", world.justice_specialist, world.justice_specialist)
    assert Notification.objects.filter(recipient=world.justice_specialist2, title__contains="Phối hợp").exists()

    # Only the main specialist drafts; the coordinator can see the case but not submit.
    client.force_login(world.justice_specialist2)
    assert client.get(f"/ho-so/{case.code}/", **HOST).status_code == 200
    assert refused(act(client, case, "submit_draft", answer="Trả lời của người phối hợp"))
    client.force_login(world.justice_specialist)
    assert act(client, case, "submit_draft", answer="").status_code == 400
    assert act(client, case, "submit_draft", answer="Cần mang giấy tờ tùy thân.").status_code == 302

    # The leader sends it back once, then edits and confirms; the clock stops there.
    client.force_login(world.justice_leader)
    assert act(client, case, "return", comment="Bổ sung căn cứ pháp lý").status_code == 302
    assert (fresh(case).step, fresh(case).holder) == ("drafting", world.justice_specialist)
    client.force_login(world.justice_specialist)
    act(client, case, "submit_draft", answer="Cần mang giấy tờ tùy thân (Nghị định 123/2015/NĐ-CP).")
    client.force_login(world.justice_leader)
    assert act(client, case, "approve", answer="Công dân mang CCCD và tờ khai (Nghị định 123/2015/NĐ-CP).").status_code == 302
    case = fresh(case)
    assert (case.step, case.holder) == ("office_review", world.office_specialist)
    assert case.done_at is not None and case.timeliness in ("early", "on_time")

    # The province-office specialist reviews and publishes; the citizen is told by email.
    client.force_login(world.office_specialist)
    assert act(client, case, "publish").status_code == 302
    case = fresh(case)
    assert case.published_at and case.closed_at and case.step == "published"
    assert OutgoingEmail.objects.filter(to=["dan@example.vn"], subject__contains="đã được trả lời").exists()

    client.logout()
    listing = client.get("/hoi-dap/", {"q": "trich luc ho tich", "linh-vuc": "hanh-chinh"}, **HOST).content.decode()
    assert case.title in listing
    detail = client.get(f"/hoi-dap/{case.code}/", **HOST).content.decode()
    assert "Nghị định 123/2015/NĐ-CP" in detail and "Nguyễn Thị Dân" not in detail and "0905 123 456" not in detail
    assert case.title not in client.get("/hoi-dap/", {"linh-vuc": "y-te"}, **HOST).content.decode()


def test_the_lookup_shows_the_public_timeline_without_names_or_comments(client, world):
    submit(client)
    case = Case.objects.get()
    client.force_login(world.board)
    act(client, case, "screen", comment="Ghi chú nội bộ bí mật")
    services.forward_screened_questions(dt.datetime(2026, 3, 2, 10, 0, tzinfo=HCM))
    client.logout()
    response = client.get("/tra-cuu/", {"ma": case.code.lower()}, **HOST)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã chuyển Văn phòng UBND tỉnh" in body and "Văn phòng UBND tỉnh đang xử lý" in body
    assert "Ghi chú nội bộ bí mật" not in body and "Biên Tập" not in body and "0905 123 456" not in body


def test_the_lookup_says_when_a_code_is_unknown_or_malformed(client, world):
    unknown = client.get("/tra-cuu/", {"ma": "HD-2026-ZZZZZ"}, **HOST)
    assert unknown.status_code == 404 and "Không tìm thấy hồ sơ có mã HD-2026-ZZZZZ" in unknown.content.decode()
    malformed = client.get("/tra-cuu/", {"ma": "<b>abc</b>"}, **HOST)
    assert malformed.status_code == 400 and "không đúng định dạng" in malformed.content.decode()
    assert "<b>abc</b>" not in malformed.content.decode()


def test_the_agency_deadline_skips_tet(world):
    case = services.submit_question(name="A", phone="0905123456", email="", address="", field="khac", title="Hỏi",
                                    question="Nội dung câu hỏi đủ dài để gửi đi.")
    friday = dt.datetime(2026, 2, 13, 10, 0, tzinfo=HCM)  # the Friday before Tết 2026 (16–20/2 off)
    to_office(world, case, now=friday)
    services.perform(case, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist), now=friday)
    case = services.perform(case, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice), now=friday)
    assert case.due_at == dt.datetime(2026, 2, 27, 10, 0, tzinfo=HCM)
    skipped = {day.date for day in services.explain_due(case).skipped}
    assert dt.date(2026, 2, 17) in skipped and len(skipped) == 9

    hard = services.submit_question(name="B", phone="0905123456", email="", address="", field="khac", title="Khó",
                                    question="Vụ việc cần nhiều cơ quan phối hợp trả lời.")
    to_office(world, hard, now=friday)
    services.perform(hard, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist), now=friday)
    hard = services.perform(hard, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice, hard=True), now=friday)
    assert hard.due_at == dt.datetime(2026, 3, 6, 10, 0, tzinfo=HCM)


def test_a_holiday_added_by_an_administrator_moves_open_deadlines(world):
    case = services.submit_question(name="A", phone="0905123456", email="", address="", field="khac", title="Hỏi",
                                    question="Nội dung câu hỏi đủ dài để gửi đi.")
    monday = dt.datetime(2026, 6, 8, 9, 0, tzinfo=HCM)
    to_office(world, case, now=monday)
    services.perform(case, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist), now=monday)
    services.perform(case, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice), now=monday)
    assert fresh(case).due_at == dt.datetime(2026, 6, 15, 9, 0, tzinfo=HCM)
    CalendarDay.objects.create(date=dt.date(2026, 6, 10), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ đột xuất")
    assert fresh(case).due_at == dt.datetime(2026, 6, 16, 9, 0, tzinfo=HCM)


def test_an_extension_needs_a_reason_and_a_leaders_approval(client, world):
    case = services.submit_question(name="A", phone="0905123456", email="", address="", field="khac", title="Hỏi",
                                    question="Nội dung câu hỏi đủ dài để gửi đi.")
    to_office(world, case)
    services.perform(case, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist))
    services.perform(case, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice))
    services.perform(case, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist))
    before = fresh(case).due_at
    client.force_login(world.justice_specialist)
    assert client.post(f"/ho-so/{case.code}/gia-han/", {"days": "2", "reason": ""}, **HOST).status_code == 400
    assert client.post(f"/ho-so/{case.code}/gia-han/", {"days": "2", "reason": "Chờ hồ sơ gốc"}, **HOST).status_code == 302
    extension = case.extensions.get()
    client.post(f"/ho-so/{case.code}/gia-han/{extension.pk}/", {"quyet-dinh": "duyet"}, **HOST)
    assert fresh(case).due_at == before  # the specialist cannot approve her own request
    client.force_login(world.justice_leader)
    client.post(f"/ho-so/{case.code}/gia-han/{extension.pk}/", {"quyet-dinh": "duyet"}, **HOST)
    assert fresh(case).due_at == services.get_calendar().due(fresh(case).clock_started_at, 7)
    assert case.events.filter(action="extension_decided").exists()


def test_new_questions_reach_the_office_at_the_batch_on_working_days_only(world):
    case = services.submit_question(name="A", phone="0905123456", email="", address="", field="khac", title="Hỏi",
                                    question="Nội dung câu hỏi đủ dài để gửi đi.")
    services.perform(case, world.board, "screen", now=dt.datetime(2026, 2, 13, 9, 0, tzinfo=HCM))
    assert services.receive_new_questions(now=dt.datetime(2026, 2, 17, 10, 0, tzinfo=HCM)) == 0  # Tết
    assert services.receive_new_questions(now=dt.datetime(2026, 2, 23, 10, 0, tzinfo=HCM)) == 1
    assert Case.objects.get().step == "office_assign"
    assert services.remind_office_leaders(now=dt.datetime(2026, 2, 23, 14, 0, tzinfo=HCM)) == 1
    assert Notification.objects.filter(recipient=world.office_leader, title__contains="chờ giao").exists()


def test_the_lookup_is_rate_limited_against_guessing(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CASES_LOOKUP_RATE = "3/m"
    statuses = [client.get("/tra-cuu/", {"ma": "HD-2026-ZZZZZ"}, REMOTE_ADDR="10.0.0.7", **HOST).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_behind_a_proxy_each_citizen_has_a_rate_limit_of_their_own(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CASES_LOOKUP_RATE = "2/m"
    settings.TRUSTED_PROXY_COUNT = 1

    def lookup(forwarded):
        return client.get(
            "/tra-cuu/", {"ma": "HD-2026-ZZZZZ"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded, **HOST
        ).status_code

    assert [lookup("203.0.113.5") for _ in range(3)] == [404, 404, 429]
    assert lookup("1.2.3.4, 203.0.113.5") == 429  # a forged left part changes nothing
    assert lookup("198.51.100.7") == 404  # a neighbour behind the same proxy is not blocked


def test_a_word_document_and_a_photo_are_accepted_as_attachments(client, world):
    import zipfile

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    submit(client, attachments=[SimpleUploadedFile("don.docx", docx.getvalue()), SimpleUploadedFile("anh.png", png)])
    assert sorted(CaseAttachment.objects.values_list("mime", flat=True)) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/png"]


def test_a_citizens_attachment_is_served_only_to_officers_who_see_the_case(client, world):
    submit(client, attachments=[SimpleUploadedFile("giay-to.pdf", PDF)])
    case, upload = Case.objects.get(), CaseAttachment.objects.get()
    url = f"/ho-so/{case.code}/tep/{upload.pk}/"
    assert client.get(url, **HOST).status_code == 302  # anonymous: to the login page
    client.force_login(world.health_specialist)
    assert client.get(url, **HOST).status_code == 404
    client.force_login(world.board)
    response = client.get(url, **HOST)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


# -- App. V 1–2.a: the 10:00 / 16:00 batches and the office leader's 14:00 / 07:30 ------------------------
def test_only_screened_questions_move_at_the_batch_and_the_leader_is_due_at_the_regulations_times(client, world):
    import time_machine

    monday = dt.datetime(2026, 3, 2, 9, 12, tzinfo=HCM)
    with time_machine.travel(monday, tick=False):
        submit(client)
        submit(client, title="Câu hỏi chưa kiểm duyệt")
    screened, waiting = Case.objects.get(title=QUESTION["title"]), Case.objects.get(title="Câu hỏi chưa kiểm duyệt")
    # The board's own step is due at the next batch (App. V 1: 10:00).
    assert screened.step_due_at == dt.datetime(2026, 3, 2, 10, 0, tzinfo=HCM)

    with time_machine.travel(monday + dt.timedelta(minutes=30), tick=False):
        client.force_login(world.office_leader)
        assert refused(act(client, screened, "screen"))  # only the portal board screens
        client.force_login(world.board)
        assert act(client, screened, "screen", comment="Đúng chuyên mục").status_code == 302
    assert fresh(screened).step == "screened"

    # The 10:00 batch moves the screened question only; the leader's assignment is due 14:00 the same day.
    assert services.receive_new_questions(now=dt.datetime(2026, 3, 2, 10, 0, tzinfo=HCM)) == 1
    screened, waiting = fresh(screened), fresh(waiting)
    assert (screened.step, screened.unit) == ("office_assign", world.office)
    assert screened.step_due_at == dt.datetime(2026, 3, 2, 14, 0, tzinfo=HCM)
    assert (waiting.step, waiting.unit) == ("new", world.province)

    with time_machine.travel(dt.datetime(2026, 3, 2, 11, 0, tzinfo=HCM), tick=False):
        client.force_login(world.board)
        assert refused(act(client, screened, "assign", holder=world.office_specialist.pk))  # not the board's step
        client.force_login(world.office_leader)
        assert act(client, screened, "assign", holder=world.office_specialist.pk).status_code == 302
    assert fresh(screened).step == "routing"
    assert fresh(screened).step_due_at == dt.datetime(2026, 3, 3, 11, 0, tzinfo=HCM)  # 1 working day

    # The other waits for the 16:00 batch only once screened; on Friday 16:00 its leader is due 07:30 Monday.
    assert services.receive_new_questions(now=dt.datetime(2026, 3, 2, 16, 0, tzinfo=HCM)) == 0
    assert fresh(waiting).step == "new"
    friday = dt.datetime(2026, 3, 6, 15, 0, tzinfo=HCM)
    with time_machine.travel(friday, tick=False):
        client.force_login(world.board)
        assert act(client, waiting, "screen").status_code == 302
    assert fresh(waiting).step_due_at == dt.datetime(2026, 3, 6, 16, 0, tzinfo=HCM)
    assert services.receive_new_questions(now=dt.datetime(2026, 3, 7, 10, 0, tzinfo=HCM)) == 0  # Saturday
    assert services.receive_new_questions(now=dt.datetime(2026, 3, 6, 16, 0, tzinfo=HCM)) == 1
    assert fresh(waiting).step_due_at == dt.datetime(2026, 3, 9, 7, 30, tzinfo=HCM)


def test_the_leaders_07_30_skips_a_holiday_the_administrator_adds(world):
    case = services.submit_question(name="A", phone="0905123456", email="", address="", field="khac", title="Hỏi",
                                    question="Nội dung câu hỏi đủ dài để gửi đi.")
    case = to_office(world, case, now=dt.datetime(2026, 3, 6, 16, 0, tzinfo=HCM))
    assert case.step_due_at == dt.datetime(2026, 3, 9, 7, 30, tzinfo=HCM)
    CalendarDay.objects.create(date=dt.date(2026, 3, 9), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ đột xuất")
    assert fresh(case).step_due_at == dt.datetime(2026, 3, 10, 7, 30, tzinfo=HCM)
