"""A leader of the acting unit (or a system administrator) reassigns any open step, with a reason, recorded, both alerted."""

import pytest

from intranet.cases import services as cases
from intranet.cases.models import Case, CaseEvent
from intranet.handover.models import Handover
from intranet.moderation.models import ModerationItem, Step
from intranet.notifications.models import Notification
from intranet.programs.models import ProgramTask

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}


def reassign(client, user, kind, pk, **data):
    client.force_login(user)
    return client.post(f"/phan-cong-lai/{kind}/{pk}/", data, **HOST)


def test_a_leader_reassigns_a_case_and_the_new_holder_acts(client, live):
    px, case = live.px, live.case
    client.force_login(px.leader)
    page = client.get(case.get_absolute_url(), **HOST).content.decode()
    assert f"/phan-cong-lai/ho-so/{case.pk}/" in page  # the leader sees the link
    form = client.get(f"/phan-cong-lai/ho-so/{case.pk}/", **HOST).content.decode()
    assert px.it2.get_full_name() in form and live.th.it.get_full_name() not in form  # only the unit's IT staff

    response = reassign(client, px.leader, "ho-so", case.pk, holder=px.it2.pk, reason="Đồng chí Quang nghỉ phép đột xuất")
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.holder == px.it2 and case.main_handler == px.it2
    event = CaseEvent.objects.filter(case=case, action="handover_reassign").get()
    assert event.actor == px.leader and event.comment == "Đồng chí Quang nghỉ phép đột xuất"
    assert px.it2.get_full_name() in event.label
    assert Handover.objects.get(object_id=case.pk, reason_kind="reassign").from_user == px.it
    assert Notification.objects.filter(recipient=px.it2, kind="handover").exists()
    assert Notification.objects.filter(recipient=px.it, kind="handover").exists()

    assert cases.allowed_actions(case, px.it2) and not cases.allowed_actions(case, px.it)
    client.force_login(px.it2)
    history = client.get(case.get_absolute_url(), **HOST).content.decode()
    assert "Chuyển người xử lý" in history and f"/phan-cong-lai/ho-so/{case.pk}/" not in history  # no link for a non-leader


def test_reassigning_is_refused_to_others_and_bad_input_changes_nothing(client, live):
    px, th, case = live.px, live.th, live.case
    assert reassign(client, th.leader, "ho-so", case.pk, holder=px.it2.pk, reason="x").status_code in (403, 404)
    assert reassign(client, px.officer, "ho-so", case.pk, holder=px.it2.pk, reason="x").status_code == 403
    missing = reassign(client, px.leader, "ho-so", case.pk, holder=px.it2.pk, reason="  ")
    assert missing.status_code == 400 and "Vui lòng nêu lý do phân công lại" in missing.content.decode()
    outsider = reassign(client, px.leader, "ho-so", case.pk, holder=th.it.pk, reason="Chuyển sang phường bạn")
    assert outsider.status_code == 400 and "không có vai trò phù hợp" in outsider.content.decode()
    assert "Chuyển sang phường bạn" in outsider.content.decode()  # what was typed is kept
    assert Case.objects.get(pk=case.pk).holder == px.it and not Handover.objects.exists()


def test_a_system_administrator_reassigns_a_qt07_review_and_the_new_officer_recommends(client, live):
    px, item = live.px, live.item
    assert reassign(client, live.admin, "kiem-duyet", item.pk, holder=px.officer.pk, reason="Điều phối lại").status_code == 302
    item = ModerationItem.objects.get(pk=item.pk)
    assert item.assigned_officer == px.officer
    client.force_login(px.officer)
    client.post(f"/kiem-duyet/{item.pk}/thao-tac/", {"action": "recommend", "verdict": "approve", "draft_document": "Đồng ý đăng."})
    assert ModerationItem.objects.get(pk=item.pk).step == Step.DECIDE
    assert Handover.objects.get(object_id=item.pk).by == live.admin


def test_a_leader_reassigns_a_program_task(client, live):
    px, task = live.px, live.task
    client.force_login(px.leader)
    assert f"/phan-cong-lai/nhiem-vu/{task.pk}/" in client.get(f"/chuong-trinh-cong-tac/nhiem-vu/{task.pk}/", **HOST).content.decode()
    assert reassign(client, px.leader, "nhiem-vu", task.pk, holder=px.specialist2.pk, reason="Phân công theo lĩnh vực").status_code == 302
    assert ProgramTask.objects.get(pk=task.pk).assignee == px.specialist2
    assert Notification.objects.filter(recipient=px.specialist2, kind="handover").exists()
