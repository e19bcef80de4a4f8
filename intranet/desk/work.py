"""What the desk asks every app: "what open work does this user hold?"

An app that gives people work (moderation steps, cases, work-program tasks)
adds ``<app>/desk.py`` with ``open_work(user) -> list[WorkItem]``. The desk
collects them in PROJECT_APPS order. Each provider must cost a constant number
of queries, whatever the amount of work.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from django.conf import settings


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
            yield module.open_work


def open_work(user) -> list[WorkItem]:
    items = [item for provider in providers() for item in provider(user)]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(items, key=lambda item: item.due_at or far)
