"""Every step deadline the regulations give, one parametrised test each (issue 13, "Done means").

``REFERENCE`` transcribes the step tables of ``../shared/reference/``: 000 (La Khê 2024, QT-05/VP) and
002 (Thừa Thiên Huế 2016, Appendices IV–VI). Each row walks a case through the engine at fixed
moments to that step and asserts the deadline the software computes with the one working-day calendar.
``SOFTWARE_SPLIT`` lists the steps the reference leaves inside its total ("Hàng ngày", within the
5 working days): the software's own division, asserted too, and checked to fit the reference's total.
QT-07's table is in tests/intranet/moderation/test_deadline_table.py.
"""

import datetime as dt
from decimal import Decimal

import pytest

from intranet.cases import services
from intranet.cases.kinds import get_kind
from intranet.cases.models import Case
from intranet.cases.services import ActionInput
from intranet.workdays.calendar import LOCAL_TZ, get_calendar

pytestmark = pytest.mark.django_db
# A Monday in March 2026, no holiday near it; each action comes an hour after the one before.
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=LOCAL_TZ)
HALF = Decimal("0.5")

# (procedure, step, the reference's wording, its working days, or clock times for a batch step)
REFERENCE = [
    ("QT-05", "classify", "B2 Tiếp nhận, phân loại – 0,5 ngày", HALF),
    ("QT-05", "survey", "B3 Khảo sát, lập phương án – 0,5 ngày", HALF),
    ("QT-05", "submission", "B4 Trình Chủ tịch phê duyệt – 0,5 ngày", HALF),
    ("QT-05", "approval", "B5 Phê duyệt – 0,5 ngày", HALF),
    ("QT-05", "repair", "B6 Thực hiện, vận hành thử – 0,5 ngày", HALF),
    ("QT-05", "handover", "B7 Bàn giao ba bên – sau hoàn thành (no own deadline)", None),
    ("QT-05", "handover_confirm", "B7 Bộ phận đề nghị xác nhận – sau hoàn thành (no own deadline)", None),
    ("App. V", "new", "1 Ban biên tập chuyển về VP lúc 10h00, 16h00", ("10:00", "16:00")),
    ("App. V", "screened", "1 chỉ câu hỏi đã kiểm duyệt, lúc 10h00, 16h00", ("10:00", "16:00")),
    ("App. V", "office_assign", "2.a Lãnh đạo VP giao: trước 14h00 (đợt 10h00), 07h30 hôm sau (đợt 16h00)", ("07:30", "14:00")),
]
SOFTWARE_SPLIT = [
    ("App. V", "routing", Decimal(1)),
    ("App. V", "agency_assign", HALF),
    ("App. V", "drafting", Decimal(3)),
    ("App. V", "agency_approve", Decimal(1)),
    ("App. V", "office_review", Decimal(1)),
    ("App. VI", "intake", Decimal(1)),
    ("App. VI", "agency_assign", HALF),
    ("App. VI", "drafting", Decimal(3)),
    ("App. VI", "agency_approve", Decimal(1)),
    ("App. VI", "office_review", Decimal(1)),
    ("App. IV", "agency_assign", HALF),
    ("App. IV", "drafting", Decimal(3)),
    ("App. IV", "agency_approve", Decimal(1)),
    ("App. IV", "office_confirm", Decimal(1)),
]
# The procedures' totals: QT-05 2,5 ngày; App. IV–VI "chậm nhất sau 05 ngày làm việc, kể từ ngày được giao
# xử lý … không quá 10 ngày làm việc" for hard or multi-agency matters.
TOTALS = [
    ("QT-05", "it", False, Decimal("2.5")),
    ("App. V", "question", False, Decimal(5)),
    ("App. V", "question", True, Decimal(10)),
    ("App. VI", "voter", False, Decimal(5)),
    ("App. VI", "voter", True, Decimal(10)),
    ("App. IV", "press", False, Decimal(5)),
    ("App. IV", "press", True, Decimal(10)),
]
KINDS = {"QT-05": "it", "App. V": "question", "App. VI": "voter", "App. IV": "press"}


def _paths(world, hard=False):
    """Each procedure's ordinary path: (who, action, input); ``None`` is the 10:00/16:00 batch."""
    return {
        "it": [
            (world.ward_it, "classify", ActionInput(extra={"category": "Phần cứng", "severity": "Cao"})),
            (world.ward_it, "plan", ActionInput(extra={"plan": "Thay linh kiện", "cost": 300000})),
            (world.ward_it, "submit", ActionInput()),
            (world.ward_leader, "approve", ActionInput()),
            (world.ward_it, "complete", ActionInput(extra={"vendor": "Công ty Tin học", "test_result": "Đạt"})),
            (world.ward_it, "handover", ActionInput(extra={"receiver": "Hoàng Thị Báo Sự Cố", "documents": ""})),
            (world.ward_specialist, "confirm_handover", ActionInput()),
        ],
        "question": [
            (world.board, "screen", ActionInput()),
            (None, "batch", None),
            (world.office_leader, "assign", ActionInput(holder=world.office_specialist)),
            (world.office_specialist, "forward", ActionInput(target_unit=world.justice, hard=hard)),
            (world.justice_leader, "assign", ActionInput(holder=world.justice_specialist)),
            (world.justice_specialist, "submit_draft", ActionInput(answer="Trả lời.")),
            (world.justice_leader, "approve", ActionInput()),
            (world.office_specialist, "publish", ActionInput()),
        ],
        "voter": [
            (world.ward_officer, "forward", ActionInput(target_unit=world.ward, hard=hard)),
            (world.ward_leader, "assign", ActionInput(holder=world.ward_specialist)),
            (world.ward_specialist, "submit_draft", ActionInput(answer="Trả lời.")),
            (world.ward_leader, "approve", ActionInput()),
            (world.ward_officer, "publish", ActionInput()),
        ],
        "press": [
            (world.justice_leader, "assign", ActionInput(holder=world.justice_specialist)),
            (world.justice_specialist, "submit_draft", ActionInput(answer="Đã xử lý.")),
            (world.justice_leader, "approve", ActionInput()),
            (world.office_specialist, "confirm", ActionInput()),
        ],
    }


def _open(world, kind: str, hard=False) -> Case:
    common = {"title": "Vụ việc kiểm tra hạn", "body": "Nội dung", "now": START}
    if kind == "it":
        return services.open_case("it", origin=world.ward, reporter=world.ward_specialist, **common)
    if kind == "question":
        return services.open_case("question", origin=world.province, **common)
    if kind == "voter":
        return services.open_case("voter", origin=world.ward, **common)
    return services.open_case("press", agency=world.justice, overseer=world.office_specialist, hard=hard, **common)


def walk_to(world, kind: str, step: str, hard=False) -> Case:
    """Open a case of ``kind`` and take it, an hour per action, until it stands at ``step``."""
    case, moment = _open(world, kind, hard), START
    for actor, action, params in _paths(world, hard)[kind]:
        if case.step == step:
            return case
        moment += dt.timedelta(hours=1)
        if actor is None:
            services.forward_screened_questions(moment, only=case)
        else:
            services.perform(case, actor, action, params, now=moment)
        case = Case.objects.get(pk=case.pk)
    assert case.step == step, f"{kind} never reached {step}"
    return case


@pytest.mark.parametrize(("procedure", "step", "wording", "deadline"), REFERENCE, ids=[f"{p} {s}" for p, s, _w, _d in REFERENCE])
def test_each_step_is_due_as_the_reference_says(world, procedure, step, wording, deadline):
    kind = KINDS[procedure]
    case = walk_to(world, kind, step)
    calendar = get_calendar()
    if deadline is None:
        assert case.step_due_at is None, wording
    elif isinstance(deadline, tuple):
        assert case.step_due_at == calendar.next_time_of_day(case.step_started_at, deadline), wording
    else:
        assert case.step_due_at == calendar.due(case.step_started_at, deadline), wording


@pytest.mark.parametrize(("procedure", "step", "days"), SOFTWARE_SPLIT, ids=[f"{p} {s}" for p, s, _d in SOFTWARE_SPLIT])
def test_the_softwares_steps_inside_the_reference_total(world, procedure, step, days):
    kind = KINDS[procedure]
    case = walk_to(world, kind, step)
    # A step never runs past the case's own deadline (the engine takes the earlier of the two).
    assert case.step_due_at == min(get_calendar().due(case.step_started_at, days), case.due_at or case.step_due_at)
    # The agency's own steps (assign, draft, approve) fit in the reference's 5 working days from assignment.
    agency = sum(get_kind(kind).step(code).days for code in ("agency_assign", "drafting", "agency_approve"))
    assert agency <= Decimal(5)


@pytest.mark.parametrize(("procedure", "kind", "hard", "days"), TOTALS, ids=[f"{p} {'khó' if h else 'thường'}" for p, _k, h, _d in TOTALS])
def test_each_procedures_total_is_the_references(world, procedure, kind, hard, days):
    clock_starts = get_kind(kind).clock_starts
    case = walk_to(world, kind, clock_starts, hard=hard)
    assert case.hard == hard
    assert case.due_at == get_calendar().due(case.clock_started_at, days)
