"""Work coming in: opening a case of any kind, a citizen's question (App. V 1), an IT incident report (QT-05 B1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import Role, User
from intranet.accounts.names import display_name
from intranet.notifications.services import queue_email
from intranet.units.links import absolute_url
from intranet.units.models import Unit
from intranet.workdays.calendar import get_calendar

from ..kinds import get_kind
from ..models import (
    Case,
    CaseParticipant,
    PressItem,
    VoterSummary,
)
from .actions import (
    NOTIFY_KIND,
    _alert,
    _attach,
    _enter,
    _record,
    new_code,
    province_unit,
)


# -- opening a case -------------------------------------------------------------------------------------
@transaction.atomic
def open_case(
    kind_code: str,
    *,
    title: str,
    body: str,
    field: str = "khac",
    origin: Unit | None = None,
    agency: Unit | None = None,
    reporter: User | None = None,
    overseer: User | None = None,
    hard: bool = False,
    requester: dict | None = None,
    data: dict | None = None,
    summary: VoterSummary | None = None,
    press_item: PressItem | None = None,
    files: Sequence = (),
    now: dt.datetime | None = None,
    label: str = "",
    recorded_by: User | None = None,
    event_data: dict | None = None,
) -> Case:
    """``recorded_by``: someone who entered the case for the reporter (QT-05 B1 by phone); history names them."""
    kind = get_kind(kind_code)
    now = now or timezone.now()
    case = Case(
        kind=kind.code,
        code=new_code(kind, now),
        title=title,
        body=body,
        field=field,
        origin=origin,
        agency=agency,
        reporter=reporter,
        overseer=overseer,
        hard=hard,
        data=data or {},
        summary=summary,
        press_item=press_item,
        created_at=now,
        step=kind.first,
        **{f"requester_{key}": value for key, value in (requester or {}).items()},
    )
    case.save()
    first = kind.step(kind.first)
    event = _record(case, action="open", label=label or _("Tiếp nhận"), actor=recorded_by or reporter, to_step=kind.first,
                    public_label=first.public_label, now=now, data=event_data)
    _attach(case, event, files, recorded_by or reporter)
    for user in (reporter, overseer, recorded_by):
        if user is not None:
            CaseParticipant.objects.get_or_create(case=case, user=user, role=CaseParticipant.Role.ACTOR)
    _enter(case, first, get_calendar(), now)
    case.save()
    _alert(case, first)
    return case


# -- citizen questions -----------------------------------------------------------------------------------
def submit_question(*, name: str, phone: str, email: str, address: str, field: str, title: str, question: str, files: Sequence = ()) -> Case:
    """A citizen's question from the portal: saved whole with its tracking code, emailed to them (App. V 1)."""
    with transaction.atomic():
        case = open_case(
            "question",
            title=title,
            body=question,
            field=field,
            origin=province_unit(),
            requester={"name": name, "phone": phone, "email": email, "address": address},
            files=files,
            label=_("Công dân gửi câu hỏi"),
        )
        if email:
            queue_email(
                [email],
                subject=_("Mã tra cứu câu hỏi của bạn: %(code)s") % {"code": case.code},
                body=_(
                    "Cổng thông tin điện tử đã nhận câu hỏi \u201c%(title)s\u201d.\n"
                    "Mã tra cứu: %(code)s\nTheo dõi tình trạng xử lý tại: %(url)s"
                )
                % {"title": title, "code": case.code, "url": absolute_url(f"/tra-cuu/?ma={case.code}")},
                kind=NOTIFY_KIND,
            )
    return case


# -- IT incidents (QT-05) ------------------------------------------------------------------------------------
def it_unit_for(user: User) -> Unit | None:
    """The unit whose IT staff takes the report: the reporter's unit, or the nearest one above it with IT staff."""
    from intranet.accounts.models import Membership

    units = Unit.objects.filter(memberships__user=user, status=Unit.Status.ACTIVE).distinct()
    with_it = set(Membership.objects.filter(role=Role.IT_STAFF, unit__status=Unit.Status.ACTIVE).values_list("unit__path", flat=True))
    for unit in units.order_by("-depth"):
        path = unit.path
        while path:
            if path in with_it:
                return Unit.objects.get(path=path)
            path = path[: -Unit.steplen]
    return None


def report_it_incident(user: User, *, title: str, body: str, files: Sequence = ()) -> Case:
    """QT-05 B1: an officer reports an incident; the IT staff of their unit receive it at once."""
    unit = it_unit_for(user)
    if unit is None:
        raise ValidationError(_("Chưa có bộ phận CNTT nào phụ trách đơn vị của bạn. Vui lòng liên hệ quản trị hệ thống."))
    return open_case("it", title=title, body=body, origin=unit, reporter=user, files=files, label=_("B1. Thông báo sự cố"))


def log_it_incident_for(it_officer: User, reporter: User, *, how: str, title: str, body: str, files: Sequence = ()) -> Case:
    """QT-05 B1 "trực tiếp hoặc điện thoại": IT staff log the incident an officer phoned in or brought in person.

    The officer is the case's reporter (told at completion and handover, confirms B7); history names who logged it."""
    from ..kinds.it import REPORTED_BY

    if not permissions.can_log_it_incident_for(it_officer, reporter):
        raise PermissionDenied(_("Bạn không thuộc bộ phận CNTT phụ trách đơn vị của người báo sự cố."))
    channels = dict(REPORTED_BY)
    if how not in channels:
        raise ValidationError({"how": _("Vui lòng chọn trong danh sách.")})
    label = _("B1. Thông báo sự cố (%(how)s) – bộ phận CNTT ghi nhận thay %(reporter)s") % {
        "how": str(channels[how]).lower(),
        "reporter": display_name(reporter),
    }
    return open_case("it", title=title, body=body, origin=it_unit_for(reporter), reporter=reporter, files=files, label=label,
                     recorded_by=it_officer, event_data={"reported_by": how, "reporter": reporter.pk})


def printable_forms(case: Case) -> list[tuple[str, str]]:
    """The QT-05 forms that exist for this case so far (each after its step was done)."""
    done = set(case.events.values_list("action", flat=True))
    return [(slug, str(title)) for slug, (title, action) in case.kind_def.forms.items() if action in done]
