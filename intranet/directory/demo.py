"""Demo directory: people for every unit, Vietnamese names, birthdays on every day of the year."""

import datetime as dt
import random

from intranet.store.services import record_changes
from intranet.units.models import Unit
from portal.home.sections import section

from .models import DirectoryPage, Person, birthday_key

DIRECTORY_TITLE = "Danh bạ tổ chức, hành chính"
DIRECTORY_INTRO = "<p>Địa chỉ, điện thoại và thư điện tử công vụ của các cơ quan, đơn vị và cán bộ thành phố Huế.</p>"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tôn Thất", "Nguyễn Phúc"]
MIDDLE = {"male": ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh"], "female": ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Khánh", "Diệu"]}
GIVEN = {
    "male": ["Anh", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khoa", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Vinh"],
    "female": ["An", "Châu", "Diễm", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến"],
}
POSITIONS = [
    ("Giám đốc", "Director"),
    ("Phó Giám đốc", "Deputy Director"),
    ("Chánh Văn phòng", "Chief of Office"),
    ("Trưởng phòng", "Head of Division"),
    ("Phó Trưởng phòng", "Deputy Head of Division"),
] + [("Chuyên viên", "Officer")] * 9
COMMUNE_POSITIONS = [
    ("Chủ tịch UBND", "Chairperson of the People's Committee"),
    ("Phó Chủ tịch UBND", "Vice Chairperson of the People's Committee"),
    ("Công chức Văn phòng – Thống kê", "Office and Statistics Officer"),
    ("Công chức Văn hóa – Xã hội", "Culture and Social Affairs Officer"),
    ("Công chức Tư pháp – Hộ tịch", "Justice and Civil Status Officer"),
] + [("Chuyên viên", "Officer")] * 9
PEOPLE_PER_UNIT = len(POSITIONS)
_YEAR_DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]  # 2024 has 29 February


def _headed_by_demo_accounts() -> set[str]:
    """Codes of the units whose head is a demo account (README): they get no made-up head as well."""
    from intranet.accounts.demo import DEMO_ACCOUNTS

    codes = {code for _username, _name, code, _role, is_head, _position in DEMO_ACCOUNTS if is_head}
    if None in codes:  # the province
        codes.discard(None)
        codes.update(Unit.objects.filter(depth=1).values_list("code", flat=True))
    return codes


def load(out) -> None:
    units = list(Unit.objects.active().order_by("path"))
    headed = _headed_by_demo_accounts()
    existing = set(Person.objects.values_list("civil_servant_code", flat=True))
    rng = random.Random(46)
    new, index = [], 0
    for unit in units:
        positions = COMMUNE_POSITIONS if unit.kind == Unit.Kind.COMMUNE else POSITIONS
        for number, (position, position_en) in enumerate(positions, start=1):
            code = f"{unit.code}-{number:02d}"
            gender = rng.choice(["male", "female"])
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
            day = _YEAR_DAYS[index % len(_YEAR_DAYS)]
            index += 1
            if code in existing or (number == 1 and unit.code in headed):
                continue  # (one Chủ tịch, one Giám đốc per unit: the account's)
            new.append(
                Person(
                    unit=unit,
                    full_name=name,
                    gender=gender,
                    birth_date=day.replace(year=rng.choice([1968, 1972, 1976, 1980, 1984, 1988, 1992, 1996])) if day.month != 2 or day.day != 29 else dt.date(1988, 2, 29),
                    birthday_key=birthday_key(day),
                    home_address=f"{rng.randint(1, 200)} đường Lê Lợi, thành phố Huế",
                    office_phone=f"0234 38{rng.randint(10000, 99999)}",
                    mobile_phone=f"09{rng.randint(10000000, 99999999)}",
                    email=f"{code.replace('-', '.')}@hue.gov.vn",
                    civil_servant_code=code,
                    position=position,
                    position_en=position_en,
                    sort_order=number,
                )
            )
    Person.objects.bulk_create(new, batch_size=500)
    # Bulk rows skip the save hook: send them up the same outbox, delivered after the commit.
    record_changes(
        {"channel": "people", "record_id": person.store_record_id, "unit": person.unit, "payload": person.store_payload()} for person in new
    )
    out.write(f"Danh bạ: {Person.objects.count()} cán bộ ({len(new)} mới)")
    province = Unit.objects.filter(depth=1).select_related("site__root_page").first()
    if province is not None and province.site is not None:
        directory_page(province.site.root_page)


def directory_page(home) -> DirectoryPage:
    """The portal's /danh-ba/ page (translated into English by the search demo); created once."""
    return section(home, DirectoryPage, title=DIRECTORY_TITLE, slug="danh-ba", intro=DIRECTORY_INTRO, live=False)
