"""The desk's question to this app: which work-program tasks await my unit's report, and which
province programmes and reports await me (the office drafts the report, a province leader issues both)?"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.accounts.models import Role
from intranet.accounts.permissions import can_issue_province_program, is_province_office, units_with_role
from intranet.desk.work import WorkItem
from portal.rows import pk_url

from .models import PERIOD_FIELDS, ProgramTask, ProvinceProgram, ProvinceReport


def _awaiting(user):
    units = units_with_role(user, Role.SPECIALIST) | units_with_role(user, Role.LEADER, inherited=True)
    return ProgramTask.objects.filter(
        unit__in=units.values("pk"), program__status=ProvinceProgram.Status.ISSUED, reported_at__isnull=True
    )


def _province_reports(user):
    """Drafts for the office to finish and submit; submitted ones for a province leader to issue."""
    if can_issue_province_program(user):
        return ProvinceReport.objects.filter(status=ProvinceReport.Status.SUBMITTED)
    if is_province_office(user):
        return ProvinceReport.objects.filter(status=ProvinceReport.Status.DRAFT)
    return ProvinceReport.objects.none()


def _programs_to_issue(user):
    if can_issue_province_program(user):
        return ProvinceProgram.objects.filter(status=ProvinceProgram.Status.SUBMITTED)
    return ProvinceProgram.objects.none()


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    # Only the shown columns, as tuples: the desk's page n reads n × 25 rows to merge them (issue 18.3).
    program_fields = [f"program__{name}" for name in PERIOD_FIELDS]
    tasks = _awaiting(user).order_by(F("program__report_due_at").asc(nulls_last=True), "pk").values_list(
        "pk", "title", "program_id", "program__report_due_at", "program__issued_at", "unit__short_name", "unit__name", *program_fields
    )
    if limit is not None:
        tasks = tasks[:limit]
    kind, steps = _("Chương trình công tác"), {}  # labels once per call, not once per task
    task_url = pk_url("program_task_report")  # reversed once, not once per task
    items = []
    for pk, title, program_id, report_due_at, issued_at, unit_short_name, unit_name, *period in tasks:
        if program_id not in steps:
            program = ProvinceProgram(pk=program_id, **dict(zip(PERIOD_FIELDS, period, strict=True)))
            steps[program_id] = _("Báo cáo kết quả – %(program)s") % {"program": program}
        items.append(WorkItem(
            kind=kind, title=title, url=task_url(pk), step=steps[program_id], due_at=report_due_at,
            received_at=issued_at, unit_name=unit_short_name or unit_name,
        ))
    # No deadline of their own (App. VII is silent): after every dated item, in the order they came.
    to_issue = _("Chờ lãnh đạo UBND tỉnh ban hành")
    items += [
        WorkItem(kind=_("Chương trình công tác"), title=str(program), url=reverse("program_detail", args=[program.pk]), step=to_issue,
                 received_at=program.submitted_at)
        for program in _programs_to_issue(user).order_by("submitted_at", "pk")[:limit]
    ]
    items += [
        WorkItem(kind=_("Báo cáo của UBND tỉnh"), title=str(report), url=reverse("province_report", args=[report.pk]),
                 step=to_issue if report.status == ProvinceReport.Status.SUBMITTED else _("Văn phòng soạn, trình ban hành"),
                 received_at=report.submitted_at or report.drafted_at)
        for report in _province_reports(user).order_by("drafted_at", "pk")[:limit]
    ]
    return items[:limit] if limit is not None else items


def work_counts(user) -> dict[str, int]:
    return {
        _("Chương trình công tác"): _awaiting(user).count() + _programs_to_issue(user).count(),
        _("Báo cáo của UBND tỉnh"): _province_reports(user).count(),
    }
