"""Leave: new work meant for an officer on leave goes to the substitute; the desk shows both sides."""

import datetime as dt

import pytest
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.cases import services
from intranet.cases.models import Case, CaseEvent
from intranet.cover.models import CoveredWork, Leave
from intranet.moderation import services as qt07
from intranet.moderation.models import ModerationItem, Step
from intranet.programs.models import ProgramTask, ProvinceProgram
from tests.factories import PersonFactory, UserFactory
from tests.factories.cover import LeaveFactory, today
from tests.factories.moderation import desk, submitted
from tests.factories.news import province_and_wards

from .conftest import HOST, at_routing, question

pytestmark = pytest.mark.django_db


def at_agency(world):
    case = at_routing(world, question(world))
    return services.perform(case, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice))


def record(client, user, **fields):
    client.force_login(user)
    return client.post("/ban-lam-viec/nghi-phep/", {"reason": "Nghỉ phép năm", **fields}, **HOST)


def test_an_officer_records_leave_and_the_leaders_assignment_goes_to_the_substitute(client, world):
    js, js2 = world.justice_specialist, world.justice_specialist2
    response = record(client, js, unit=world.justice.pk, person=js.pk, substitute=js2.pk,
                      starts_on=today().isoformat(), ends_on=(today() + dt.timedelta(days=4)).isoformat())
    assert response.status_code == 302
    leave = Leave.objects.get()
    assert (leave.person, leave.substitute, leave.unit) == (js, js2, world.justice)

    case = at_agency(world)
    client.force_login(world.justice_leader)
    page = client.post(f"/ho-so/{case.code}/xu-ly/assign/", {"assign-holder": js.pk}, **HOST)
    assert page.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert (case.step, case.holder, case.main_handler) == ("drafting", js2, js2)
    event = CaseEvent.objects.get(case=case, action="cover_leave")
    assert event.label == "Đặng Ngọc Soạn Thảo đang nghỉ phép; giao người thay: Bùi Minh Phối Hợp"
    assert CoveredWork.objects.get(leave=leave).object_id == case.pk

    client.force_login(js2)
    desk_page = client.get("/ban-lam-viec/", **HOST).content.decode()
    assert "Bạn đang thay Đặng Ngọc Soạn Thảo" in desk_page and f"{case.code} – {case.title}" in desk_page
    client.force_login(js)
    desk_page = client.get("/ban-lam-viec/", **HOST).content.decode()
    end = (today() + dt.timedelta(days=4)).strftime("%d/%m/%Y")
    assert f"Bạn đang nghỉ phép đến hết {end}, người thay: Bùi Minh Phối Hợp" in desk_page
    assert case.code not in desk_page  # the work is not theirs


def test_the_case_page_tells_who_covers_a_holder_gone_on_leave(client, world):
    case = at_agency(world)
    case = services.perform(case, world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist))
    LeaveFactory(person=world.justice_specialist, unit=world.justice, substitute=world.justice_specialist2)
    client.force_login(world.justice_leader)
    page = client.get(case.get_absolute_url(), **HOST).content.decode()
    assert "Đặng Ngọc Soạn Thảo đang nghỉ phép đến hết" in page and "người thay: Bùi Minh Phối Hợp" in page


def test_leave_not_yet_begun_or_ended_early_routes_nothing(client, world):
    js, js2 = world.justice_specialist, world.justice_specialist2
    LeaveFactory(person=js, unit=world.justice, substitute=js2, starts_on=today() + dt.timedelta(days=1),
                 ends_on=today() + dt.timedelta(days=3))
    ended = LeaveFactory(person=js, unit=world.justice, substitute=js2, starts_on=today(), ends_on=today())
    client.force_login(js)
    assert client.post(f"/ban-lam-viec/nghi-phep/{ended.pk}/ket-thuc/", **HOST).status_code == 302
    case = services.perform(at_agency(world), world.justice_leader, "assign", services.ActionInput(holder=js))
    assert case.holder == js and not CoveredWork.objects.exists()


def test_a_substitute_without_the_steps_role_leaves_the_work_in_the_units_queue(world):
    """The substitute must be able to hold the step; if not, the step goes to everyone with its role there."""
    LeaveFactory(person=world.justice_specialist, unit=world.justice, substitute=world.justice_leader)
    case = services.perform(at_agency(world), world.justice_leader, "assign", services.ActionInput(holder=world.justice_specialist))
    assert case.holder is None and case.step == "drafting"
    assert services.allowed_actions(case, world.justice_specialist2)  # the unit's other specialist can take it


def test_leave_is_refused_with_a_substitute_of_another_unit_or_for_someone_else(client, world):
    js = world.justice_specialist
    response = record(client, js, unit=world.justice.pk, person=js.pk, substitute=world.health_specialist.pk,
                      starts_on=today().isoformat(), ends_on=today().isoformat())
    assert response.status_code == 400 and "Người thay phải là người đang công tác của cùng đơn vị." in response.content.decode()
    # A specialist may not record a colleague's leave; a leader of another unit not for this one.
    assert record(client, js, unit=world.justice.pk, person=world.justice_specialist2.pk, substitute=js.pk,
                  starts_on=today().isoformat(), ends_on=today().isoformat()).status_code == 400
    assert record(client, world.health_specialist, unit=world.justice.pk, person=js.pk, substitute=world.justice_specialist2.pk,
                  starts_on=today().isoformat(), ends_on=today().isoformat()).status_code == 400
    assert not Leave.objects.exists()
    # The unit's leader records it for their specialist.
    assert record(client, world.justice_leader, unit=world.justice.pk, person=js.pk, substitute=world.justice_specialist2.pk,
                  starts_on=today().isoformat(), ends_on=today().isoformat()).status_code == 302
    assert Leave.objects.get().created_by == world.justice_leader


def test_an_outsider_cannot_see_or_end_a_units_leave(client, world):
    leave = LeaveFactory(person=world.justice_specialist, unit=world.justice, substitute=world.justice_specialist2,
                         reason="Điều trị tại bệnh viện")
    client.force_login(world.health_specialist)
    assert "Điều trị tại bệnh viện" not in client.get("/ban-lam-viec/nghi-phep/", **HOST).content.decode()
    assert client.post(f"/ban-lam-viec/nghi-phep/{leave.pk}/ket-thuc/", **HOST).status_code == 404
    assert Leave.objects.get().ended_at is None
    client.force_login(world.justice_leader)
    assert "Điều trị tại bệnh viện" in client.get("/ban-lam-viec/nghi-phep/", **HOST).content.decode()


def test_the_substitute_picker_shows_name_position_and_unit(client, world):
    PersonFactory(user=world.justice_specialist2, unit=world.justice, full_name="Bùi Minh Phối Hợp", position="Chuyên viên pháp chế")
    client.force_login(world.justice_specialist)
    page = client.get("/ban-lam-viec/nghi-phep/", **HOST).content.decode()
    assert "Bùi Minh Phối Hợp – Chuyên viên pháp chế – " in page
    assert "Trần Người Ngoài" not in page  # nobody from another unit


def test_qt07_review_and_a_reassigned_program_task_go_to_the_substitute(client, db):
    _tinh, phuxuan, _th = province_and_wards()
    px = desk(phuxuan)
    LeaveFactory(person=px.officer2, unit=phuxuan, substitute=px.officer)
    item = submitted(phuxuan, "Phường ra quân dọn vệ sinh")
    qt07.confirm_receipt(item, px.officer)
    qt07.forward(item, px.officer)
    client.force_login(px.leader)
    client.post(f"/kiem-duyet/{item.pk}/thao-tac/", {"action": "assign", "officer": px.officer2.pk}, **HOST)
    item = ModerationItem.objects.get(pk=item.pk)
    assert item.step == Step.REVIEW and item.assigned_officer == px.officer

    specialist, colleague = UserFactory(last_name="Hoàng Thị", first_name="Báo Cáo"), UserFactory(last_name="Bùi", first_name="Tổng Hợp")
    for user in (specialist, colleague):
        grant_role(user, phuxuan, Role.SPECIALIST)
    LeaveFactory(person=specialist, unit=phuxuan, substitute=colleague)
    now = timezone.now()
    program = ProvinceProgram.objects.create(period_kind="month", year=now.year, month=now.month, status=ProvinceProgram.Status.ISSUED,
                                             issued_at=now, report_due_at=now + dt.timedelta(days=30))
    task = ProgramTask.objects.create(program=program, unit=phuxuan, title="Rà soát hộ nghèo quý IV")
    response = client.post(f"/phan-cong-lai/nhiem-vu/{task.pk}/", {"holder": specialist.pk, "reason": "Phân công theo lĩnh vực"}, **HOST)
    assert response.status_code == 302
    assert ProgramTask.objects.get(pk=task.pk).assignee == colleague
    assert CoveredWork.objects.count() == 2
