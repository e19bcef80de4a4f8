"""The cases waiting for a user, for the personal desk (two queries whatever the amount of work)."""

from __future__ import annotations

from intranet.accounts.permissions import case_actionable_filter
from intranet.desk.work import WorkItem

from .models import Case

LIMIT = 200


def open_work(user) -> list[WorkItem]:
    cases = (
        Case.objects.filter(case_actionable_filter(user))
        .select_related("unit")
        .only("code", "kind", "title", "step", "due_at", "step_due_at", "step_started_at", "unit__name")
        .order_by("step_due_at", "pk")[:LIMIT]
    )
    return [
        WorkItem(
            kind=str(case.kind_def.label),
            title=f"{case.code} – {case.title}",
            url=case.get_absolute_url(),
            step=str(case.step_def.label),
            due_at=case.step_due_at or case.due_at,
            received_at=case.step_started_at,
            unit_name=case.unit.name if case.unit else "",
        )
        for case in cases
    ]
