"""Demo leaders' articles and speeches, added by officers and published to their agencies' sites and the store."""

import datetime as dt

from intranet.accounts.models import User
from intranet.directory.models import Person
from intranet.units.models import Unit

from .models import Speech
from .services import add_speech

# added by (username), unit code, leader (username), kind, title, date, event, text
SPEECHES = [
    ("cv_vp", "vpubnd", "lanhdao_tinh", Speech.Kind.SPEECH, "Phát biểu khai mạc Hội nghị tổng kết công tác năm 2025", dt.date(2025, 12, 26),
     "Hội nghị tổng kết công tác năm 2025 của UBND thành phố", "Kính thưa các đồng chí lãnh đạo, thưa toàn thể hội nghị…"),
    ("cv_stp", "stp", "lanhdao_stp", Speech.Kind.ARTICLE, "Nâng cao hiệu quả phổ biến, giáo dục pháp luật ở cơ sở", dt.date(2026, 3, 15),
     "", "Công tác phổ biến, giáo dục pháp luật thời gian qua đã có nhiều chuyển biến…"),
    ("vanhoa_phuxuan", "phuxuan", "lanhdao_phuxuan", Speech.Kind.SPEECH, "Phát biểu tại Lễ ra mắt mô hình phường văn minh đô thị", dt.date(2026, 5, 19),
     "Lễ ra mắt mô hình phường văn minh đô thị", "Thưa bà con nhân dân phường Phú Xuân…"),
]


def load(out) -> None:
    created = 0
    for username, unit_code, leader, kind, title, date, event, text in SPEECHES:
        officer = User.objects.filter(username=username).first()
        unit = Unit.objects.filter(code=unit_code).first()
        if officer is None or unit is None or Speech.objects.filter(title=title).exists():
            continue
        add_speech(
            by=officer, unit=unit, kind=kind, title=title, date=date, event=event, text=f"<p>{text}</p>",
            leader=Person.objects.filter(user__username=leader).first(),
        )
        created += 1
    out.write(f"Bài viết, bài phát biểu: {Speech.objects.count()} ({created} mới)")
