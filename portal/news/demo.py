"""Demo news for Huế: portal news shared down, unit activity news (some offered up, one
republished), galleries, introduction/organisation/legal-document pages. Images are drawn
here with Pillow; nothing is fetched. Idempotent: pages are found by slug before creating.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from intranet.accounts.models import User
from intranet.cases.models import Field as CaseField
from intranet.units.models import Unit
from intranet.units.services import collection_for
from portal.galleries.models import GalleryIndexPage, GalleryPage, GalleryPhoto
from portal.home.models import StandardPage
from portal.pages.models import (
    DocumentKind,
    IntroPage,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    OrganisationPage,
)
from search.folding import fold_words

from .models import ArticlePage, Category, NewsIndexPage
from .services import ensure_sections, offer_up, republish

HUE = ZoneInfo("Asia/Ho_Chi_Minh")
BASE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=HUE)  # fixed, so a second run writes the same thing

PORTAL_NEWS = [
    (Category.PROVINCE_NEWS, "Festival Huế 2026 thu hút hơn 200 nghìn lượt khách"),
    (Category.PROVINCE_NEWS, "Khánh thành cầu vượt sông Hương mới nối hai bờ Bắc – Nam"),
    (Category.PROVINCE_NEWS, "Huế đón nhận danh hiệu Thành phố du lịch văn hóa ASEAN"),
    (Category.PROVINCE_NEWS, "Hội nghị xúc tiến đầu tư thành phố Huế năm 2026"),
    (Category.PROVINCE_NEWS, "Lễ hội Điện Hòn Chén thu hút đông đảo người dân"),
    (Category.PROVINCE_NEWS, "Tuần lễ Áo dài Huế lan tỏa nét đẹp di sản"),
    (Category.PROVINCE_NEWS, "Thành phố Huế hoàn thành chuyển đổi số cấp phường, xã"),
    (Category.PROVINCE_NEWS, "Hơn 5.000 thanh niên tham gia Chiến dịch Mùa hè xanh"),
    (Category.PROVINCE_NEWS, "Bảo tồn và phát huy giá trị Quần thể di tích Cố đô Huế"),
    (Category.PROVINCE_NEWS, "Kỳ thi tốt nghiệp trung học phổ thông diễn ra an toàn"),
    (Category.PROVINCE_NEWS, "Huế đẩy mạnh phát triển kinh tế đêm"),
    (Category.PROVINCE_NEWS, "Ngày hội văn hóa các dân tộc miền núi A Lưới"),
    (Category.GOVERNMENT, "UBND thành phố chỉ đạo ứng phó mưa lớn và lũ trên các sông"),
    (Category.GOVERNMENT, "Kế hoạch cải cách hành chính năm 2027"),
    (Category.GOVERNMENT, "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính"),
    (Category.GOVERNMENT, "Triển khai dịch vụ công trực tuyến toàn trình"),
    (Category.GOVERNMENT, "Phương án phòng, chống thiên tai mùa mưa bão 2026"),
    (Category.GOVERNMENT, "Kết luận phiên họp thường kỳ tháng 10 của UBND thành phố"),
    (Category.GOVERNMENT, "Đẩy nhanh giải ngân vốn đầu tư công những tháng cuối năm"),
    (Category.GOVERNMENT, "Quy chế phối hợp cung cấp thông tin cho Cổng thông tin điện tử"),
    (Category.GOVERNMENT, "Tăng cường quản lý trật tự xây dựng đô thị"),
    (Category.GOVERNMENT, "Chuẩn bị Tết Nguyên đán Bính Ngọ cho người dân"),
]

UNIT_TOPICS = [
    "tổ chức hội nghị tổng kết công tác quý III",
    "ra quân vệ sinh môi trường, chỉnh trang đô thị",
    "trao quà cho hộ nghèo và gia đình chính sách",
    "tập huấn ứng dụng công nghệ thông tin cho cán bộ",
    "tiếp công dân định kỳ tháng 11",
    "phát động phong trào thi đua cuối năm",
    "kiểm tra công tác phòng cháy, chữa cháy",
    "đối thoại với doanh nghiệp trên địa bàn",
]
UNITS_WITH_NEWS = ["phuxuan", "thuanhoa", "stp", "syt", "sdl", "svhtt"]

PALETTES = [((163, 22, 27), (255, 205, 120)), ((20, 80, 140), (170, 220, 255)), ((30, 110, 60), (200, 240, 190)),
            ((120, 60, 150), (240, 200, 255)), ((180, 90, 20), (255, 230, 170)), ((40, 40, 60), (140, 170, 220))]


def _picture(seed: int, size=(960, 600)) -> bytes:
    """A landscape drawn from the seed: sky gradient, sun, hills and a river."""
    rng = random.Random(seed)
    dark, light = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        t = y / (height / 2)
        draw.line([(0, y), (width, y)], fill=tuple(int(light[i] * (1 - t) + 255 * t) for i in range(3)))
    sun_x, sun_r = rng.randint(100, width - 100), rng.randint(30, 60)
    draw.ellipse([sun_x - sun_r, 80 - sun_r, sun_x + sun_r, 80 + sun_r], fill=(255, 220, 90))
    for layer in range(3):
        base = height // 2 + layer * 60
        points = [(0, height)] + [(x, base - rng.randint(0, 90)) for x in range(0, width + 80, 80)] + [(width, height)]
        shade = tuple(max(0, c - 25 * layer) for c in dark)
        draw.polygon(points, fill=shade)
    draw.rectangle([0, height - 90, width, height], fill=(60, 120, 170))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _image(title: str, seed: int, unit: Unit):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    return Image.objects.create(
        title=title, collection=collection_for(unit), file=ImageFile(io.BytesIO(_picture(seed)), name=f"demo-{seed}.jpg")
    )


def _child(parent: Page, model, slug: str, revision: bool = True, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, locale_id=parent.locale_id, live=not revision, **fields)
    parent.add_child(instance=page)
    if revision:
        page.save_revision().publish()
    return model.objects.get(pk=page.pk), True


def _article(index: NewsIndexPage, unit: Unit, slug: str, title: str, category: str, when: dt.datetime, seed: int):
    body = (
        f"<p>{title}. Sự kiện do {unit.name} thực hiện nhằm triển khai nhiệm vụ được giao, phục vụ người dân và doanh nghiệp.</p>"
        "<p>Tại buổi làm việc, lãnh đạo đơn vị đánh giá cao kết quả đạt được và yêu cầu các bộ phận tiếp tục phối hợp chặt chẽ, "
        "bảo đảm tiến độ và chất lượng công việc.</p>"
    )
    return _child(
        index, ArticlePage, slug, revision=False, title=title, category=category, date=when, summary=f"{title} – {unit.short_name or unit.name}.",
        body=body, author=f"Ban biên tập {unit.short_name or unit.name}", image=_image(f"Ảnh minh họa {seed % 14}", seed % 14, unit),
    )


def _standing_pages(unit: Unit, home: Page, with_documents: bool) -> None:
    # Every site gets its standing pages; live without a revision, to keep the demo quick.
    _child(home, IntroPage, "gioi-thieu", revision=False, title="Giới thiệu")
    _child(home, OrganisationPage, "co-cau-to-chuc", revision=False, title="Cơ cấu tổ chức")
    _child(home, StandardPage, "thu-tuc-hanh-chinh", revision=False, title="Thủ tục hành chính và dữ liệu kinh tế – xã hội",
           body='<p><a href="https://dichvucong.gov.vn">Cổng dịch vụ công quốc gia</a></p>'
                '<p><a href="https://dichvucong.hue.gov.vn">Hệ thống thông tin giải quyết thủ tục hành chính thành phố Huế</a></p>'
                '<p><a href="https://www.gso.gov.vn">Số liệu kinh tế – xã hội (Tổng cục Thống kê)</a></p>')
    documents, _created = _child(home, LegalDocumentIndexPage, "van-ban", revision=False, title="Văn bản pháp luật")
    if not with_documents:
        return
    Document = get_document_model()
    name = unit.name if not unit.is_province else "UBND thành phố Huế"
    for number, (code, title, kind, field, level, issuer, signer, day) in enumerate(_documents(unit, name), start=1):
        fields = {"number": code, "issuer": issuer, "issued_on": day, "level": level, "summary": title, "kind": kind,
                  "field": field, "signer": signer, "effective_on": day + dt.timedelta(days=15 if kind in LAWS else 0)}
        page, created = _child(documents, LegalDocumentPage, f"van-ban-{number}", title=title, **fields)
        if not created:  # an earlier demo's document: give it the kind, field and signer it lacked
            LegalDocumentPage.objects.filter(pk=page.pk, field="").update(number_folded=fold_words(code), **fields)
        if not page.attachments.exists():
            pdf = io.BytesIO()
            PILImage.new("RGB", (595, 842), "white").save(pdf, "PDF")
            file = Document.objects.create(title=f"{code} – {title}", collection=collection_for(unit),
                                           file=ContentFile(pdf.getvalue(), name=f"{code.replace('/', '-')}.pdf"))
            LegalDocumentAttachment.objects.create(page=page, document=file, title=f"Toàn văn {code}", sort_order=0)


LAWS = (DocumentKind.LAW, DocumentKind.DECREE, DocumentKind.CIRCULAR)


def _documents(unit: Unit, name: str) -> list[tuple]:
    """A believable list: central laws and decrees, the city's decisions, the unit's own plans and notices."""
    K, F, L = DocumentKind, CaseField, LegalDocumentPage.Level
    own = unit.short_name or unit.name
    suffix = "UBND" if unit.is_province or unit.kind == Unit.Kind.COMMUNE else (unit.code or "").upper()
    return [
        ("103/2016/QH13", "Luật Báo chí", K.LAW, F.CULTURE, L.CENTRAL, "Quốc hội", "Nguyễn Thị Kim Ngân", dt.date(2016, 4, 5)),
        ("72/2013/NĐ-CP", "Nghị định về quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng", K.DECREE,
         F.CULTURE, L.CENTRAL, "Chính phủ", "Nguyễn Tấn Dũng", dt.date(2013, 7, 15)),
        ("15/2026/QĐ-UBND", "Quy chế hoạt động của hệ thống thông tin điều hành tác nghiệp", K.DECISION, F.ADMINISTRATION,
         L.PROVINCE, "UBND thành phố Huế", "", dt.date(2026, 3, 2)),
        ("31/2024/QH15", "Luật Đất đai", K.LAW, F.LAND, L.CENTRAL, "Quốc hội", "Vương Đình Huệ", dt.date(2024, 1, 18)),
        ("30/2020/NĐ-CP", "Nghị định về công tác văn thư", K.DECREE, F.ADMINISTRATION, L.CENTRAL, "Chính phủ",
         "Nguyễn Xuân Phúc", dt.date(2020, 3, 5)),
        ("22/2025/QĐ-UBND", "Quy định bảng giá đất trên địa bàn thành phố Huế", K.DECISION, F.LAND, L.PROVINCE,
         "UBND thành phố Huế", "", dt.date(2025, 12, 20)),
        ("08/CT-UBND", "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong giải quyết thủ tục hành chính", K.DIRECTIVE,
         F.ADMINISTRATION, L.PROVINCE, "UBND thành phố Huế", "", dt.date(2026, 2, 10)),
        (f"45/KH-{suffix}", f"Kế hoạch chuyển đổi số năm 2026 của {own}", K.PLAN, F.ADMINISTRATION, L.UNIT, name,
         "", dt.date(2026, 1, 15)),
        (f"112/TB-{suffix}", f"Thông báo lịch tiếp công dân quý II năm 2026 của {own}", K.NOTICE, F.OTHER, L.UNIT, name,
         "", dt.date(2026, 3, 28)),
        (f"67/KH-{suffix}", f"Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026 của {own}", K.PLAN, F.CONSTRUCTION,
         L.UNIT, name, "", dt.date(2026, 2, 24)),
    ]


def _galleries(unit: Unit, home: Page, names: list[str], seed: int) -> None:
    index = GalleryIndexPage.objects.child_of(home).get()
    for offset, name in enumerate(names):
        slug = f"bo-anh-{seed + offset}"
        if GalleryPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        images = [_image(f"{name} – ảnh {n + 1}", seed + offset * 7 + n, unit) for n in range(5)]
        page = GalleryPage(title=name, slug=slug, cover=images[0], live=False, date=BASE - dt.timedelta(days=offset * 9),
                           description=f"{name}. Ảnh: Ban biên tập {unit.short_name or unit.name}.", locale_id=index.locale_id)
        page.photos = [GalleryPhoto(image=image, caption=f"{name} ({n + 1})", sort_order=n) for n, image in enumerate(images)]
        index.add_child(instance=page)
        page.save_revision().publish()


def load(out) -> None:
    province = Unit.objects.get(depth=1)
    for unit in Unit.objects.with_site().active().select_related("site"):
        ensure_sections(unit.site.root_page)
    portal_home = province.site.root_page
    portal_index = NewsIndexPage.objects.child_of(portal_home).get()
    for n, (category, title) in enumerate(PORTAL_NEWS):
        _article(portal_index, province, f"tin-cong-{n + 1}", title, category, BASE - dt.timedelta(hours=7 * n), n)
    board = User.objects.filter(username="bbt_cong").first()
    ward_board = User.objects.filter(username="bbt_phuxuan").first()
    for u, code in enumerate(UNITS_WITH_NEWS):
        unit = Unit.objects.filter(code=code).select_related("site").first()
        if unit is None or unit.site is None:
            continue
        index = NewsIndexPage.objects.child_of(unit.site.root_page).get()
        name = unit.short_name or unit.name
        for t, topic in enumerate(UNIT_TOPICS):
            page, created = _article(index, unit, f"hoat-dong-{t + 1}", f"{name} {topic}", Category.ACTIVITY,
                                     BASE - dt.timedelta(hours=5 * t + 3 * u), 40 + u * 8 + t)
            if created and code == "phuxuan" and t < 3 and ward_board:
                offer_up(page, ward_board)
                if t == 0 and board:
                    republish(page, board)
    secret_parent = NewsIndexPage.objects.child_of(Unit.objects.get(code="phuxuan").site.root_page).get()
    if not ArticlePage.objects.child_of(secret_parent).filter(slug="tai-lieu-mat").exists():
        secret_parent.add_child(instance=ArticlePage(title="Tài liệu mật: không được đăng", slug="tai-lieu-mat", live=False,
                                                     is_secret=True, body="<p>Nội dung mật (demo).</p>", locale_id=secret_parent.locale_id))
    for code, names in {None: ["Festival Huế 2026", "Đêm hoàng cung", "Mùa sen Tịnh Tâm"], "phuxuan": ["Ngày hội đại đoàn kết", "Phú Xuân xanh"]}.items():
        unit = province if code is None else Unit.objects.filter(code=code).select_related("site").first()
        if unit and unit.site:
            _galleries(unit, unit.site.root_page, names, seed=100 if code is None else 200)
    for unit in Unit.objects.with_site().active().select_related("site"):
        _standing_pages(unit, unit.site.root_page, with_documents=unit.is_province or unit.code in ("phuxuan", "stp"))
    out.write(f"Tin, bài: {ArticlePage.objects.filter(live=True).count()} đã đăng; bộ ảnh: {GalleryPage.objects.filter(live=True).count()}")
