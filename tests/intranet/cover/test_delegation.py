"""A leader delegates a role for a period: the delegate acts on the steps it allows, history says
"thay mặt"; before and after the period, and once revoked, the server refuses."""

import datetime as dt

import pytest

from intranet.accounts import permissions
from intranet.cases import services
from intranet.cases.models import Case, CaseEvent
from intranet.cover.models import Delegation
from tests.factories.cases import to_office
from tests.factories.cover import DelegationFactory, today

from .conftest import HOST, question

pytestmark = pytest.mark.django_db


def delegate_over_http(client, leader, **fields):
    client.force_login(leader)
    return client.post("/ban-lam-viec/uy-quyen/", {"role": "leader", "reason": "Đi công tác Hà Nội", **fields}, **HOST)


def assign(client, user, case, holder):
    client.force_login(user)
    return client.post(f"/ho-so/{case.code}/xu-ly/assign/", {"assign-holder": holder.pk}, **HOST)


def test_the_office_leader_delegates_assignment_to_the_portal_board_who_assigns_on_their_behalf(client, world):
    """App. V 2.a: "Lãnh đạo Văn phòng UBND tỉnh (hoặc ủy quyền cho Cổng TTĐT)"."""
    case = to_office(world, question(world))
    assert case.step == "office_assign"
    assert assign(client, world.board, case, world.office_specialist).status_code == 403  # not theirs yet

    form = (client.force_login(world.office_leader) or client.get("/ban-lam-viec/uy-quyen/", **HOST)).content.decode()
    assert "Lê Thị Biên Tập – Ban biên tập Cổng TTĐT tỉnh" in form  # the portal board is offered, family name first
    response = delegate_over_http(client, world.office_leader, unit=world.office.pk, delegate=world.board.pk,
                                  starts_on=today().isoformat(), ends_on=(today() + dt.timedelta(days=3)).isoformat())
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.delegator, delegation.delegate, delegation.unit, delegation.role) == (
        world.office_leader, world.board, world.office, "leader")

    client.force_login(world.board)
    page = client.get(case.get_absolute_url(), **HOST).content.decode()
    assert "Bạn đang thao tác thay mặt Phan Thanh Chánh theo ủy quyền." in page
    assert case.code in client.get("/ban-lam-viec/", **HOST).content.decode()  # on the delegate's desk
    assert assign(client, world.board, case, world.office_specialist).status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert (case.step, case.holder) == ("routing", world.office_specialist)
    event = CaseEvent.objects.get(case=case, action="assign")
    assert event.actor == world.board and event.actor_name == "Lê Thị Biên Tập (thay mặt Phan Thanh Chánh)"
    assert event.data["on_behalf_of"] == world.office_leader.pk
    client.force_login(world.office_leader)
    assert "Lê Thị Biên Tập (thay mặt Phan Thanh Chánh)" in client.get(case.get_absolute_url(), **HOST).content.decode()


@pytest.mark.parametrize("days", [(1, 5), (-6, -1)], ids=["not-yet", "over"])
def test_outside_the_period_the_delegate_is_refused(client, world, days):
    case = to_office(world, question(world))
    start, end = (today() + dt.timedelta(days=n) for n in days)
    DelegationFactory(unit=world.office, delegator=world.office_leader, delegate=world.board, starts_on=start, ends_on=end)
    assert not services.allowed_actions(case, world.board)
    assert assign(client, world.board, case, world.office_specialist).status_code == 403
    assert Case.objects.get(pk=case.pk).step == "office_assign"


def test_a_revoked_delegation_stops_at_once(client, world):
    case = to_office(world, question(world))
    delegation = DelegationFactory(unit=world.office, delegator=world.office_leader, delegate=world.board)
    client.force_login(world.board)
    assert client.post(f"/ban-lam-viec/uy-quyen/{delegation.pk}/thu-hoi/", **HOST).status_code == 403  # the delegate may not revoke
    client.force_login(world.office_leader)
    assert client.post(f"/ban-lam-viec/uy-quyen/{delegation.pk}/thu-hoi/", **HOST).status_code == 302
    assert Delegation.objects.get().ended_at is not None
    assert assign(client, world.board, case, world.office_specialist).status_code == 403


def test_the_delegate_acts_only_in_the_delegated_unit(client, world):
    """The office leader's delegation does not reach the Department of Justice's steps."""
    DelegationFactory(unit=world.office, delegator=world.office_leader, delegate=world.board)
    case = to_office(world, question(world))
    case = services.perform(case, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist))
    case = services.perform(case, world.office_specialist, "forward", services.ActionInput(target_unit=world.justice))
    assert case.step == "agency_assign"
    assert assign(client, world.board, case, world.justice_specialist).status_code in (403, 404)


def test_the_ward_chair_authorises_a_vice_chair_to_approve_an_it_plan(client, world):
    """QT-05 B5: "Chủ tịch (hoặc Phó Chủ tịch được ủy quyền)"; the vice-chair alone may not."""
    ai = services.ActionInput
    case = services.report_it_incident(world.ward_specialist, title="Máy in không in được", body="Kẹt giấy liên tục.")
    case = services.perform(case, world.ward_it, "classify", ai(extra={"category": "Thiết bị ngoại vi (máy in, máy quét)", "severity": "Trung bình"}))
    case = services.perform(case, world.ward_it, "plan", ai(extra={"plan": "Thay cụm sấy", "cost": 950000}))
    case = services.perform(case, world.ward_it, "submit")
    assert case.step == "approval"
    client.force_login(world.ward_vice)
    assert client.post(f"/ho-so/{case.code}/xu-ly/approve/", **HOST).status_code in (403, 404)

    # Only a leader may delegate, and only a role they hold in that unit.
    assert delegate_over_http(client, world.ward_specialist, unit=world.ward.pk, delegate=world.ward_vice.pk,
                              starts_on=today().isoformat(), ends_on=today().isoformat()).status_code == 400
    assert not Delegation.objects.exists()
    response = delegate_over_http(client, world.ward_leader, unit=world.ward.pk, delegate=world.ward_vice.pk,
                                  starts_on=today().isoformat(), ends_on=today().isoformat())
    assert response.status_code == 302
    assert permissions.acting_for(world.ward_vice, case) == world.ward_leader
    client.force_login(world.ward_vice)
    assert client.post(f"/ho-so/{case.code}/xu-ly/approve/", **HOST).status_code == 302
    event = CaseEvent.objects.get(case=case, action="approve")
    assert event.actor_name == "Lê Văn Phó Chủ Tịch (thay mặt Tôn Thất Chủ Tịch Phường)"
    assert Case.objects.get(pk=case.pk).step == "repair"


def test_a_delegation_needs_a_person_of_the_unit_and_a_period_in_order(client, world):
    response = delegate_over_http(client, world.office_leader, unit=world.office.pk, delegate=world.health_specialist.pk,
                                  starts_on=today().isoformat(), ends_on=today().isoformat())
    assert response.status_code == 400 and "Người được ủy quyền phải là người đang công tác của đơn vị." in response.content.decode()
    response = delegate_over_http(client, world.office_leader, unit=world.office.pk, delegate=world.office_vice.pk,
                                  starts_on=(today() + dt.timedelta(days=2)).isoformat(), ends_on=today().isoformat())
    assert response.status_code == 400 and "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    # A leader of another unit cannot delegate the office's role (the unit is not among their choices).
    response = delegate_over_http(client, world.justice_leader, unit=world.office.pk, delegate=world.office_vice.pk,
                                  starts_on=today().isoformat(), ends_on=today().isoformat())
    assert response.status_code == 400 and not Delegation.objects.exists()


def test_the_desk_shows_both_sides_of_a_delegation(client, world):
    DelegationFactory(unit=world.office, delegator=world.office_leader, delegate=world.office_vice)
    client.force_login(world.office_vice)
    desk = client.get("/ban-lam-viec/", **HOST).content.decode()
    assert "Bạn được Phan Thanh Chánh ủy quyền: Lãnh đạo – Văn phòng UBND tỉnh" in desk
    client.force_login(world.office_leader)
    assert "Bạn ủy quyền cho Trương Thị Phó Văn Phòng: Lãnh đạo – Văn phòng UBND tỉnh" in client.get("/ban-lam-viec/", **HOST).content.decode()
