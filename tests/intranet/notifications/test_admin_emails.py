"""Outgoing emails in the Wagtail admin: the sysadmin sees the queue and sends again; nobody else looks."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.notifications.models import OutgoingEmail
from tests.factories import UserFactory, province
from tests.factories.cases import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    top = province()
    admin = UserFactory(username="quantri")
    grant_role(admin, top, Role.SYSADMIN)
    leader = person(top, Role.LEADER, "chutich_tinh", is_head=True)
    return type("People", (), {"admin": admin, "leader": leader})


def _stuck(**fields):
    """An email the mail server refused once: pending, its next try an hour away (backoff)."""
    return OutgoingEmail.objects.create(
        to=["lan@hue.gov.vn"], subject="Bạn được giao xử lý hồ sơ HD-1", body="Mời đồng chí xem bàn làm việc.", kind="assignment",
        attempts=1, last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        next_attempt_at=timezone.now() + dt.timedelta(hours=1), **fields)


def test_the_sysadmin_sees_the_outgoing_queue_with_errors_and_it_cannot_be_edited(client, people):
    message = _stuck()
    client.force_login(people.admin)
    page = client.get("/quan-tri/thu-di/").content.decode()
    assert "Bạn được giao xử lý hồ sơ HD-1" in page and f"/quan-tri/thu-di/{message.pk}/gui-lai/" in page
    detail = client.get(f"/quan-tri/thu-di/inspect/{message.pk}/").content.decode()
    assert "SMTPServerDisconnected" in detail
    assert client.get("/quan-tri/thu-di/new/").status_code in (302, 403)
    assert client.get(f"/quan-tri/thu-di/edit/{message.pk}/").status_code in (302, 403)


def test_send_again_delivers_a_stuck_email_now(client, people, django_capture_on_commit_callbacks):
    message = _stuck()
    client.force_login(people.admin)
    confirm = client.get(f"/quan-tri/thu-di/{message.pk}/gui-lai/").content.decode()
    assert "Gửi lại thư" in confirm and "Connection unexpectedly closed" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/quan-tri/thu-di/{message.pk}/gui-lai/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT and message.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Bạn được giao xử lý hồ sơ HD-1"]


def test_send_again_on_a_sent_email_queues_a_new_copy_and_keeps_the_history(client, people, django_capture_on_commit_callbacks):
    sent = OutgoingEmail.objects.create(to=["lan@hue.gov.vn"], subject="Chúc mừng sinh nhật", body="…", status=OutgoingEmail.Status.SENT,
                                        attempts=1, sent_at=timezone.now())
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/quan-tri/thu-di/{sent.pk}/gui-lai/")
    assert OutgoingEmail.objects.filter(subject="Chúc mừng sinh nhật", status=OutgoingEmail.Status.SENT).count() == 2
    assert len(mail.outbox) == 1


def test_a_leader_with_admin_access_cannot_see_or_resend_emails(client, people):
    from django.contrib.auth.models import Permission

    people.leader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    message = _stuck()
    client.force_login(people.leader)
    assert client.get("/quan-tri/thu-di/").status_code in (302, 403)
    assert client.post(f"/quan-tri/thu-di/{message.pk}/gui-lai/").status_code in (302, 403)  # the admin turns a refusal into a redirect
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.PENDING and message.attempts == 1
    assert "Thư đi" not in client.get("/quan-tri/").content.decode()
