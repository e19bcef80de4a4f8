"""App. VII operations: register, draft, issue, report, remind. Deadlines from the working-day calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts.models import Membership, Role, User
from intranet.accounts.permissions import can_issue_province_program, is_province_office
from intranet.notifications.services import Alert, notify_each
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, get_calendar

from .models import PeriodicReport, ProgramTask, ProvinceProgram, Registration, RegistrationItem


class ProgramError(Exception):
    """A Vietnamese message for the officer: the operation changed nothing."""


def report_due(period_kind: str, year: int, month: int) -> dt.datetime:
    """Reports are due PROGRAM_REPORT_WORKING_DAYS working days after the period ends."""
    end = ProvinceProgram(period_kind=period_kind, year=year, month=month).period_end()
    start = dt.datetime.combine(end, dt.time.min, LOCAL_TZ)
    return get_calendar().due(start, Decimal(settings.PROGRAM_REPORT_WORKING_DAYS))


def _people_of(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """Active leaders and specialists of each unit (one query)."""
    people: dict[int, list[User]] = {}
    rows = Membership.objects.filter(unit_id__in=list(unit_ids), role__in=[Role.LEADER, Role.SPECIALIST], user__is_active=True)
    for membership in rows.select_related("user"):
        users = people.setdefault(membership.unit_id, [])
        if membership.user not in users:
            users.append(membership.user)
    return people


def recompute_report_deadlines() -> int:
    """After a calendar change: issued programmes with a task not yet reported get their deadline again.

    Returns how many moved. Reports already given keep the deadline they were graded against."""
    moved = 0
    open_programs = ProvinceProgram.objects.filter(status=ProvinceProgram.Status.ISSUED, tasks__reported_at__isnull=True).distinct()
    for program in open_programs.only("pk", "period_kind", "year", "month", "report_due_at"):
        due = report_due(program.period_kind, program.year, program.month)
        if due != program.report_due_at:
            ProvinceProgram.objects.filter(pk=program.pk).update(report_due_at=due)
            moved += 1
    return moved


@transaction.atomic
def register(unit: Unit, user: User, *, period_kind: str, year: int, month: int, items: list[str]) -> Registration:
    if Registration.objects.filter(unit=unit, period_kind=period_kind, year=year, month=month).exists():
        raise ProgramError(_("%(unit)s đã đăng ký chương trình công tác kỳ này.") % {"unit": unit.name})
    registration = Registration.objects.create(unit=unit, submitted_by=user, period_kind=period_kind, year=year, month=month)
    RegistrationItem.objects.bulk_create(
        [RegistrationItem(registration=registration, title=title, sort_order=n) for n, title in enumerate(items)]
    )
    return registration


@transaction.atomic
def draft_program(*, period_kind: str, year: int, month: int, item_ids: list[int], extra: list[tuple[Unit, str]] = ()) -> ProvinceProgram:
    """App. VII.I.2: the office picks registered items (and may add its own) into the province's draft."""
    program, _created = ProvinceProgram.objects.get_or_create(period_kind=period_kind, year=year, month=month)
    if program.status != ProvinceProgram.Status.DRAFT:
        raise ProgramError(_("Chương trình công tác kỳ này đã trình hoặc đã ban hành, không thể sửa."))
    items = RegistrationItem.objects.filter(
        pk__in=item_ids, registration__period_kind=period_kind, registration__year=year, registration__month=month
    ).select_related("registration")
    program.tasks.all().delete()
    ProgramTask.objects.bulk_create(
        [ProgramTask(program=program, unit_id=item.registration.unit_id, title=item.title, source_item=item) for item in items]
        + [ProgramTask(program=program, unit=unit, title=title) for unit, title in extra]
    )
    return program


@transaction.atomic
def submit_program(program: ProvinceProgram, user: User) -> ProvinceProgram:
    """App. VII.I.2: the office submits its draft to the province's leaders ("trình UBND tỉnh ban hành")."""
    if not is_province_office(user):
        raise ProgramError(_("Chỉ Văn phòng UBND tỉnh trình dự thảo chương trình công tác."))
    program = ProvinceProgram.objects.select_for_update().get(pk=program.pk)
    if program.status != ProvinceProgram.Status.DRAFT:
        raise ProgramError(_("Chỉ dự thảo mới được trình."))
    if not program.tasks.exists():
        raise ProgramError(_("Chương trình chưa có nhiệm vụ nào."))
    program.status, program.submitted_at, program.submitted_by = ProvinceProgram.Status.SUBMITTED, timezone.now(), user
    program.save(update_fields=["status", "submitted_at", "submitted_by"])
    province = Unit.objects.active().filter(depth=1).first()
    leaders = Membership.objects.filter(unit=province, role=Role.LEADER, user__is_active=True).select_related("user") if province else []
    notify_each(
        [Alert(m.user, _("Trình ban hành: %(program)s") % {"program": program}, _("Văn phòng UBND tỉnh trình ban hành."),
               f"/chuong-trinh-cong-tac/tinh/{program.pk}/") for m in leaders],
        kind="assignment",
    )
    return program


@transaction.atomic
def issue(program: ProvinceProgram, user: User, *, number: str = "") -> ProvinceProgram:
    """App. VII.I.3: a province leader issues it; the tasks then reach the responsible units' desks."""
    if not can_issue_province_program(user):
        raise ProgramError(_("Chỉ lãnh đạo UBND tỉnh ban hành chương trình công tác."))
    program = ProvinceProgram.objects.select_for_update().get(pk=program.pk)
    if program.is_issued:
        raise ProgramError(_("Chương trình này đã được ban hành."))
    if not program.tasks.exists():
        raise ProgramError(_("Chương trình chưa có nhiệm vụ nào."))
    program.status = ProvinceProgram.Status.ISSUED
    program.issued_at, program.issued_by, program.number = timezone.now(), user, number
    program.report_due_at = report_due(program.period_kind, program.year, program.month)
    program.save()
    unit_ids = set(program.tasks.values_list("unit_id", flat=True))
    alerts = [
        Alert(person, _("Nhiệm vụ mới theo %(program)s") % {"program": program},
              _("Hạn báo cáo kết quả: %(due)s") % {"due": timezone.localtime(program.report_due_at).strftime("%H:%M %d/%m/%Y")},
              "/ban-lam-viec/")
        for people in _people_of(unit_ids).values()
        for person in people
    ]
    notify_each(alerts, kind="assignment")
    return program


@transaction.atomic
def report_task(task: ProgramTask, user: User, *, progress: str, result: str) -> ProgramTask:
    if not ProvinceProgram.objects.filter(pk=task.program_id, status=ProvinceProgram.Status.ISSUED).exists():
        raise ProgramError(_("Chương trình chưa ban hành."))
    task.progress, task.result = progress, result
    task.reported_at, task.reported_by = timezone.now(), user
    task.save(update_fields=["progress", "result", "reported_at", "reported_by"])
    return task


def task_status(task: ProgramTask, now: dt.datetime | None = None, calendar=None) -> str:
    """early / on time / late for a report given, overdue / in time while none is (Khánh Hòa Art. 9.2.d).

    Pass the ``calendar`` when rating many tasks: reading it costs a query."""
    return (calendar or get_calendar()).status(task.program.report_due_at, task.reported_at, now)


@transaction.atomic
def submit_periodic_report(unit: Unit, user: User, *, period_kind: str, year: int, month: int, content: str) -> PeriodicReport:
    """App. VII.II.1: the unit's regular report; a second submission for the period replaces the content."""
    report, created = PeriodicReport.objects.get_or_create(
        unit=unit, period_kind=period_kind, year=year, month=month,
        defaults={"content": content, "submitted_by": user, "due_at": report_due(period_kind, year, month)},
    )
    if not created:
        report.content, report.submitted_by, report.submitted_at = content, user, timezone.now()
        report.save(update_fields=["content", "submitted_by", "submitted_at"])
    return report


def remind(now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind units of reports due within a working day; tell them (once) of reports overdue.

    Idempotent: each task is reminded once and escalated once.
    """
    now = now or timezone.now()
    calendar = get_calendar()
    soon = calendar.due(now, 1)
    open_tasks = ProgramTask.objects.filter(program__status=ProvinceProgram.Status.ISSUED, reported_at__isnull=True).select_related("program", "unit")
    to_remind = list(open_tasks.filter(reminded_at__isnull=True, program__report_due_at__gt=now, program__report_due_at__lte=soon))
    to_escalate = list(open_tasks.filter(escalated_at__isnull=True, program__report_due_at__lte=now))
    people = _people_of({task.unit_id for task in to_remind + to_escalate})
    for tasks, kind, title, field in (
        (to_remind, "reminder", _("Sắp đến hạn báo cáo: %(task)s"), "reminded_at"),
        (to_escalate, "overdue", _("Quá hạn báo cáo: %(task)s"), "escalated_at"),
    ):
        notify_each(
            [Alert(person, title % {"task": task.title}, str(task.program), "/ban-lam-viec/") for task in tasks for person in people.get(task.unit_id, [])],
            kind=kind,
        )
        ProgramTask.objects.filter(pk__in=[task.pk for task in tasks]).update(**{field: now})
    return len(to_remind), len(to_escalate)
