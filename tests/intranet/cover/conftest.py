import pytest
from django.core.cache import cache

from intranet.accounts.models import Role
from intranet.cases import services
from intranet.cases.models import Case
from tests.factories.cases import case_world, person, to_office

HOST = {"HTTP_HOST": "localhost"}
ANSWER = "Hồ sơ gồm tờ khai và bản chính giấy khai sinh; thời hạn giải quyết trong ngày."


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    world = case_world()
    # A vice-chair of the ward (a leader, not the head) and a second office leader.
    world.ward_vice = person(world.ward, Role.LEADER, "phochutich_px", full_name="Lê Văn Phó Chủ Tịch")
    world.office_vice = person(world.office, Role.LEADER, "phovp", full_name="Trương Thị Phó Văn Phòng")
    return world


def question(world, title="Thủ tục cấp bản sao trích lục khai sinh", email="dan@example.vn", name="Nguyễn Thị Dân"):
    return services.submit_question(name=name, phone="0905 123 456", email=email, address="Huế", field="hanh-chinh",
                                    title=title, question=f"Xin hỏi {title.lower()}?")


def at_routing(world, case):
    """The office leader gave it to the office specialist (App. V 2.a)."""
    case = to_office(world, case)
    return services.perform(case, world.office_leader, "assign", services.ActionInput(holder=world.office_specialist))


def published(world, case, answer=ANSWER):
    """Walk a question at the office's routing step to its published answer."""
    ai = services.ActionInput
    case = services.perform(case, world.office_specialist, "forward", ai(target_unit=world.justice))
    case = services.perform(case, world.justice_leader, "assign", ai(holder=world.justice_specialist))
    case = services.perform(case, world.justice_specialist, "submit_draft", ai(answer=answer))
    case = services.perform(case, world.justice_leader, "approve")
    case = services.perform(case, world.office_specialist, "publish")
    return Case.objects.get(pk=case.pk)
