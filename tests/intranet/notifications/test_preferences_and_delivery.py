"""Each officer chooses which kinds of alert also come by email; email survives a mail server outage."""

import pytest
from django.core import mail

from intranet.notifications.models import Notification, NotificationPreference, OutgoingEmail
from intranet.notifications.services import Alert, notify, notify_each
from intranet.notifications.tasks import retry_pending_emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_preferences_page_needs_a_login(client):
    assert client.get("/thong-bao/cai-dat/")["Location"].startswith("/dang-nhap/")


def test_every_kind_comes_by_email_until_the_officer_opts_out(client):
    officer = UserFactory(email="lan@hue.gov.vn")
    client.force_login(officer)
    page = client.get("/thong-bao/cai-dat/").content.decode()
    assert page.count("checked") == 7
    client.post("/thong-bao/cai-dat/", {"email_kinds": ["assignment", "reminder", "overdue"]})
    notify([officer], kind="birthday", title="Hôm nay là sinh nhật của Trần Văn Hùng")
    notify([officer], kind="assignment", title="Bạn được giao xử lý câu hỏi HD-7")
    assert [m.subject for m in mail.outbox] == ["Bạn được giao xử lý câu hỏi HD-7"]
    assert Notification.objects.filter(recipient=officer).count() == 2  # both still on the desk


def test_an_opt_out_is_personal(client):
    officer, colleague = UserFactory(), UserFactory()
    client.force_login(officer)
    client.post("/thong-bao/cai-dat/", {"email_kinds": []})
    notify([officer, colleague], kind="program", title="Chương trình công tác tháng 6 đã ban hành")
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_an_unknown_kind_in_the_form_is_refused_and_changes_nothing(client):
    officer = UserFactory()
    client.force_login(officer)
    response = client.post("/thong-bao/cai-dat/", {"email_kinds": ["assignment", "khong-co"]})
    assert response.status_code == 200
    assert "Loại thông báo “khong-co” không hợp lệ." in response.content.decode()
    assert NotificationPreference.objects.get(user=officer).email_off == []


def test_bulk_alerts_wait_out_a_mail_server_outage_and_go_when_it_recovers(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # a closed port: a real refusal
    officers = UserFactory.create_batch(3)
    notify_each([Alert(user, f"Nhắc hạn báo cáo tháng 5 – {user.username}") for user in officers], kind="reminder")
    pending = list(OutgoingEmail.objects.order_by("pk"))
    assert [(m.status, m.attempts) for m in pending] == [(OutgoingEmail.Status.PENDING, 1)] * 3
    assert all("ConnectionRefusedError" in m.last_error for m in pending)

    # Not yet time for the next try: the beat job leaves them alone.
    assert retry_pending_emails.delay().get() == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.update(next_attempt_at=None)  # the backoff has passed
    assert retry_pending_emails.delay().get() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in officers)
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(OutgoingEmail.Status.SENT, 2)}
    assert retry_pending_emails.delay().get() == 0  # nothing sent twice


def test_the_notifications_page_counts_every_kind_under_a_vietnamese_name(client):
    """Issue 14: the case alerts were counted as "case: 7"."""
    officer = UserFactory()
    client.force_login(officer)
    notify([officer], kind="case", title="HD-2026-1: Đã trả lời", email=False)
    notify([officer], kind="case_overdue", title="HD-2026-2 quá hạn", email=False)
    notify([officer], kind="birthday", title="Hôm nay là sinh nhật của Trần Văn Hùng", email=False)
    page = client.get("/thong-bao/").content.decode()
    assert "Hồ sơ, vụ việc: <strong>1</strong>" in page
    assert "Hồ sơ quá hạn:" in page and "Sinh nhật đồng nghiệp:" in page
    assert "case:" not in page and "case_overdue" not in page


def test_pending_emails_go_a_hundred_a_batch_at_a_constant_number_of_queries_per_batch(django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def pending(number):
        OutgoingEmail.objects.bulk_create(
            [OutgoingEmail(to=[f"canbo{n}@hue.gov.vn"], subject=f"Nhắc hạn báo cáo số {n}", body="Nội dung", kind="reminder") for n in range(number)]
        )

    pending(3)
    with CaptureQueriesContext(connection) as one_batch:
        assert retry_pending_emails.delay().get() == 3
    pending(250)  # three batches of at most a hundred
    with django_assert_max_num_queries(3 * len(one_batch)):
        assert retry_pending_emails.delay().get() == 250
    assert len(mail.outbox) == 253 and len({m.to[0] for m in mail.outbox}) == 250
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(OutgoingEmail.Status.SENT, 1)}
