"""Demo province: Thành phố Huế as it is in 2026 — the city, its office and
departments, and its 40 wards/communes from the national list."""

import datetime as dt

from django.conf import settings
from wagtail.models import Page, Site

from .importer import import_province
from .models import Unit
from .services import Decision, found_unit, provision_site

PROVINCE = "46"  # Thành phố Huế

# (code, full name, short name, English name)
DEPARTMENTS = [
    ("vpubnd", "Văn phòng Ủy ban nhân dân thành phố Huế", "Văn phòng UBND thành phố", "Office of the City People's Committee"),
    ("snv", "Sở Nội vụ thành phố Huế", "Sở Nội vụ", "Department of Home Affairs"),
    ("stc", "Sở Tài chính thành phố Huế", "Sở Tài chính", "Department of Finance"),
    ("stp", "Sở Tư pháp thành phố Huế", "Sở Tư pháp", "Department of Justice"),
    ("syt", "Sở Y tế thành phố Huế", "Sở Y tế", "Department of Health"),
    ("sgddt", "Sở Giáo dục và Đào tạo thành phố Huế", "Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    ("svhtt", "Sở Văn hóa và Thể thao thành phố Huế", "Sở Văn hóa và Thể thao", "Department of Culture and Sports"),
    ("skhcn", "Sở Khoa học và Công nghệ thành phố Huế", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("sxd", "Sở Xây dựng thành phố Huế", "Sở Xây dựng", "Department of Construction"),
    ("snnmt", "Sở Nông nghiệp và Môi trường thành phố Huế", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    ("sct", "Sở Công Thương thành phố Huế", "Sở Công Thương", "Department of Industry and Trade"),
    ("sdl", "Sở Du lịch thành phố Huế", "Sở Du lịch", "Department of Tourism"),
]

FOUNDING = Decision(number="1315/QĐ-UBND", date=dt.date(2025, 6, 30))


def load(out) -> None:
    result = import_province(PROVINCE)
    province = result.province
    changed = {
        "name_en": "Hue City",
        "address": "16 Lê Lợi, phường Thuận Hóa, thành phố Huế",
        "phone": "0234 3822 500",
        "email": "ubnd@hue.gov.vn",
        "introduction": "<p>Cổng thông tin điện tử thành phố Huế – thành phố trực thuộc trung ương từ năm 2025.</p>",
    }
    if any(getattr(province, key) != value for key, value in changed.items()):
        Unit.objects.filter(pk=province.pk).update(**changed)
    for code, name, short, english in DEPARTMENTS:
        if Unit.objects.filter(code=code).exists():
            continue
        found_unit(
            parent=province,
            decision=FOUNDING,
            code=code,
            name=name,
            short_name=short,
            name_en=english,
            kind=Unit.Kind.DEPARTMENT,
            address="Thành phố Huế",
            email=f"{code}@hue.gov.vn",
        )
    provision_site(Unit.objects.get(pk=province.pk))
    # Sites made by an earlier load on another port (`make run PORT=…`): links follow the port served.
    Site.objects.exclude(port=settings.PORTAL_PORT).update(port=settings.PORTAL_PORT)
    # Wagtail's "Welcome" page is no site's root any more once the portal has its own.
    Page.objects.filter(depth=2, content_type__model="page").exclude(pk__in=Site.objects.values("root_page")).delete()
    out.write(f"Đơn vị: {Unit.objects.count()} ({Unit.objects.with_site().count()} có trang điều hành)")
