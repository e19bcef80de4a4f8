"""Deactivation, end of service, transfer: what the person held moves on at once; nothing stays with an inactive account."""

import pytest
from django.urls import reverse

from intranet.cases import services as cases
from intranet.cases.models import Case
from intranet.directory.models import Person
from intranet.handover.models import Handover
from intranet.moderation.models import ModerationItem
from intranet.notifications.models import Notification
from intranet.programs.models import ProgramTask

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}


def nothing_held_by_inactive_accounts():
    return (
        not Case.objects.open().filter(holder__is_active=False).exists()
        and not ModerationItem.objects.open().filter(step="B4", assigned_officer__is_active=False).exists()
        and not ProgramTask.objects.filter(reported_at__isnull=True, assignee__is_active=False).exists()
    )


def test_a_transfer_with_a_named_successor_hands_the_case_over_at_once(client, live):
    px = live.px
    person = Person.objects.create(unit=live.phuxuan, full_name="Ngô Quang Kỹ Thuật Cũ", position="Chuyên viên CNTT", user=px.it)
    client.force_login(px.board)
    form = client.get(reverse("directory:end_service", args=[person.pk]), **HOST).content.decode()
    assert px.it2.get_full_name() in form
    # The successor picker names people as every picker does: family name first, position, unit; filterable by typing.
    assert "Ngô Quang Kỹ Thuật – Bộ phận CNTT – " in form and "data-person-filter" in form
    response = client.post(reverse("directory:end_service", args=[person.pk]),
                           {"status": "transferred", "event_date": "2026-11-20", "successor": px.it2.pk}, **HOST)
    assert response.status_code == 302

    case = Case.objects.get(pk=live.case.pk)
    assert case.holder == px.it2 and case.main_handler == px.it2
    assert cases.allowed_actions(case, px.it2)
    assert Handover.objects.get(object_id=case.pk, reason_kind="departure").by == px.board
    assert Notification.objects.filter(recipient=px.it2, kind="handover").exists()
    assert case.events.filter(action="handover_departure").exists()
    assert nothing_held_by_inactive_accounts()


def test_a_deactivated_account_returns_everything_to_the_units_queue_and_the_leader_reassigns(client, live):
    px = live.px
    for user in (px.it, px.officer2, px.specialist):
        user.is_active = False
        user.save()
    assert nothing_held_by_inactive_accounts()

    case = Case.objects.get(pk=live.case.pk)
    assert case.holder is None and case.main_handler is None
    assert cases.allowed_actions(case, px.it2)  # the unit's IT staff take it from the queue
    assert ModerationItem.objects.get(pk=live.item.pk).assigned_officer is None
    assert ProgramTask.objects.get(pk=live.task.pk).assignee is None
    assert Notification.objects.filter(recipient=px.leader, kind="handover", title__startswith="Cần phân công lại").count() == 3

    client.force_login(px.leader)
    response = client.post(f"/phan-cong-lai/kiem-duyet/{live.item.pk}/", {"holder": px.officer.pk, "reason": "Thay người nghỉ việc"}, **HOST)
    assert response.status_code == 302
    assert ModerationItem.objects.get(pk=live.item.pk).assigned_officer == px.officer


def test_an_inactive_account_cannot_be_given_work(client, live):
    px = live.px
    px.it2.is_active = False
    px.it2.save()
    client.force_login(px.leader)
    response = client.post(f"/phan-cong-lai/ho-so/{live.case.pk}/", {"holder": px.it2.pk, "reason": "Thử"}, **HOST)
    assert response.status_code == 400
    assert Case.objects.get(pk=live.case.pk).holder == px.it


def test_saving_an_account_for_other_reasons_moves_nothing(live):
    px = live.px
    px.it.first_name = "Quang Kỹ Thuật"
    px.it.save()
    px.it.save(update_fields=["last_login"])
    assert Case.objects.get(pk=live.case.pk).holder == px.it and not Handover.objects.exists()
