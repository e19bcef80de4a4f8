"""QT-07's approval / refusal documents and refusal letters are numbered per ward, type and year (HCMC Art. 7)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from intranet.documents import services as documents
from intranet.documents.models import DocType, IssuedDocument, Register
from intranet.moderation import services
from intranet.moderation.models import Step
from intranet.notifications.models import OutgoingEmail
from tests.factories.directory import PersonFactory
from tests.factories.moderation import submitted
from tests.intranet.documents.helpers import pdf_titles

pytestmark = pytest.mark.django_db
HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def to_decision(desk, title, verdict="approve"):
    item = submitted(desk.unit, title)
    services.confirm_receipt(item, desk.officer)
    services.forward(item, desk.officer)
    services.assign(item, desk.leader, desk.officer)
    services.recommend(item, desk.officer, verdict, "Dự thảo văn bản.", "Không phù hợp." if verdict == "refuse" else "")
    return item


def decide(client, user, item, verdict="approve"):
    client.force_login(user)
    response = client.post(f"/kiem-duyet/{item.pk}/thao-tac/", {"action": "decide", "verdict": verdict, "reason": "Không phù hợp."})
    item.refresh_from_db()
    return response


def test_approvals_are_numbered_per_ward_and_refusal_letters_have_their_own_register(client, phuxuan, thuanhoa):
    PersonFactory(user=phuxuan.leader, unit=phuxuan.unit, full_name="Tôn Thất Long", position="Chủ tịch UBND phường")
    one, two, three = (to_decision(phuxuan, f"Tin {n}") for n in (1, 2, 3))
    other = to_decision(thuanhoa, "Tin phường khác")

    assert decide(client, phuxuan.officer, one).status_code == 403  # the officer does not sign
    assert one.document_number == "" and not IssuedDocument.objects.exists()
    decide(client, phuxuan.leader, one)
    decide(client, phuxuan.leader, two, "refuse")
    decide(client, thuanhoa.leader, other)
    decide(client, phuxuan.leader, three)
    assert (one.document_number, two.document_number, three.document_number) == ("1/TB-UBND", "2/TB-UBND", "3/TB-UBND")
    assert other.document_number == "1/TB-UBND"  # Thuận Hóa's own register
    assert Register.objects.get(unit=phuxuan.unit, doc_type=DocType.NOTICE, year=timezone_year()).last_number == 3

    page = client.get(f"/kiem-duyet/{one.pk}/van-ban/").text
    assert "1/TB-UBND" in page and "Tôn Thất Long" in page and "CHỦ TỊCH UBND PHƯỜNG" in page
    pdf = client.get(f"/kiem-duyet/{one.pk}/van-ban/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and "1/TB-UBND" in pdf_titles(pdf.content)
    assert 'filename="1-TB-UBND.pdf"' in pdf["Content-Disposition"]

    client.force_login(phuxuan.officer)
    client.post(f"/kiem-duyet/{two.pk}/thao-tac/", {"action": "send_refusal"})
    two.refresh_from_db()
    assert two.step == Step.DONE
    letter = IssuedDocument.objects.get(object_id=two.pk, slot="refusal_letter")
    assert letter.symbol == "1/CV-UBND" and letter.signer == phuxuan.leader and letter.signer_name == "Tôn Thất Long"
    mail = OutgoingEmail.objects.get(pk=two.refusal_email_id)
    assert "Số: 1/CV-UBND" in mail.body and "2/TB-UBND" in mail.body and "Tôn Thất Long, Chủ tịch UBND phường" in mail.body
    assert client.get(f"/kiem-duyet/{two.pk}/van-ban/pdf/?thu=1").content.startswith(b"%PDF-")

    # Another ward's people cannot read the document or its PDF.
    client.force_login(thuanhoa.leader)
    assert client.get(f"/kiem-duyet/{one.pk}/van-ban/pdf/").status_code == 403


def timezone_year():
    from django.utils import timezone

    return timezone.localdate().year


def test_a_new_year_starts_at_number_one(client, phuxuan):
    december, january = dt.datetime(2026, 12, 31, 9, 0, tzinfo=HUE), dt.datetime(2027, 1, 4, 9, 0, tzinfo=HUE)
    late, early = to_decision(phuxuan, "Tin cuối năm"), to_decision(phuxuan, "Tin đầu năm")
    with services.acting_at(december):
        services.decide(late, phuxuan.leader, "approve")
    with services.acting_at(january):
        services.decide(early, phuxuan.leader, "approve")
    assert (late.document_number, early.document_number) == ("1/TB-UBND", "1/TB-UBND")
    assert set(Register.objects.values_list("year", flat=True)) == {2026, 2027}


def test_an_approval_that_fails_gives_its_number_back(phuxuan):
    item = to_decision(phuxuan, "Tin lỗi")
    with pytest.raises(RuntimeError), transaction.atomic():
        documents.issue(item, "decision", unit=phuxuan.unit, doc_type=DocType.NOTICE, title="x", signer=phuxuan.leader)
        raise RuntimeError("the approval failed after the number was given")
    services.decide(item, phuxuan.leader, "approve")
    assert item.document_number == "1/TB-UBND"
