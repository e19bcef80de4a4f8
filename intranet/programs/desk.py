"""The desk's question to this app: which work-program tasks await my unit's report?"""

from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.accounts.models import Role
from intranet.accounts.permissions import units_with_role
from intranet.desk.work import WorkItem

from .models import ProgramTask, ProvinceProgram


def open_work(user) -> list[WorkItem]:
    units = units_with_role(user, Role.SPECIALIST) | units_with_role(user, Role.LEADER, inherited=True)
    tasks = ProgramTask.objects.filter(
        unit__in=units.values("pk"), program__status=ProvinceProgram.Status.ISSUED, reported_at__isnull=True
    ).select_related("program", "unit")
    return [
        WorkItem(
            kind=_("Chương trình công tác"), title=task.title, url=reverse("program_task_report", args=[task.pk]),
            step=_("Báo cáo kết quả – %(program)s") % {"program": task.program}, due_at=task.program.report_due_at,
            received_at=task.program.issued_at, unit_name=task.unit.short_name or task.unit.name,
        )
        for task in tasks
    ]
