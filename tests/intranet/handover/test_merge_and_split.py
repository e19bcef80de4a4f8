"""Merging units moves open cases, QT-07 items, program tasks, roles and object permissions; the successor's people act."""

import pytest
from guardian.shortcuts import assign_perm

from intranet.accounts import permissions
from intranet.accounts.models import Membership, Role, User
from intranet.cases import services as cases
from intranet.cases.models import Case
from intranet.directory.models import UnitDirectory
from intranet.handover.models import Handover
from intranet.moderation import services as qt07
from intranet.moderation.models import ModerationItem, Step
from intranet.programs.models import ProgramTask
from intranet.units.models import Unit

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}


def fresh(user):
    return User.objects.get(pk=user.pk)


def no_open_work_in_inactive_units():
    return (
        not Case.objects.open().exclude(unit__status=Unit.Status.ACTIVE).exists()
        and not ModerationItem.objects.open().exclude(unit__status=Unit.Status.ACTIVE).exists()
        and not ProgramTask.objects.filter(reported_at__isnull=True).exclude(unit__status=Unit.Status.ACTIVE).exists()
    )


def test_merging_a_ward_moves_its_live_work_of_every_kind_and_its_people_act(client, live):
    px, th = live.px, live.th
    queued = cases.report_it_incident(px.specialist2, title="Máy in tầng hai hỏng", body="Không in được văn bản.")
    assign_perm("directory.manage_people", px.specialist, UnitDirectory.objects.get_or_create(unit=live.phuxuan)[0])

    client.force_login(live.admin)
    response = client.post(f"/quan-tri/units/merge/{live.phuxuan.pk}/",
                           {"successor": live.thuanhoa.pk, "decision_number": "1680/NQ-UBTVQH15", "decision_date": "2025-06-16"})
    assert response.status_code == 302
    assert no_open_work_in_inactive_units()

    case, queued = Case.objects.get(pk=live.case.pk), Case.objects.get(pk=queued.pk)
    assert case.unit == live.thuanhoa and case.origin == live.thuanhoa and case.holder == px.it
    assert cases.allowed_actions(case, fresh(px.it))  # the old holder goes on, now in Thuận Hóa
    assert cases.allowed_actions(queued, fresh(th.it))  # Thuận Hóa's own IT staff take the queued one
    client.force_login(th.it)
    assert queued.code in client.get("/ho-so/", {"viec": "cua-toi"}, **HOST).content.decode()

    item = ModerationItem.objects.get(pk=live.item.pk)
    assert item.unit == live.thuanhoa and qt07.may_act(fresh(px.officer2), item)
    client.force_login(px.officer2)
    client.post(f"/kiem-duyet/{item.pk}/thao-tac/", {"action": "recommend", "verdict": "approve", "draft_document": "Đồng ý đăng."})
    assert ModerationItem.objects.get(pk=item.pk).step == Step.DECIDE
    assert qt07.may_act(fresh(th.leader), ModerationItem.objects.get(pk=item.pk))  # Thuận Hóa's leader signs

    task = ProgramTask.objects.get(pk=live.task.pk)
    assert task.unit == live.thuanhoa and task.assignee == px.specialist
    assert permissions.can_report_for_unit(fresh(th.specialist), task.unit)

    assert not Membership.objects.filter(unit=live.phuxuan).exists()
    assert Membership.objects.filter(user=px.leader, unit=live.thuanhoa, role=Role.LEADER, is_head=False).exists()
    assert permissions.can_manage_people(fresh(px.specialist), live.thuanhoa)
    assert not permissions.has_directory_grant(fresh(px.specialist), live.phuxuan, "manage_people")

    # The old ward's leader, now a leader of Thuận Hóa, re-routes what came over.
    client.force_login(px.leader)
    response = client.post(f"/phan-cong-lai/ho-so/{case.pk}/", {"holder": th.it.pk, "reason": "Sau sáp nhập"}, **HOST)
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).holder == th.it
    assert Handover.objects.filter(reason_kind="merge", by=live.admin).count() == 3  # two cases and the task, moved by the administrator
    assert case.events.filter(action="handover_merge").exists()


def test_splitting_lets_the_operator_choose_the_new_unit_for_each_open_item_and_person(client, live):
    px = live.px
    queued = cases.report_it_incident(px.specialist2, title="Máy in tầng hai hỏng", body="Không in được văn bản.")
    client.force_login(live.admin)
    response = client.post(f"/quan-tri/units/split/{live.phuxuan.pk}/", {
        "new_units": "phuxuanbac; Phường Phú Xuân Bắc\nphuxuannam; Phường Phú Xuân Nam", "dissolve": "on",
        "decision_number": "12/NQ-HĐND", "decision_date": "2026-05-04"})
    north, south = Unit.objects.get(code="phuxuanbac"), Unit.objects.get(code="phuxuannam")
    assert response.status_code == 302 and response["Location"] == f"/quan-tri/chuyen-giao/chia-tach/{live.phuxuan.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert live.case.title in page and live.item.title in page and live.task.title in page and px.it.get_full_name() in page

    choice = {f"work-case-{live.case.pk}": north.pk, f"work-case-{queued.pk}": south.pk, f"work-qt07-{live.item.pk}": north.pk,
              f"work-task-{live.task.pk}": south.pk}
    people = Membership.objects.filter(unit=live.phuxuan).values_list("user_id", flat=True).distinct()
    choice.update({f"person-{pk}": (south.pk if pk in (px.specialist.pk, px.specialist2.pk) else north.pk) for pk in people})
    bad = client.post(response["Location"], {**choice, f"work-case-{live.case.pk}": live.thuanhoa.pk})
    assert bad.status_code == 400 and Case.objects.get(pk=live.case.pk).unit == live.phuxuan  # only the new units
    assert client.post(response["Location"], choice).status_code == 302
    assert no_open_work_in_inactive_units()

    assert Case.objects.get(pk=live.case.pk).unit == north and Case.objects.get(pk=live.case.pk).holder == px.it
    assert Case.objects.get(pk=queued.pk).unit == south and Case.objects.get(pk=queued.pk).holder is None
    assert ModerationItem.objects.get(pk=live.item.pk).unit == north
    task = ProgramTask.objects.get(pk=live.task.pk)
    assert task.unit == south and task.assignee == px.specialist  # the specialist went south with it
    assert cases.allowed_actions(Case.objects.get(pk=live.case.pk), fresh(px.it))
    assert Handover.objects.filter(reason_kind="split").count() == 4
