"""The desk's question to this app: which work-program tasks await my unit's report?"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.accounts.models import Role
from intranet.accounts.permissions import units_with_role
from intranet.desk.work import WorkItem

from .models import ProgramTask, ProvinceProgram


def _awaiting(user):
    units = units_with_role(user, Role.SPECIALIST) | units_with_role(user, Role.LEADER, inherited=True)
    return ProgramTask.objects.filter(
        unit__in=units.values("pk"), program__status=ProvinceProgram.Status.ISSUED, reported_at__isnull=True
    )


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    tasks = _awaiting(user).select_related("program", "unit").order_by(F("program__report_due_at").asc(nulls_last=True), "pk")
    if limit is not None:
        tasks = tasks[:limit]
    return [
        WorkItem(
            kind=_("Chương trình công tác"), title=task.title, url=reverse("program_task_report", args=[task.pk]),
            step=_("Báo cáo kết quả – %(program)s") % {"program": task.program}, due_at=task.program.report_due_at,
            received_at=task.program.issued_at, unit_name=task.unit.short_name or task.unit.name,
        )
        for task in tasks
    ]


def work_counts(user) -> dict[str, int]:
    return {_("Chương trình công tác"): _awaiting(user).count()}
