"""Demo content of Huế Art. 4.2 a–k for every unit's site: introduction, functions and duties,
ISO certificate, contact details, the procedures page in the menu and a contact page; and two
months of visit statistics, so the footer's count and the board's workbook have figures.

Runs after portal.news (which creates the standing pages). Only empty fields are filled, so a
second run, or an administrator's own text, is left alone.
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.utils import timezone
from wagtail.models import Page

from intranet.units.models import Unit
from portal.home.models import HomePage, PageVisit, StandardPage

PORTAL_LICENCE = "Giấy phép thiết lập Cổng thông tin điện tử số 25/GP-STTTT ngày 10/07/2025 của Sở Văn hóa và Thể thao thành phố Huế"

WARD_FUNCTIONS = (
    "<p>Ủy ban nhân dân {name} là cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước Hội đồng nhân dân "
    "cùng cấp và Ủy ban nhân dân thành phố Huế.</p><ul>"
    "<li>Tổ chức thực hiện Hiến pháp, pháp luật và nghị quyết của Hội đồng nhân dân trên địa bàn;</li>"
    "<li>Quản lý nhà nước về đất đai, xây dựng, trật tự đô thị, môi trường;</li>"
    "<li>Giải quyết thủ tục hành chính tại Bộ phận Một cửa: hộ tịch, chứng thực, đất đai, an sinh xã hội;</li>"
    "<li>Bảo đảm quốc phòng, an ninh, trật tự, an toàn xã hội;</li>"
    "<li>Phát triển văn hóa, giáo dục, y tế và chăm lo đời sống nhân dân.</li></ul>"
)
DEPARTMENT_FUNCTIONS = (
    "<p>{name} là cơ quan chuyên môn thuộc Ủy ban nhân dân thành phố Huế, tham mưu, giúp Ủy ban nhân dân thành phố "
    "quản lý nhà nước về ngành, lĩnh vực được giao; chịu sự chỉ đạo, hướng dẫn, kiểm tra về chuyên môn, nghiệp vụ của bộ quản lý ngành.</p><ul>"
    "<li>Trình Ủy ban nhân dân thành phố dự thảo quyết định, kế hoạch, chương trình về ngành, lĩnh vực;</li>"
    "<li>Hướng dẫn, kiểm tra việc thực hiện văn bản quy phạm pháp luật, quy hoạch, kế hoạch đã được phê duyệt;</li>"
    "<li>Giải quyết thủ tục hành chính thuộc thẩm quyền, công khai trên Cổng Dịch vụ công;</li>"
    "<li>Thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo trong phạm vi được giao;</li>"
    "<li>Báo cáo định kỳ và đột xuất tình hình thực hiện nhiệm vụ.</li></ul>"
)
STREETS = ["Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Lý Thường Kiệt", "Bà Triệu", "Đống Đa", "Phan Đình Phùng", "Tố Hữu", "Võ Văn Kiệt"]


def _number(code: str, modulo: int) -> int:
    return zlib.crc32(code.encode()) % modulo  # the same on every run


def _details(unit: Unit) -> dict:
    name = unit.name
    ward = unit.kind == Unit.Kind.COMMUNE
    # Inside a sentence a ward's kind is written in lower case: "Ủy ban nhân dân phường Phú Xuân".
    in_text = name[:1].lower() + name[1:] if ward else name
    seed = _number(unit.code, 1_000_000)
    return {
        "address": unit.address if unit.address and unit.address != "Thành phố Huế"
        else f"{seed % 180 + 2} {STREETS[seed % len(STREETS)]}, {in_text if ward else 'phường Thuận Hóa'}, thành phố Huế",
        "phone": unit.phone or f"0234 3{seed % 900 + 100:03d} {seed % 1000:03d}",
        "email": unit.email or f"{unit.code}@hue.gov.vn",
        "introduction": unit.introduction or (
            f"<p>Chào mừng quý vị đến với trang thông tin điện tử của {in_text}. Trang cung cấp thông tin về tổ chức, hoạt động, "
            "văn bản, thủ tục hành chính và tiếp nhận câu hỏi, ý kiến của người dân, doanh nghiệp.</p>"
        ),
        "functions": unit.functions or (WARD_FUNCTIONS if ward else DEPARTMENT_FUNCTIONS).format(name=in_text),
        "iso_info": unit.iso_info or (
            f"{name} áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 trong hoạt động "
            f"của cơ quan hành chính nhà nước (Quyết định số 19/2014/QĐ-TTg và Nghị định số 31/2021/NĐ-CP sửa đổi). "
            f"Giấy chứng nhận số HT {seed % 9000 + 1000}.25 do Trung tâm Chứng nhận Phù hợp (QUACERT) cấp ngày 15/04/2025, "
            "có hiệu lực đến ngày 14/04/2028. Phạm vi: giải quyết thủ tục hành chính thuộc thẩm quyền."
        ),
    }


def load(out) -> None:
    filled = 0
    for unit in Unit.objects.with_site().active().select_related("site"):
        details = _details(unit)
        changes = {key: value for key, value in details.items() if getattr(unit, key) != value}
        if changes:
            Unit.objects.filter(pk=unit.pk).update(**changes)
            filled += 1
        home = unit.site.root_page if unit.site else None
        if home is None:
            continue
        StandardPage.objects.child_of(home).filter(slug="thu-tuc-hanh-chinh", show_in_menus=False).update(show_in_menus=True)
        if unit.is_province:
            HomePage.objects.filter(pk=home.pk, licence="").update(licence=PORTAL_LICENCE)
        if not StandardPage.objects.child_of(home).filter(slug="lien-he").exists():
            home.add_child(instance=StandardPage(
                title="Liên hệ", slug="lien-he", show_in_menus=True, locale_id=home.locale_id,
                body=f"<p><b>{unit.name}</b></p><p>Địa chỉ: {details['address']}</p><p>Điện thoại: {details['phone']}</p>"
                     f"<p>Thư điện tử: <a href=\"mailto:{details['email']}\">{details['email']}</a></p>"
                     "<p>Giờ làm việc: sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ, thứ Hai đến thứ Sáu.</p>",
            ))
        _visits(unit, home)
    out.write(f"Thông tin đơn vị (Điều 4.2): {filled} đơn vị được bổ sung")


VISIT_DAYS = 60


def _visits(unit: Unit, home: Page) -> None:
    """Two months of visit statistics for the site (its home and sections), unless it has some."""
    if PageVisit.objects.filter(site_id=unit.site_id).exists():
        return
    pages = [home, *Page.objects.child_of(home).live().only("pk", "slug")]
    busy = 20 if unit.is_province else 1 + _number(unit.code, 5)  # the portal draws most visitors
    today = timezone.localdate()
    PageVisit.objects.bulk_create([
        PageVisit(site_id=unit.site_id, page_id=page.pk, day=today - dt.timedelta(days=days_ago),
                  count=busy * (30 if page.pk == home.pk else 4) + _number(f"{unit.code}:{page.pk}:{days_ago}", busy * 12 + 5))
        for days_ago in range(1, VISIT_DAYS + 1) for page in pages
    ], batch_size=1000)
