import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.cases import services as cases
from intranet.moderation import services as qt07
from intranet.programs.models import ProgramTask, ProvinceProgram
from tests.factories import UserFactory
from tests.factories.moderation import desk, submitted
from tests.factories.news import province_and_wards


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def person(unit, role, first, last):
    user = UserFactory(first_name=first, last_name=last)
    grant_role(user, unit, role)
    return user


@pytest.fixture
def live(db):
    """Two wards with their people, and Phú Xuân holding open work of every kind, each with a named holder."""
    tinh, phuxuan, thuanhoa = province_and_wards()
    px, th = desk(phuxuan), desk(thuanhoa)
    px.it2 = person(phuxuan, Role.IT_STAFF, "Kỹ Thuật", "Ngô Quang")
    px.specialist = person(phuxuan, Role.SPECIALIST, "Thị Báo Cáo", "Hoàng")
    px.specialist2 = person(phuxuan, Role.SPECIALIST, "Minh Tổng Hợp", "Bùi")
    th.specialist = person(thuanhoa, Role.SPECIALIST, "Văn Kế Thừa", "Lê")
    admin = person(tinh, Role.SYSADMIN, "Quản Trị", "Trần")

    case = cases.report_it_incident(px.specialist, title="Máy chủ thư điện tử ngừng", body="Không gửi được thư từ sáng nay.")
    case = cases.perform(case, px.it, "classify", cases.ActionInput(extra={"category": "Phần mềm", "severity": "Cao"}))

    item = submitted(phuxuan, "Phường ra quân dọn vệ sinh")
    qt07.confirm_receipt(item, px.officer)
    qt07.forward(item, px.officer)
    qt07.assign(item, px.leader, px.officer2)

    now = timezone.now()
    program = ProvinceProgram.objects.create(period_kind="month", year=now.year, month=now.month, status=ProvinceProgram.Status.ISSUED,
                                             issued_at=now, report_due_at=now + dt.timedelta(days=30))
    task = ProgramTask.objects.create(program=program, unit=phuxuan, title="Rà soát hộ nghèo quý IV", assignee=px.specialist)
    return SimpleNamespace(province=tinh, phuxuan=phuxuan, thuanhoa=thuanhoa, px=px, th=th, admin=admin, case=case, item=item, task=task)
