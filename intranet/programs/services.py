"""App. VII operations: register, draft, issue, report, remind. Deadlines from the working-day calendar.

When a report is due (App. VII says only "định kỳ, đến kỳ báo cáo"; the software's choice, see ``REPORT_WORKING_DAYS``):
a week's by the close of the first working day after it (the Monday briefing), a month's, quarter's or year's
PROGRAM_REPORT_WORKING_DAYS (3) working days after it ends, an ad-hoc one by the close of the day the request names
(the next working day's if that day is off)."""

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
from intranet.documents.models import DocType
from intranet.notifications.services import Alert, notify_each
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, Status, get_calendar

from .models import PeriodicReport, PeriodKind, ProgramTask, ProvinceProgram, ProvinceReport, Registration, RegistrationItem


class ProgramError(Exception):
    """A Vietnamese message for the officer: the operation changed nothing."""


def report_working_days(period_kind: str) -> Decimal:
    """Working days after a regular period's end until its report is due."""
    if period_kind == PeriodKind.WEEK:
        return Decimal(settings.PROGRAM_WEEK_REPORT_WORKING_DAYS)
    return Decimal(settings.PROGRAM_REPORT_WORKING_DAYS)


def period_fields(period_kind: str, year: int, month: int = 0, *, week: int = 0, quarter: int = 0, title: str = "", due_on=None) -> dict:
    """The fields naming a period (and an ad-hoc one's deadline day), as the models store them."""
    return {"period_kind": period_kind, "year": year, "month": month or 0, "week": week or 0, "quarter": quarter or 0,
            "title": title or "", "due_on": due_on}


def period_due(period, calendar=None) -> dt.datetime:
    """When the report of ``period`` (any Period model instance) is due, by the working-day calendar."""
    calendar = calendar or get_calendar()
    if period.period_kind == PeriodKind.ADHOC:
        # By the close of the named day: one working day counted from the eve's midnight.
        eve = dt.datetime.combine(period.due_on - dt.timedelta(days=1), dt.time(23, 59), LOCAL_TZ)
        return calendar.due(eve, 1)
    start = dt.datetime.combine(period.period_end(), dt.time.min, LOCAL_TZ)
    return calendar.due(start, report_working_days(period.period_kind))


def report_due(period_kind: str, year: int, month: int = 0, **extra) -> dt.datetime:
    return period_due(ProvinceProgram(**period_fields(period_kind, year, month, **extra)))


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
    calendar = get_calendar()
    for program in open_programs.only("pk", "period_kind", "year", "month", "week", "quarter", "title", "due_on", "report_due_at"):
        due = period_due(program, calendar)
        if due != program.report_due_at:
            ProvinceProgram.objects.filter(pk=program.pk).update(report_due_at=due)
            moved += 1
    return moved


@transaction.atomic
def register(unit: Unit, user: User, *, period_kind: str, year: int, month: int = 0, items: list[str], personal: bool = False,
             **extra) -> Registration:
    """App. VII.I.1: the unit's program for the period; ``personal``: the officer's own (Huế Art. 5), in their unit."""
    fields = period_fields(period_kind, year, month, **extra)
    key = {name: value for name, value in fields.items() if name != "due_on"}
    if personal:
        if Registration.objects.filter(owner=user, **key).exists():
            raise ProgramError(_("Bạn đã đăng ký chương trình công tác cá nhân kỳ này."))
    elif Registration.objects.filter(unit=unit, owner__isnull=True, **key).exists():
        raise ProgramError(_("%(unit)s đã đăng ký chương trình công tác kỳ này.") % {"unit": unit.name})
    registration = Registration.objects.create(unit=unit, submitted_by=user, owner=user if personal else None, **fields)
    RegistrationItem.objects.bulk_create(
        [RegistrationItem(registration=registration, title=title, sort_order=n) for n, title in enumerate(items)]
    )
    return registration


@transaction.atomic
def draft_program(*, period_kind: str, year: int, month: int = 0, item_ids: list[int], extra: list[tuple[Unit, str]] = (),
                  **period) -> ProvinceProgram:
    """App. VII.I.2: the office picks units' registered items (and may add its own) into the province's draft."""
    fields = period_fields(period_kind, year, month, **period)
    key = {name: value for name, value in fields.items() if name != "due_on"}
    if fields["due_on"] is None and period_kind == PeriodKind.ADHOC:
        # An ad-hoc programme's report is due when its request says: the day the units registered against.
        registered = Registration.objects.filter(owner__isnull=True, **key).exclude(due_on=None).order_by("due_on").first()
        fields["due_on"] = registered.due_on if registered else None
    program, _created = ProvinceProgram.objects.get_or_create(**key, defaults={"due_on": fields["due_on"]})
    if program.status != ProvinceProgram.Status.DRAFT:
        raise ProgramError(_("Chương trình công tác kỳ này đã trình hoặc đã ban hành, không thể sửa."))
    items = RegistrationItem.objects.filter(
        pk__in=item_ids, registration__owner__isnull=True, **{f"registration__{name}": value for name, value in key.items()}
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
    return _submit(program, user, f"/chuong-trinh-cong-tac/tinh/{program.pk}/", check=_has_tasks)


def _has_tasks(program: ProvinceProgram) -> None:
    if not program.tasks.exists():
        raise ProgramError(_("Chương trình chưa có nhiệm vụ nào."))


def _submit(obj, user: User, url: str, check=None):
    """A draft (programme or report) goes to the province's leaders for issuing, who are told at once."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if obj.status != obj.Status.DRAFT:
        raise ProgramError(_("Chỉ dự thảo mới được trình."))
    if check is not None:
        check(obj)
    obj.status, obj.submitted_at, obj.submitted_by = obj.Status.SUBMITTED, timezone.now(), user
    obj.save(update_fields=["status", "submitted_at", "submitted_by"])
    notify_each(
        [Alert(m.user, _("Trình ban hành: %(subject)s") % {"subject": obj}, _("Văn phòng UBND tỉnh trình ban hành."), url)
         for m in _province_leaders()],
        kind="assignment",
    )
    return obj


@transaction.atomic
def issue(program: ProvinceProgram, user: User) -> ProvinceProgram:
    """App. VII.I.3: a province leader issues it, numbered from the province's register ("05/CTr-UBND");
    the tasks then reach the responsible units' desks."""
    if not can_issue_province_program(user):
        raise ProgramError(_("Chỉ lãnh đạo UBND tỉnh ban hành chương trình công tác."))
    program = ProvinceProgram.objects.select_for_update().get(pk=program.pk)
    if program.is_issued:
        raise ProgramError(_("Chương trình này đã được ban hành."))
    if not program.tasks.exists():
        raise ProgramError(_("Chương trình chưa có nhiệm vụ nào."))
    if program.period_kind == PeriodKind.ADHOC and program.due_on is None:
        raise ProgramError(_("Chương trình đột xuất chưa có hạn báo cáo."))
    program.status = ProvinceProgram.Status.ISSUED
    program.issued_at, program.issued_by = timezone.now(), user
    program.number = _number(program, "program", DocType.PROGRAM, user, program.issued_at)
    program.report_due_at = period_due(program)
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


def _number(obj, slot: str, doc_type: str, signer: User, at: dt.datetime) -> str:
    """The number of a document the province issues, from its register (HCMC Art. 7)."""
    from intranet.documents import services as documents

    province = Unit.objects.active().filter(depth=1).first()
    return documents.issue(obj, slot, unit=province, doc_type=doc_type, title=str(obj), signer=signer, at=at).symbol


@transaction.atomic
def submit_periodic_report(unit: Unit, user: User, *, period_kind: str, year: int, month: int = 0, content: str, **period) -> PeriodicReport:
    """App. VII.II.1: the unit's regular (or ad-hoc) report; a second submission for the period replaces the content."""
    fields = period_fields(period_kind, year, month, **period)
    key = {name: value for name, value in fields.items() if name != "due_on"}
    due_at = period_due(PeriodicReport(**fields))
    report, created = PeriodicReport.objects.get_or_create(
        unit=unit, **key, defaults={"content": content, "submitted_by": user, "due_at": due_at, "due_on": fields["due_on"]},
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


# -- the province's report (App. VII.II.2) -----------------------------------------------------------------
def province_units():
    """The units reporting to the province: its direct units."""
    return Unit.objects.active().filter(depth=2)


def units_reports(period: dict) -> tuple[list[PeriodicReport], list[Unit]]:
    """The province's units' reports for ``period``, in the unit tree's order, and the units that sent none."""
    key = {name: value for name, value in period.items() if name != "due_on"}
    units = list(province_units().order_by("path"))
    reports = {r.unit_id: r for r in PeriodicReport.objects.filter(unit__in=units, **key).select_related("unit")}
    return [reports[u.pk] for u in units if u.pk in reports], [u for u in units if u.pk not in reports]


def province_report_text(period: dict) -> str:
    """The draft's text: each unit's report as a section, then the units still missing."""
    reports, missing = units_reports(period)
    label = ProvinceProgram(**period_fields(**period)).period_label
    calendar = get_calendar()
    lines = [_("BÁO CÁO CÔNG TÁC %(period)s CỦA UBND TỈNH") % {"period": label.upper()}, "",
             _("Tổng hợp từ báo cáo của %(sent)d/%(all)d đơn vị.") % {"sent": len(reports), "all": len(reports) + len(missing)}, ""]
    for n, report in enumerate(reports, 1):
        grade = str(Status.LABELS[report.grade(calendar)])
        lines += [f"{n}. {report.unit.name} ({timezone.localtime(report.submitted_at):%H:%M %d/%m/%Y}, {grade})", report.content.strip(), ""]
    if missing:
        lines.append(_("Đơn vị chưa gửi báo cáo: %(units)s.") % {"units": "; ".join(unit.name for unit in missing)})
    return "\n".join(lines).strip() + "\n"


@transaction.atomic
def draft_province_report(user: User, **period) -> ProvinceReport:
    """The office opens the province's draft for the period, pre-filled from the units' reports (once; then it edits it)."""
    if not is_province_office(user):
        raise ProgramError(_("Chỉ Văn phòng UBND tỉnh soạn báo cáo công tác của UBND tỉnh."))
    fields = period_fields(**period)
    key = {name: value for name, value in fields.items() if name != "due_on"}
    report, _created = ProvinceReport.objects.get_or_create(
        **key, defaults={"due_on": fields["due_on"], "content": province_report_text(fields), "drafted_by": user})
    return report


@transaction.atomic
def edit_province_report(report: ProvinceReport, user: User, *, content: str) -> ProvinceReport:
    if not is_province_office(user):
        raise ProgramError(_("Chỉ Văn phòng UBND tỉnh soạn báo cáo công tác của UBND tỉnh."))
    report = ProvinceReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProvinceReport.Status.DRAFT:
        raise ProgramError(_("Báo cáo đã trình hoặc đã ban hành, không thể sửa."))
    report.content, report.drafted_by, report.drafted_at = content, user, timezone.now()
    report.save(update_fields=["content", "drafted_by", "drafted_at"])
    return report


@transaction.atomic
def submit_province_report(report: ProvinceReport, user: User) -> ProvinceReport:
    """The office submits the draft to the province's leaders ("trình lãnh đạo UBND tỉnh ban hành")."""
    if not is_province_office(user):
        raise ProgramError(_("Chỉ Văn phòng UBND tỉnh trình dự thảo báo cáo."))
    return _submit(report, user, f"/bao-cao-cong-tac/tinh/{report.pk}/")


@transaction.atomic
def issue_province_report(report: ProvinceReport, user: User) -> ProvinceReport:
    """A province leader issues the submitted report, numbered from the province's register ("12/BC-UBND")."""
    if not can_issue_province_program(user):
        raise ProgramError(_("Chỉ lãnh đạo UBND tỉnh ban hành báo cáo công tác của UBND tỉnh."))
    report = ProvinceReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProvinceReport.Status.SUBMITTED:
        raise ProgramError(_("Chỉ báo cáo Văn phòng đã trình mới được ban hành."))
    report.status, report.issued_at, report.issued_by = ProvinceReport.Status.ISSUED, timezone.now(), user
    report.number = _number(report, "report", DocType.REPORT, user, report.issued_at)
    report.save(update_fields=["status", "issued_at", "issued_by", "number"])
    if report.drafted_by_id:
        notify_each([Alert(report.drafted_by, _("Đã ban hành: %(report)s") % {"report": report}, report.number,
                           f"/bao-cao-cong-tac/tinh/{report.pk}/")], kind="assignment")
    return report


def _province_leaders():
    province = Unit.objects.active().filter(depth=1).first()
    return Membership.objects.filter(unit=province, role=Role.LEADER, user__is_active=True).select_related("user") if province else []


# -- regular reports: reminders and overdue flags (App. VII.II.1) -------------------------------------------
def last_ended_period(period_kind: str, today: dt.date) -> dict:
    """The latest period of ``period_kind`` that ended before ``today``: the one whose report is now being collected."""
    if period_kind == PeriodKind.WEEK:
        iso = (today - dt.timedelta(days=7)).isocalendar()
        return period_fields(period_kind, iso.year, week=iso.week)
    if period_kind == PeriodKind.MONTH:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return period_fields(period_kind, last.year, last.month)
    if period_kind == PeriodKind.QUARTER:
        quarter = (today.month - 1) // 3
        return period_fields(period_kind, today.year, quarter=quarter) if quarter else period_fields(period_kind, today.year - 1, quarter=4)
    return period_fields(period_kind, today.year - 1)


def remind_periodic_reports(now: dt.datetime | None = None) -> tuple[int, int]:
    """Units whose regular report falls due within a working day are reminded; units past the deadline without
    one are flagged to the level above (the province office) and told themselves.

    Kinds chased: settings.PROGRAM_REMINDED_PERIODS. Idempotent: each unit is reminded once and flagged once per
    report (``ReportReminder``), however often the job runs. Returns (reminded, flagged)."""
    from .models import ReportReminder

    now = now or timezone.now()
    calendar = get_calendar()
    soon = calendar.due(now, 1)
    today = timezone.localtime(now, LOCAL_TZ).date()
    units = list(province_units().order_by("path"))
    counts = {ReportReminder.Kind.DUE_SOON: 0, ReportReminder.Kind.OVERDUE: 0}
    for period_kind in settings.PROGRAM_REMINDED_PERIODS:
        period = last_ended_period(period_kind, today)
        due = period_due(ProvinceProgram(**period), calendar)
        if now < due <= soon:
            kind = ReportReminder.Kind.DUE_SOON
        elif due <= now:
            kind = ReportReminder.Kind.OVERDUE
        else:
            continue
        key = {name: value for name, value in period.items() if name not in ("title", "due_on")}
        sent = set(PeriodicReport.objects.filter(unit__in=units, title="", **key).values_list("unit_id", flat=True))
        done = set(ReportReminder.objects.filter(unit__in=units, kind=kind, **key).values_list("unit_id", flat=True))
        due_units = [unit for unit in units if unit.pk not in sent and unit.pk not in done]
        if not due_units:
            continue
        # The record first: two runs at once insert one row each, the second's bulk insert skips what exists.
        created = ReportReminder.objects.bulk_create(
            [ReportReminder(unit=unit, kind=kind, due_at=due, sent_at=now, **key) for unit in due_units], ignore_conflicts=True)
        _tell(kind, ProvinceProgram(**period).period_label, due, due_units)
        counts[kind] += len(created)
    return counts[ReportReminder.Kind.DUE_SOON], counts[ReportReminder.Kind.OVERDUE]


def _tell(kind: str, label: str, due: dt.datetime, units: list[Unit]) -> None:
    from .models import ReportReminder

    when = timezone.localtime(due, LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
    people = _people_of([unit.pk for unit in units])
    if kind == ReportReminder.Kind.DUE_SOON:
        title, notice = _("Sắp đến hạn báo cáo công tác %(period)s") % {"period": label}, "reminder"
    else:
        title, notice = _("Quá hạn báo cáo công tác %(period)s") % {"period": label}, "overdue"
    alerts = [Alert(person, title, _("Hạn báo cáo: %(due)s") % {"due": when}, "/bao-cao-cong-tac/gui/")
              for unit in units for person in people.get(unit.pk, [])]
    if kind == ReportReminder.Kind.OVERDUE:
        # The level above: whoever gathers the province's reports (its office) hears which units are missing.
        names = "; ".join(unit.name for unit in units)
        body = _("Chưa gửi báo cáo (hạn %(due)s): %(units)s.") % {"due": when, "units": names}
        alerts += [Alert(user, title, body, "/bao-cao-cong-tac/tong-hop/") for user in _report_collectors()]
    notify_each(alerts, kind=notice)


def _report_collectors() -> list[User]:
    """The province office's specialists, who gather the units' reports (App. VII.II.2)."""
    rows = Membership.objects.filter(unit__code=settings.CASES_OFFICE_CODE, role=Role.OFFICE_SPECIALIST, user__is_active=True)
    return list({m.user_id: m.user for m in rows.select_related("user")}.values())
