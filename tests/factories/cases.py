"""The people and units the case engine needs, and cases at any step."""

from __future__ import annotations

from types import SimpleNamespace

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.units.models import Unit

from .accounts import UserFactory
from .units import UnitFactory, province


def person(unit: Unit, role: str, username: str, *, is_head: bool = False, full_name: str = ""):
    last, _sep, first = (full_name or f"Cán bộ {username}").rpartition(" ")
    user = UserFactory(username=username, first_name=first, last_name=last)
    grant_role(user, unit, role, is_head=is_head)
    return user


def case_world() -> SimpleNamespace:
    """A province with its office, two departments and a ward, and one person per role the kinds need."""
    top = province()
    office = UnitFactory(parent=top, code="vpubnd", name="Văn phòng UBND tỉnh", kind=Unit.Kind.DEPARTMENT)
    justice = UnitFactory(parent=top, code="stp", name="Sở Tư pháp", kind=Unit.Kind.DEPARTMENT)
    health = UnitFactory(parent=top, code="syt", name="Sở Y tế", kind=Unit.Kind.DEPARTMENT)
    ward = UnitFactory(parent=top, code="phuxuan", name="Phường Phú Xuân", kind=Unit.Kind.COMMUNE)
    top, office, justice, health, ward = (Unit.objects.get(pk=u.pk) for u in (top, office, justice, health, ward))
    world = SimpleNamespace(province=top, office=office, justice=justice, health=health, ward=ward)
    world.board = person(top, Role.PORTAL_BOARD, "bbt", full_name="Lê Thị Biên Tập")
    world.chair = person(top, Role.LEADER, "chutich", is_head=True, full_name="Nguyễn Văn Chủ Tịch")
    world.office_leader = person(office, Role.LEADER, "lanhdao_vp", is_head=True, full_name="Phan Thanh Chánh")
    world.office_specialist = person(office, Role.OFFICE_SPECIALIST, "cv_vp", full_name="Hồ Thị Theo Dõi")
    world.justice_leader = person(justice, Role.LEADER, "lanhdao_stp", is_head=True, full_name="Võ Đức Giám Đốc")
    world.justice_specialist = person(justice, Role.SPECIALIST, "cv_stp", full_name="Đặng Ngọc Soạn Thảo")
    world.justice_specialist2 = person(justice, Role.SPECIALIST, "cv2_stp", full_name="Bùi Minh Phối Hợp")
    world.health_specialist = person(health, Role.SPECIALIST, "cv_syt", full_name="Trần Người Ngoài")
    world.ward_leader = person(ward, Role.LEADER, "lanhdao_px", is_head=True, full_name="Tôn Thất Chủ Tịch Phường")
    world.ward_officer = person(ward, Role.OFFICE_SPECIALIST, "vp_px", full_name="Lý Văn Phòng Phường")
    world.ward_it = person(ward, Role.IT_STAFF, "cntt_px", full_name="Ngô Quang Kỹ Thuật")
    world.ward_specialist = person(ward, Role.SPECIALIST, "cv_px", full_name="Hoàng Thị Báo Sự Cố")
    return world


def open_questions(world: SimpleNamespace, number: int, *, start: int = 0) -> list:
    """``number`` citizen questions held by the justice leader, due one hour apart (bulk: the desk is read, not the engine)."""
    import datetime as dt

    from django.utils import timezone

    from intranet.cases.kinds import get_kind
    from intranet.cases.models import Case, CaseParticipant, CaseUnit
    from intranet.cases.services import new_code

    kind, now = get_kind("question"), timezone.now()
    codes: set[str] = set()
    while len(codes) < number:  # new_code() checks the table only: draws within one batch may collide
        codes.add(new_code(kind))
    codes = iter(sorted(codes))
    rows = [
        Case(
            kind="question", code=next(codes), title=f"Câu hỏi chờ xử lý số {n:04d}", body="Nội dung", step="agency_assign",
            unit=world.justice, agency=world.justice, holder=world.justice_leader, created_at=now, clock_started_at=now,
            due_at=now + dt.timedelta(hours=n + 1), step_due_at=now + dt.timedelta(hours=n + 1), step_started_at=now,
        )
        for n in range(start, start + number)
    ]
    created = Case.objects.bulk_create(rows, batch_size=500)
    CaseUnit.objects.bulk_create([CaseUnit(case=case, unit=world.justice) for case in created], batch_size=500)
    CaseParticipant.objects.bulk_create([CaseParticipant(case=case, user=world.justice_leader) for case in created], batch_size=500)
    return created


def to_office(world, case, *, now=None):
    """The portal board screens a question and the next batch moves it to the office leader (App. V 1)."""
    from django.utils import timezone

    from intranet.cases import services
    from intranet.cases.models import Case

    now = now or timezone.now()
    services.perform(case, world.board, "screen", now=now)
    services.forward_screened_questions(now)
    return Case.objects.get(pk=case.pk)
