"""Demo steering boards of the city, with members from several units, published through the outbox."""

import datetime as dt

from intranet.accounts.models import User
from intranet.directory.models import Person
from intranet.units.models import Unit

from .models import Board

# name, decision, date, standing unit, functions, members: (username or (unit code, position), role)
BOARDS = [
    (
        "Ban Chỉ đạo Chuyển đổi số thành phố Huế",
        "1520/QĐ-UBND",
        dt.date(2025, 7, 15),
        "vpubnd",
        "Chỉ đạo, điều phối thực hiện chuyển đổi số, xây dựng chính quyền số trên địa bàn thành phố.",
        [("lanhdao_tinh", "Trưởng ban"), ("lanhdao_vp", "Phó Trưởng ban thường trực"), ("lanhdao_stp", "Thành viên"), ("lanhdao_phuxuan", "Thành viên"), ("cv_vp", "Thư ký")],
    ),
    (
        "Ban Chỉ đạo Phòng chống thiên tai và Tìm kiếm cứu nạn thành phố Huế",
        "1610/QĐ-UBND",
        dt.date(2025, 8, 1),
        "snnmt",
        "Chỉ đạo công tác phòng, chống thiên tai, tìm kiếm cứu nạn và khắc phục hậu quả.",
        [("lanhdao_tinh", "Trưởng ban"), (("snnmt", "Giám đốc"), "Phó Trưởng ban thường trực"), (("sxd", "Giám đốc"), "Thành viên"), ("lanhdao_phuxuan", "Thành viên")],
    ),
    (
        "Hội đồng Phổ biến, giáo dục pháp luật thành phố Huế",
        "1702/QĐ-UBND",
        dt.date(2025, 9, 10),
        "stp",
        "Tư vấn cho UBND thành phố về công tác phổ biến, giáo dục pháp luật.",
        [("lanhdao_tinh", "Chủ tịch Hội đồng"), ("lanhdao_stp", "Phó Chủ tịch thường trực"), ("cv_stp", "Thư ký"), (("svhtt", "Giám đốc"), "Thành viên")],
    ),
]


def _person(who):
    if isinstance(who, str):
        return Person.objects.filter(user__username=who).first()
    code, position = who
    return Person.objects.filter(unit__code=code, position=position).first()


def load(out) -> None:
    author = User.objects.filter(username="bbt_cong").first()
    created = 0
    for name, number, date, unit_code, functions, members in BOARDS:
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None or Board.objects.filter(name=name).exists():
            continue
        board = Board(name=name, decision_number=number, decision_date=date, standing_unit=unit, functions=f"<p>{functions}</p>", created_by=author, live=False)
        for order, (who, role) in enumerate(members):
            person = _person(who)
            if person is not None:
                board.members.add(board.members.model(person=person, role=role, sort_order=order))
        board.full_clean()
        board.save()
        board.save_revision(user=author).publish(user=author)
        created += 1
    out.write(f"Ban chỉ đạo: {Board.objects.count()} ({created} mới)")
