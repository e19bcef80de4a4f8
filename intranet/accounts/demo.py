"""One demo account per role of SPEC §1 (listed in README.md), all with DEMO_PASSWORD."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from intranet.directory.models import Person
from intranet.units.models import Unit

from .models import Role, User
from .names import split_name
from .services import grant_role

# username, full name, unit code (None = the province), role, is_head, position
DEMO_ACCOUNTS = [
    ("quantri", "Trần Quốc Bảo", None, Role.SYSADMIN, False, "Quản trị hệ thống"),
    ("lanhdao_tinh", "Nguyễn Văn Phương", None, Role.LEADER, True, "Chủ tịch UBND thành phố"),
    ("bbt_cong", "Lê Thị Thu Hà", None, Role.PORTAL_BOARD, False, "Ban biên tập Cổng TTĐT"),
    ("lanhdao_vp", "Phan Thanh Hải", "vpubnd", Role.LEADER, True, "Chánh Văn phòng"),
    ("cv_vp", "Hồ Thị Diệu Linh", "vpubnd", Role.OFFICE_SPECIALIST, False, "Chuyên viên phụ trách lĩnh vực Tư pháp"),
    ("lanhdao_stp", "Võ Đức Thắng", "stp", Role.LEADER, True, "Giám đốc Sở Tư pháp"),
    ("cv_stp", "Đặng Ngọc Trang", "stp", Role.SPECIALIST, False, "Chuyên viên"),
    ("cv2_stp", "Bùi Minh Khoa", "stp", Role.SPECIALIST, False, "Chuyên viên"),
    ("bbt_stp", "Dương Thị Hạnh", "stp", Role.UNIT_BOARD, False, "Ban biên tập trang Sở Tư pháp"),
    ("lanhdao_phuxuan", "Tôn Thất Long", "phuxuan", Role.LEADER, True, "Chủ tịch UBND phường Phú Xuân"),
    ("vanhoa_phuxuan", "Hoàng Thị Mai", "phuxuan", Role.CULTURE_OFFICER, False, "Công chức Văn hóa – Xã hội"),
    ("cntt_phuxuan", "Ngô Quang Huy", "phuxuan", Role.IT_STAFF, False, "Bộ phận CNTT"),
    ("bbt_phuxuan", "Lý Thị Nga", "phuxuan", Role.UNIT_BOARD, False, "Ban biên tập trang phường"),
    ("ctv", "Huỳnh Văn Nam", "phuxuan", Role.CONTRIBUTOR, False, "Cộng tác viên"),
]
# Their positions on the English pages (the footer's person responsible, the English directory).
POSITIONS_EN = {
    "quantri": "System administrator",
    "lanhdao_tinh": "Chairperson of the City People's Committee",
    "bbt_cong": "Editorial board of the e-Portal",
    "lanhdao_vp": "Chief of the Office",
    "cv_vp": "Specialist in charge of justice affairs",
    "lanhdao_stp": "Director of the Department of Justice",
    "cv_stp": "Specialist",
    "cv2_stp": "Specialist",
    "bbt_stp": "Editorial board of the Department of Justice's site",
    "lanhdao_phuxuan": "Chairperson of the Phu Xuan Ward People's Committee",
    "vanhoa_phuxuan": "Culture and social affairs officer",
    "cntt_phuxuan": "IT staff",
    "bbt_phuxuan": "Editorial board of the ward's site",
    "ctv": "Contributor",
}


def load(out) -> None:
    province = Unit.objects.get(depth=1, admin_code="46")
    # One hash for every demo account: the password is the same and hashing costs ~0.3 s each.
    demo_hash = None
    for username, full_name, unit_code, role, is_head, position in DEMO_ACCOUNTS:
        unit = province if unit_code is None else Unit.objects.get(code=unit_code)
        user = User.objects.filter(username=username).first()
        if user is None:
            last, first = split_name(full_name)
            user = User(username=username, first_name=first, last_name=last, email=f"{username}@hue.gov.vn")
            demo_hash = demo_hash or make_password(settings.DEMO_PASSWORD)
            user.password = demo_hash
            user.password_changed_at = timezone.now()
            user._password_was_set = True  # the security trail records it, as set_password does
            user.save()
        elif user.password_changed_at is None:
            # An empty date forces a change at the next login; demo accounts open straight away.
            user.password_changed_at = timezone.now()
            user.save(update_fields=["password_changed_at"])
        grant_role(user, unit, role, is_head=is_head)
        Person.objects.get_or_create(
            user=user,
            defaults={
                "unit": unit,
                "full_name": full_name,
                "position": position,
                "email": user.email,
                "civil_servant_code": f"demo-{username}",
                "office_phone": "0234 3822 500",
                "position_en": POSITIONS_EN.get(username, ""),
                "sort_order": 1 if is_head else 100,  # the head first on the organisation page
            },
        )
        # (accounts of an earlier demo have none)
        Person.objects.filter(user=user, position_en="").update(position_en=POSITIONS_EN.get(username, ""))
    out.write(f"Tài khoản mẫu: {len(DEMO_ACCOUNTS)} (mật khẩu: {settings.DEMO_PASSWORD})")
