"""Every mail leaves with a Vietnamese subject, a plain-text and an HTML part, and absolute links on the right site."""

import re

import pytest
from django.core import mail

from intranet.moderation import services as moderation
from tests.factories.cases import case_world
from tests.factories.moderation import desk, submitted
from tests.factories.news import province_and_wards

pytestmark = pytest.mark.django_db
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
RELATIVE_TEXT_LINK = re.compile(r"(^|\s)/[\w-]+/", re.MULTILINE)  # " /kiem-duyet/13/" with no host


@pytest.fixture
def on_port_8000(settings):
    settings.PORTAL_PORT = 8000
    settings.WAGTAILADMIN_BASE_URL = "http://localhost:8000"


def assert_well_formed(message, base="http://localhost:8000/"):
    assert VIETNAMESE.search(message.subject), message.subject
    html = dict((mimetype, content) for content, mimetype in message.alternatives)["text/html"]
    assert not RELATIVE_TEXT_LINK.search(message.body), message.body
    assert 'href="/' not in html and not RELATIVE_TEXT_LINK.search(re.sub(r"<[^>]+>", " ", html))
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(base) for link in links), message.body
    assert all(f'href="{link}"' in html for link in links)


def test_moderation_mails_carry_absolute_links_and_both_parts(on_port_8000, django_capture_on_commit_callbacks):
    phuxuan = desk(province_and_wards()[1])
    with django_capture_on_commit_callbacks(execute=True):
        item = submitted(phuxuan.unit, "Phường tổ chức ngày hội đại đoàn kết")
        moderation.confirm_receipt(item, phuxuan.officer)
    to_officers = [m for m in mail.outbox if f"/kiem-duyet/{item.pk}/" in m.body]
    assert to_officers
    for message in to_officers:
        assert_well_formed(message)
        assert f"http://localhost:8000/kiem-duyet/{item.pk}/" in message.body


def test_a_citizens_question_mail_links_to_the_lookup_with_host_and_port(client, on_port_8000, django_capture_on_commit_callbacks):
    case_world()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/hoi-dap/gui-cau-hoi/", {
            "name": "Nguyễn Thị Dân", "phone": "0905 123 456", "email": "dan@example.vn", "address": "12 Lê Lợi",
            "field": "hanh-chinh", "title": "Thủ tục cấp bản sao trích lục", "question": "Cần những giấy tờ gì?",
        }, HTTP_HOST="localhost:8000")
    receipt = next(m for m in mail.outbox if m.to == ["dan@example.vn"])
    assert_well_formed(receipt)
    assert "http://localhost:8000/tra-cuu/?ma=HD-" in receipt.body
