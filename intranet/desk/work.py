"""What the desk asks every app: "what open work does this user hold?"

An app that gives people work (moderation steps, cases, work-program tasks)
adds ``<app>/desk.py`` with

* ``open_work(user, limit=None) -> list[WorkItem]``: the open items, soonest due
  first (no due date last), at most ``limit`` of them;
* ``work_counts(user) -> dict[str, int]``: how many open items, per kind label.

The desk merges them in PROJECT_APPS order and pages through the result. Each
provider must cost a constant number of queries, whatever the amount of work:
a page of the desk fetches at most ``page number × page size`` rows per provider.
"""

from __future__ import annotations

import datetime as dt
import heapq
import importlib
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator

PER_PAGE = 25
FAR = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class WorkItem:
    kind: str  # a short Vietnamese label: "Kiểm duyệt tin bài", "Câu hỏi của công dân" …
    title: str
    url: str
    step: str = ""
    due_at: dt.datetime | None = None
    received_at: dt.datetime | None = None
    unit_name: str = ""


def providers():
    for app in settings.PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app}.desk")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.desk":
                raise
            continue
        if hasattr(module, "open_work"):
            yield module


def _due(item: WorkItem) -> dt.datetime:
    return item.due_at or FAR


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    """My open work from every app, soonest due first; each app's list is already in that order."""
    merged = heapq.merge(*(module.open_work(user, limit=limit) for module in providers()), key=_due)
    return list(merged)[:limit] if limit is not None else list(merged)


def work_counts(user) -> dict[str, int]:
    """How many open items I hold, per kind, in the providers' order (kinds with none left out)."""
    counts: dict[str, int] = {}
    for module in providers():
        for kind, number in module.work_counts(user).items():
            if number:
                counts[str(kind)] = counts.get(str(kind), 0) + number
    return counts


class _MergedWork:
    """A lazy sequence for the Paginator: the total comes from the counts, a slice from the merge."""

    def __init__(self, user, total: int):
        self.user, self.total = user, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[WorkItem]:
        return open_work(self.user, limit=window.stop)[window]


def work_page(user, number, per_page: int = PER_PAGE) -> tuple[Page, dict[str, int]]:
    """One page of my open work and the counts per kind (two queries per provider, any amount of work)."""
    counts = work_counts(user)
    paginator = Paginator(_MergedWork(user, sum(counts.values())), per_page)
    return paginator.get_page(number), counts
