"""Demo work calendars: the portal's, two wards' and a department's, this week and last week.

Leaders come from the unit's directory (its chairman or director and a deputy); the city's deputy,
who is not in the demo directory, is typed in. Idempotent: a week already entered is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from intranet.directory.models import Person
from intranet.units.models import Unit
from portal.home.sections import section, unit_home

from .models import WorkCalendarEntry, WorkCalendarIndexPage, WorkCalendarWeekPage
from .weeks import monday_of

UNITS = [None, "phuxuan", "thuanhoa", "stp"]  # None: the province portal

# (day, time, leader: 0 the head, 1 a deputy, content, location, participants, preparing office)
WEEK = [
    (0, dt.time(7, 30), 0, "Chào cờ đầu tuần; giao ban lãnh đạo", "Hội trường {short}", "Lãnh đạo, công chức, viên chức", "Văn phòng"),
    (0, dt.time(14, 0), 1, "Làm việc với Bộ phận Một cửa về tiến độ giải quyết thủ tục hành chính", "Bộ phận Một cửa",
     "Bộ phận Một cửa; công chức Tư pháp – Hộ tịch", "Văn phòng"),
    (1, dt.time(8, 0), 0, "Dự Hội nghị trực tuyến sơ kết công tác chuyển đổi số", "Phòng họp trực tuyến",
     "Tổ công nghệ số cộng đồng", "Bộ phận CNTT"),
    (1, dt.time(14, 30), 1, "Kiểm tra công tác vệ sinh môi trường, chỉnh trang đô thị", "Các tổ dân phố", "Cán bộ địa chính, môi trường",
     "Bộ phận Kinh tế"),
    (2, dt.time(8, 0), 0, "Tiếp công dân định kỳ", "Phòng Tiếp công dân", "Ủy ban Mặt trận Tổ quốc; Thanh tra", "Văn phòng"),
    (2, None, 1, "Đi cơ sở: kiểm tra công trình sửa chữa trường mầm non", "Trường mầm non trên địa bàn", "Bộ phận Văn hóa – Xã hội",
     "Bộ phận Văn hóa – Xã hội"),
    (3, dt.time(8, 0), 0, "Họp giao ban công tác tháng {month}", "Phòng họp số 1", "Lãnh đạo và các bộ phận chuyên môn",
     "Văn phòng"),
    (3, dt.time(15, 0), 1, "Làm việc với Đoàn kiểm tra về công tác cải cách hành chính", "Phòng họp số 2", "Các bộ phận liên quan",
     "Văn phòng"),
    (4, dt.time(8, 30), 0, "Đối thoại với người dân về chỉnh trang đô thị và chuyển đổi số", "Hội trường {short}",
     "Đại diện các tổ dân phố, hội đoàn thể", "Văn phòng"),
    (4, dt.time(14, 0), 1, "Duyệt nội dung trang thông tin điện tử tuần", "Phòng làm việc", "Ban biên tập", "Ban biên tập"),
]
HEADS = ("Chủ tịch UBND", "Giám đốc")
DEPUTIES = ("Phó Chủ tịch UBND", "Phó Giám đốc")
CITY_LEADERS = ["Chủ tịch UBND thành phố", "Phó Chủ tịch Thường trực UBND thành phố"]
DEPUTY_TEXT = ["Lãnh đạo đơn vị", "Phó Thủ trưởng đơn vị"]


def _leaders(unit: Unit) -> list[Person | None]:
    """The head (the person of the head leader's account, as the footer names them, else by position) and a deputy."""
    from intranet.accounts.models import Role

    head = Person.objects.active().filter(
        unit=unit, user__memberships__unit=unit, user__memberships__role=Role.LEADER, user__memberships__is_head=True
    ).first() or Person.objects.active().filter(unit=unit, position__in=HEADS).order_by("sort_order").first()
    # The demo directory gives the city department titles: its deputy is typed in instead.
    deputy = None if unit.is_province else Person.objects.active().filter(unit=unit, position__in=DEPUTIES).order_by("sort_order").first()
    return [head, deputy]


def _week(calendar: WorkCalendarIndexPage, unit: Unit, monday: dt.date) -> bool:
    if WorkCalendarWeekPage.objects.child_of(calendar).filter(week_start=monday).exists():
        return False
    sunday = monday + dt.timedelta(days=6)
    number = monday.isocalendar().week
    page = WorkCalendarWeekPage(
        title=f"Lịch công tác tuần {number} (từ {monday:%d/%m} đến {sunday:%d/%m/%Y})", slug=f"tuan-{number}-{monday.year}",
        week_start=monday, note="Lịch có thể thay đổi; đề nghị các bộ phận theo dõi thường xuyên.", locale_id=calendar.locale_id,
    )
    leaders = _leaders(unit)
    short = unit.short_name or unit.name
    page.entries = [
        WorkCalendarEntry(
            day=day, time=time, leader=leaders[who], leader_text="" if leaders[who] else CITY_LEADERS[who] if unit.is_province else DEPUTY_TEXT[who],
            content=content.format(month=(monday + dt.timedelta(days=day)).month), location=location.format(short=short), participants=participants, preparing=preparing, sort_order=n,
        )
        for n, (day, time, who, content, location, participants, preparing) in enumerate(WEEK)
    ]
    calendar.add_child(instance=page)
    page.save_revision().publish()
    return True


def load(out) -> None:
    this_monday = monday_of(timezone.localdate())
    added = 0
    for code in UNITS:
        found = unit_home(code)
        if found is None:
            continue
        unit, home = found
        calendar = section(home, WorkCalendarIndexPage, title="Lịch công tác", slug="lich-cong-tac",
                           intro=f"Lịch công tác hằng tuần của lãnh đạo {unit.name}, do Văn phòng cập nhật.")
        for monday in (this_monday - dt.timedelta(days=7), this_monday):
            added += _week(calendar, unit, monday)
    out.write(f"Lịch công tác: {added} tuần mới")
