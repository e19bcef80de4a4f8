import pytest
from django.core import mail

from intranet.notifications.models import Notification, OutgoingEmail
from intranet.notifications.services import notify, retry_pending
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_alert_reaches_the_bell_and_the_mailbox():
    officer = UserFactory(email="lan@hue.gov.vn")
    notify([officer], kind="assignment", title="Bạn được giao xử lý câu hỏi HD-2026-7K3Q9", url="/ban-lam-viec/")
    assert Notification.objects.get(recipient=officer).read_at is None
    assert [m.to for m in mail.outbox] == [["lan@hue.gov.vn"]]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_an_email_that_fails_is_kept_and_sent_when_the_server_recovers(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens
    notify([UserFactory(email="hoa@hue.gov.vn")], kind="assignment", title="Việc mới")
    pending = OutgoingEmail.objects.get()
    assert (pending.status, pending.attempts) == (OutgoingEmail.Status.PENDING, 1)
    assert "ConnectionRefusedError" in pending.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry_pending(now=pending.next_attempt_at) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    assert mail.outbox[0].subject == "Việc mới"
