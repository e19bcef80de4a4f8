"""QT-05's five documents are numbered from the ward's registers and signed by name and position (HCMC Art. 7)."""

import datetime as dt
from decimal import Decimal

import pytest

from intranet.cases import services
from intranet.documents.models import IssuedDocument
from tests.factories.directory import PersonFactory
from tests.intranet.documents.helpers import pdf_titles

from .helpers import HOST, act, fresh, refused

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 3, 2, 8, 0, tzinfo=services.LOCAL_TZ)


def walk(client, world, title):
    """B1–B7 over HTTP; returns the case."""
    client.force_login(world.ward_specialist)
    client.post("/ho-so/su-co-cntt/bao-cao/", {"title": title, "body": "Không hoạt động."}, **HOST)
    case = services.Case.objects.get(title=title)
    client.force_login(world.ward_it)
    act(client, case, "classify", extra_category="Phần cứng", extra_severity="Cao")
    act(client, case, "plan", extra_plan="Thay linh kiện", extra_cost="300000")
    act(client, case, "submit")
    client.force_login(world.ward_leader)
    assert act(client, case, "approve").status_code == 302
    client.force_login(world.ward_it)
    act(client, case, "complete", extra_vendor="Công ty Tin học", extra_test_result="Đạt")
    act(client, case, "handover", extra_receiver="Hoàng Thị Báo Sự Cố")
    client.force_login(world.ward_specialist)
    act(client, case, "confirm_handover")  # B7: the requesting officer confirms
    return fresh(case)


def test_each_qt05_form_gets_the_next_number_of_its_register_and_the_signers_name(client, world):
    PersonFactory(user=world.ward_leader, unit=world.ward, full_name="Tôn Thất Long", position="Chủ tịch UBND phường")
    first = walk(client, world, "Máy in hỏng")
    second = walk(client, world, "Mất mạng phòng một cửa")
    assert first.step == second.step == "closed"

    numbers = {(doc.object_id, doc.slot): doc.symbol for doc in IssuedDocument.objects.all()}
    assert numbers[(first.pk, "phieu-khac-phuc")] == "1/PH-UBND"
    assert numbers[(first.pk, "van-ban-de-nghi")] == "1/TTr-UBND"
    assert numbers[(first.pk, "van-ban-phe-duyet")] == "1/QĐ-UBND"
    assert numbers[(first.pk, "phieu-hoan-thanh")] == "2/PH-UBND"  # the same register as the repair slip
    assert numbers[(first.pk, "bien-ban-ban-giao")] == "1/BB-UBND"
    assert numbers[(second.pk, "phieu-khac-phuc")] == "3/PH-UBND"
    assert numbers[(second.pk, "van-ban-phe-duyet")] == "2/QĐ-UBND"

    client.force_login(world.ward_it)
    approval = client.get(f"/ho-so/{first.code}/in/van-ban-phe-duyet/", **HOST).content.decode()
    assert "1/QĐ-UBND" in approval and "Tôn Thất Long" in approval and "CHỦ TỊCH UBND PHƯỜNG" in approval
    slip = client.get(f"/ho-so/{first.code}/in/phieu-khac-phuc/", **HOST).content.decode()
    assert "1/PH-UBND" in slip and "Ngô Quang Kỹ Thuật" in slip  # the IT officer who received it signs the slip
    pdf = client.get(f"/ho-so/{first.code}/in/bien-ban-ban-giao/pdf/", **HOST)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f"Biên bản bàn giao ba bên – {first.code}" in pdf_titles(pdf.content)
    assert "attachment" in pdf["Content-Disposition"]

    # Another unit's officer gets neither the form nor its PDF.
    client.force_login(world.justice_specialist)
    assert refused(client.get(f"/ho-so/{first.code}/in/van-ban-phe-duyet/pdf/", **HOST))


def test_a_form_has_no_number_before_its_step_and_keeps_it_when_the_plan_is_sent_back(client, world):
    case = services.open_case("it", title="Hỏng máy", body="…", origin=world.ward, reporter=world.ward_specialist, now=MONDAY)
    client.force_login(world.ward_it)
    assert client.get(f"/ho-so/{case.code}/in/van-ban-de-nghi/pdf/", **HOST).status_code == 404
    act(client, case, "classify", extra_category="Mạng, đường truyền")
    act(client, case, "plan", extra_plan="Thay switch", extra_cost="500000")
    act(client, case, "submit")
    client.force_login(world.ward_leader)
    act(client, case, "return", comment="Xem lại dự toán")
    client.force_login(world.ward_it)
    act(client, case, "plan", extra_plan="Thay switch cũ", extra_cost="400000")
    act(client, case, "submit")
    proposals = IssuedDocument.objects.filter(object_id=case.pk, slot="van-ban-de-nghi")
    assert [doc.symbol for doc in proposals] == ["1/TTr-UBND"]
    # QT-05's deadlines: 2.5 working days in all, half a day each step B2–B6.
    case = fresh(case)
    assert case.due_at == services.get_calendar().due(case.clock_started_at, Decimal("2.5"))
