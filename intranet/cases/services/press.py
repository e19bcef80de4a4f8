"""The daily press digest (App. IV 1): posting it by 11:00, reminders and flags, its grading, and picking an item to handle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import Role, User
from intranet.notifications.models import Notification
from intranet.notifications.services import notify
from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, Status, get_calendar

from ..models import (
    Case,
    PressDigest,
    PressItem,
)
from .actions import (
    NOTIFY_KIND,
    office_unit,
    province_unit,
)
from .intake import open_case


# -- press-reported incidents (App. IV) ---------------------------------------------------------------
def press_digest_for(date: dt.date) -> PressDigest | None:
    """Today's (or any day's) press digest with its items, for the desk and every unit's site."""
    return PressDigest.objects.filter(date=date).prefetch_related("items").first()


@transaction.atomic
def post_press_digest(user: User, *, date: dt.date, title: str, items: Sequence[dict]) -> PressDigest:
    province = province_unit()
    if province is None or not permissions.can_post_press_digest(user, province):
        raise PermissionDenied(_("Chỉ Ban biên tập Cổng TTĐT tỉnh mới đăng điểm tin báo chí."))
    if not items:
        raise ValidationError(_("Điểm tin cần ít nhất một tin."))
    digest, created = PressDigest.objects.update_or_create(date=date, defaults={"title": title, "created_by": user})
    if created and digest.created_at > press_digest_due(date) and get_calendar().is_working_day(date):
        _flag_digest(date, _("Điểm tin báo chí ngày %(d)s đăng trễ hạn (sau 11 giờ)"))
    start = digest.items.count()
    PressItem.objects.bulk_create(
        [PressItem(digest=digest, sort_order=start + index, **item) for index, item in enumerate(items)]
    )
    return digest


# App. IV 1: "chậm nhất trước 11h sáng" on working days; the reminder goes out an hour before.
PRESS_DIGEST_DUE = dt.time(11, 0)
DIGEST_LATE_KIND = "digest_late"


def press_digest_due(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, PRESS_DIGEST_DUE, LOCAL_TZ)


def remind_press_digest(now: dt.datetime | None = None) -> int:
    """App. IV 1: at 10:00 on working days, remind the portal board if today's digest is not posted yet."""
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    if not get_calendar().is_working_day(today) or PressDigest.objects.filter(date=today).exists():
        return 0
    province = province_unit()
    if province is None:
        return 0
    board = list(permissions.members_with_role(province, Role.PORTAL_BOARD))
    notify(board, kind=NOTIFY_KIND, title=_("Chưa có điểm tin báo chí hôm nay (hạn trước 11 giờ)"), url="/ho-so/diem-bao/")
    return len(board)


def flag_missing_press_digest(now: dt.datetime | None = None) -> int:
    """App. IV 1: past 11:00 on a working day with no digest, the portal board's leader is told (once a day)."""
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    if not get_calendar().is_working_day(today) or now < press_digest_due(today) or PressDigest.objects.filter(date=today).exists():
        return 0
    return _flag_digest(today, _("Quá hạn: chưa có điểm tin báo chí ngày %(d)s (hạn 11 giờ)"))


def _flag_digest(day: dt.date, title: str) -> int:
    url = f"/ho-so/diem-bao/?ngay={day.isoformat()}"
    leaders = list(permissions.portal_board_leaders(province_unit(), office_unit()))
    told = set(Notification.objects.filter(kind=DIGEST_LATE_KIND, url=url, recipient__in=leaders).values_list("recipient_id", flat=True))
    leaders = [user for user in leaders if user.pk not in told]
    notify(leaders, kind=DIGEST_LATE_KIND, title=title % {"d": day.strftime("%d/%m/%Y")}, url=url)
    return len(leaders)


@dataclass
class DigestDay:
    date: dt.date
    due: dt.datetime
    digest: PressDigest | None
    status: str

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


def press_digest_grading(start: dt.date, end: dt.date, now: dt.datetime | None = None) -> tuple[list[DigestDay], dict[str, int]]:
    """Every working day from ``start`` to ``end``: its digest graded early / on time / late, or overdue if missing."""
    now = now or timezone.now()
    calendar = get_calendar()
    digests = {digest.date: digest for digest in PressDigest.objects.filter(date__range=(start, end))}
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            due, digest = press_digest_due(day), digests.get(day)
            status = calendar.status(due, digest.created_at if digest else None, now)
            days.append(DigestDay(day, due, digest, status))
        day += dt.timedelta(days=1)
    counts = {code: sum(1 for row in days if row.status == code) for code in Status.LABELS}
    return days, counts


@transaction.atomic
def pick_press_item(item: PressItem, user: User, *, agency: Unit, overseer: User, hard: bool = False, comment: str = "") -> Case:
    """App. IV 2.a: a province leader sends an item that needs action to an agency and an office specialist."""
    office = office_unit()
    if not permissions.can_pick_press_items(user, province_unit(), office):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh, lãnh đạo Văn phòng mới giao xử lý sự việc báo nêu."))
    if office is None or not permissions.has_role(overseer, office, Role.OFFICE_SPECIALIST):
        raise ValidationError({"overseer": _("Cần chọn chuyên viên Văn phòng UBND tỉnh phụ trách lĩnh vực.")})
    case = open_case(
        "press",
        title=item.title,
        body=f"{item.summary}\n\n{item.source} {item.url}".strip(),
        origin=province_unit(),
        agency=agency,
        reporter=user,
        overseer=overseer,
        hard=hard,
        press_item=item,
        label=_("Lãnh đạo giao xử lý sự việc báo nêu"),
    )
    if comment:
        case.events.filter(action="open").update(comment=comment)
    notify([overseer], kind=NOTIFY_KIND, title=_("Theo dõi xử lý sự việc báo nêu %(code)s") % {"code": case.code}, body=case.title,
           url=case.get_absolute_url())
    return case
