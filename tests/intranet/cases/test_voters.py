"""Voter opinions (App. VI): XLSX import, handling at a level, escalation to the level above."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from intranet.cases.models import Case, VoterSummary

from .helpers import HOST, act, fresh, refused

pytestmark = pytest.mark.django_db


def xlsx(rows, header=("STT", "Nội dung tóm tắt", "Ý kiến cử tri", "Lĩnh vực", "Cử tri", "Địa bàn")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("y-kien.xlsx", buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


ROWS = [
    (1, "Đèn đường hỏng", "Đề nghị sửa đèn đường kiệt 12 Lê Lợi.", "Xây dựng", "Cử tri tổ 3", "Phú Xuân"),
    (2, "Cấp giấy chứng nhận đất", "Đề nghị tỉnh sớm giải quyết cấp giấy chứng nhận quyền sử dụng đất tồn đọng.", "Đất đai", "Cử tri tổ 5", "Phú Xuân"),
]


def summary_form(**overrides):
    return {"title": "Báo cáo tổng hợp ý kiến cử tri kỳ họp thứ 5", "session": "Kỳ họp thứ 5", "received_on": "2026-03-02", **overrides}


def test_a_ward_imports_the_councils_summary_from_xlsx(client, world):
    client.force_login(world.ward_officer)
    response = client.post("/ho-so/y-kien-cu-tri/nhap/", summary_form(unit=world.ward.pk, spreadsheet=xlsx(ROWS)), **HOST)
    assert response.status_code == 302
    summary = VoterSummary.objects.get()
    opinions = Case.objects.filter(summary=summary).order_by("pk")
    assert [(o.title, o.field, o.step, o.unit) for o in opinions] == [
        ("Đèn đường hỏng", "xay-dung", "intake", world.ward),
        ("Cấp giấy chứng nhận đất", "dat-dai", "intake", world.ward),
    ]
    assert all(o.code.startswith("CT-") for o in opinions)


def test_a_bad_spreadsheet_is_refused_whole_with_the_row_named(client, world):
    client.force_login(world.ward_officer)
    rows = [ROWS[0], (2, "Thiếu nội dung", None, "Đất đai", "", "")]
    response = client.post("/ho-so/y-kien-cu-tri/nhap/", summary_form(unit=world.ward.pk, spreadsheet=xlsx(rows)), **HOST)
    assert response.status_code == 400 and "Dòng 3: thiếu nội dung ý kiến cử tri." in response.content.decode()
    not_xlsx = SimpleUploadedFile("y-kien.xlsx", b"%PDF-1.4 not a spreadsheet", content_type="application/pdf")
    response = client.post("/ho-so/y-kien-cu-tri/nhap/", summary_form(unit=world.ward.pk, spreadsheet=not_xlsx), **HOST)
    assert "Tệp phải là bảng tính Excel" in response.content.decode()
    assert not VoterSummary.objects.exists() and not Case.objects.exists()


def test_an_officer_cannot_enter_opinions_for_another_level(client, world):
    client.force_login(world.justice_specialist)
    response = client.post("/ho-so/y-kien-cu-tri/nhap/", summary_form(unit=world.ward.pk, spreadsheet=xlsx(ROWS)), **HOST)
    assert response.status_code == 400 and not Case.objects.exists()
    client.force_login(world.board)
    assert client.get("/ho-so/y-kien-cu-tri/nhap/", **HOST).status_code == 403


def test_opinions_are_handled_at_the_ward_or_escalated_to_the_province(client, world):
    client.force_login(world.ward_officer)
    client.post("/ho-so/y-kien-cu-tri/nhap/", summary_form(unit=world.ward.pk, spreadsheet=xlsx(ROWS)), **HOST)
    local, beyond = Case.objects.order_by("pk")

    # A level forwards only to its own agencies and sub-units: not to a department of the province.
    assert act(client, local, "forward", target_unit=world.justice.pk).status_code == 400
    # Within the ward's authority: its own officers answer, the ward office publishes.
    assert act(client, local, "forward", target_unit=world.ward.pk).status_code == 302
    client.force_login(world.ward_leader)
    assert act(client, local, "assign", holder=world.ward_specialist.pk).status_code == 302
    client.force_login(world.ward_specialist)
    assert act(client, local, "submit_draft", answer="Đã thay bóng đèn ngày 05/3.").status_code == 302
    client.force_login(world.ward_leader)
    assert act(client, local, "approve").status_code == 302
    client.force_login(world.ward_officer)
    assert act(client, local, "publish").status_code == 302
    assert fresh(local).published_at is not None

    # Beyond its authority: escalated (with a reason) to the level above — here the province office.
    # The ward office's clerk may not move it up: the ward's leader directs it ("chỉ đạo chuyển lên"), recorded.
    assert refused(act(client, beyond, "escalate", comment="Thuộc thẩm quyền UBND tỉnh"))
    client.force_login(world.ward_leader)
    assert act(client, beyond, "escalate").status_code == 400
    assert act(client, beyond, "escalate", comment="Thuộc thẩm quyền UBND tỉnh").status_code == 302
    assert fresh(beyond).events.get(action="escalate").actor == world.ward_leader
    beyond = fresh(beyond)
    assert (beyond.step, beyond.origin, beyond.unit, beyond.overseer) == ("intake", world.office, world.office, None)
    assert refused(act(client, beyond, "forward", target_unit=world.justice.pk))
    client.force_login(world.office_specialist)
    # At the top there is no level above.
    assert refused(act(client, beyond, "escalate", comment="Không được"))
    assert act(client, beyond, "forward", target_unit=world.justice.pk, hard="on").status_code == 302
    beyond = fresh(beyond)
    assert (beyond.agency, beyond.hard, beyond.overseer) == (world.justice, True, world.office_specialist)
    client.force_login(world.justice_leader)
    act(client, beyond, "assign", holder=world.justice_specialist.pk)
    client.force_login(world.justice_specialist)
    act(client, beyond, "submit_draft", answer="Sở sẽ rà soát hồ sơ tồn đọng trong quý II.")
    client.force_login(world.justice_leader)
    act(client, beyond, "approve")
    client.force_login(world.office_specialist)
    assert act(client, beyond, "publish").status_code == 302

    client.logout()
    answers = client.get("/hoi-dap/", {"q": "giay chung nhan"}, **HOST).content.decode()
    assert "Cấp giấy chứng nhận đất" in answers and "Đèn đường hỏng" not in answers
    # The ward still follows the opinion it escalated.
    client.force_login(world.ward_leader)
    assert client.get(f"/ho-so/{beyond.code}/", **HOST).status_code == 200


def test_the_import_template_is_read_back_by_the_import(client, world):
    client.force_login(world.ward_officer)
    template = client.get("/ho-so/y-kien-cu-tri/mau.xlsx", **HOST)
    upload = SimpleUploadedFile("mau.xlsx", template.content)
    assert client.post("/ho-so/y-kien-cu-tri/nhap/", summary_form(unit=world.ward.pk, spreadsheet=upload), **HOST).status_code == 302
    assert Case.objects.get().field == "xay-dung"


def test_the_office_clerk_enters_one_opinion_in_a_form_with_the_kinds_deadline(client, world):
    from intranet.cases.kinds import get_kind
    from intranet.workdays.calendar import get_calendar

    client.force_login(world.ward_officer)
    assert client.get("/ho-so/y-kien-cu-tri/them/", **HOST).status_code == 200
    response = client.post("/ho-so/y-kien-cu-tri/them/", {
        "unit": world.ward.pk, "title": "Ngập nước kiệt 7", "body": "Đề nghị nạo vét mương thoát nước kiệt 7 Phan Đình Phùng.",
        "field": "xay-dung", "voters": "Cử tri tổ 9", "place": "Phú Xuân", "session": "Tiếp xúc cử tri trước kỳ họp thứ 6",
        "received_on": "2026-03-02"}, **HOST)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert (case.kind, case.step, case.unit, case.origin, case.summary, case.field) == ("voter", "intake", world.ward, world.ward, None, "xay-dung")
    assert (case.requester_name, case.requester_address, case.data["session"]) == ("Cử tri tổ 9", "Phú Xuân", "Tiếp xúc cử tri trước kỳ họp thứ 6")
    # App. VI intake: the office routes it within the kind table's working day.
    assert case.step_due_at == get_calendar().due(case.step_started_at, get_kind("voter").step("intake").days)
    assert case.events.get().actor == world.ward_officer


def test_a_single_opinion_for_another_level_or_without_its_text_is_refused_and_changes_nothing(client, world):
    client.force_login(world.justice_specialist)
    response = client.post("/ho-so/y-kien-cu-tri/them/", {"unit": world.ward.pk, "title": "Đèn đường", "body": "Sửa đèn.", "field": "khac"}, **HOST)
    assert response.status_code == 400 and "Bạn không được nhập ý kiến cử tri cho đơn vị này." in response.text
    client.force_login(world.ward_officer)
    response = client.post("/ho-so/y-kien-cu-tri/them/", {"unit": world.ward.pk, "title": "Đèn đường", "body": "", "field": "khac"}, **HOST)
    assert response.status_code == 400 and "Trường này là bắt buộc." in response.text
    client.force_login(world.board)
    assert client.get("/ho-so/y-kien-cu-tri/them/", **HOST).status_code == 403
    assert not Case.objects.exists()


def test_at_district_level_the_office_leader_moves_an_opinion_up_to_the_province(client, world):
    from intranet.accounts.models import Role
    from intranet.units.models import Unit
    from tests.factories import UnitFactory
    from tests.factories.cases import person

    district = UnitFactory(parent=world.province, code="huongthuy", name="Thị xã Hương Thủy", kind=Unit.Kind.DISTRICT)
    district = Unit.objects.get(pk=district.pk)
    office = Unit.objects.get(pk=UnitFactory(parent=district, code="vp-huongthuy", name="Văn phòng HĐND và UBND thị xã", kind=Unit.Kind.OFFICE).pk)
    commune = Unit.objects.get(pk=UnitFactory(parent=district, code="thuyduong", name="Phường Thủy Dương", kind=Unit.Kind.COMMUNE).pk)
    clerk = person(office, Role.OFFICE_SPECIALIST, "vp_ht", full_name="Lê Văn Văn Thư")
    office_leader = person(office, Role.LEADER, "cvp_ht", is_head=True, full_name="Trần Chánh Văn Phòng")
    commune_clerk = person(commune, Role.OFFICE_SPECIALIST, "vp_td", full_name="Phạm Thị Xã")
    commune_chair = person(commune, Role.LEADER, "ct_td", is_head=True, full_name="Hồ Chủ Tịch Phường")

    client.force_login(commune_clerk)
    client.post("/ho-so/y-kien-cu-tri/them/", {"unit": commune.pk, "title": "Cấp nước sạch", "body": "Đề nghị kéo đường ống nước.",
                                                "field": "khac"}, **HOST)
    case = Case.objects.get()
    client.force_login(commune_chair)
    assert act(client, case, "escalate", comment="Thuộc thẩm quyền thị xã").status_code == 302
    case = fresh(case)
    # The district's office, found among the district's sub-units, takes it in.
    assert (case.step, case.origin, case.unit) == ("intake", office, office)
    # A district office clerk forwards within the district only, and may not move it up.
    client.force_login(clerk)
    assert act(client, case, "forward", target_unit=world.justice.pk).status_code == 400
    assert refused(act(client, case, "escalate", comment="Vượt thẩm quyền"))
    # The office leader directs it up to the province ("xin ý kiến Lãnh đạo Văn phòng"), recorded.
    client.force_login(office_leader)
    assert act(client, case, "escalate", comment="Thuộc thẩm quyền UBND tỉnh").status_code == 302
    case = fresh(case)
    assert (case.step, case.origin, case.unit) == ("intake", world.office, world.office)
    # Each level's intake runs the kind table's 1 working day again from the escalation.
    from intranet.workdays.calendar import get_calendar

    assert case.step_due_at == get_calendar().due(case.step_started_at, 1)
    assert list(case.events.filter(action="escalate").values_list("actor__username", flat=True).order_by("pk")) == ["ct_td", "cvp_ht"]
