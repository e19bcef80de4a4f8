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
