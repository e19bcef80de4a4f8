"""The cases waiting for a user, for the personal desk (a constant number of queries whatever the amount of work)."""

from __future__ import annotations

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from intranet.accounts.permissions import case_actionable_filter
from intranet.desk.work import WorkItem

from .kinds import get_kind
from .models import Case


def _actionable(user):
    return Case.objects.filter(case_actionable_filter(user))


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    cases = (
        _actionable(user)
        .select_related("unit")
        .only("code", "kind", "title", "step", "due_at", "step_due_at", "step_started_at", "unit__name")
        .annotate(due=Coalesce("step_due_at", "due_at"))
        .order_by(F("due").asc(nulls_last=True), "pk")
    )
    if limit is not None:
        cases = cases[:limit]
    labels: dict[tuple[str, str], tuple[str, str]] = {}  # translated once per kind and step, not per case
    for case in cases:
        if (case.kind, case.step) not in labels:
            labels[case.kind, case.step] = (str(case.kind_def.label), str(case.step_def.label))
    return [
        WorkItem(
            kind=labels[case.kind, case.step][0],
            title=f"{case.code} – {case.title}",
            url=case.get_absolute_url(),
            step=labels[case.kind, case.step][1],
            due_at=case.step_due_at or case.due_at,
            received_at=case.step_started_at,
            unit_name=case.unit.name if case.unit else "",
        )
        for case in cases
    ]


def work_counts(user) -> dict[str, int]:
    rows = _actionable(user).order_by().values_list("kind").annotate(number=Count("pk"))
    return {str(get_kind(kind).label): number for kind, number in rows}
