"""Demo QT-07 in Phú Xuân: items sitting in every step, some overdue, and a finished history
for the reports. Idempotent: an item is found by its title before it is created."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from intranet.accounts.models import User
from intranet.units.models import Unit
from portal.news.models import ArticlePage, NewsIndexPage
from portal.news.services import ensure_sections

from . import services
from .models import ModerationItem, PlannedPosting

# title, how far it goes, days ago it arrived (calendar days; 0 = today)
ITEMS = [
    ("Đề nghị đăng tin: Tổ dân phố 3 ra mắt mô hình đường hoa", "B1", 0),
    ("Đề nghị đăng tin: Hội Phụ nữ phường trao vốn sinh kế", "B1", 6),
    ("Đề nghị đăng tin: Chi đoàn khu vực 2 làm sạch bờ sông", "B2", 0),
    ("Đề nghị đăng tin: Câu lạc bộ dưỡng sinh phường tròn 10 năm", "B3", 5),
    ("Đề nghị đăng tin: Trường tiểu học Phú Xuân khai giảng lớp bơi", "B4", 0),
    ("Đề nghị đăng tin: Hội thi nấu ăn ngày Phụ nữ Việt Nam", "B5", 0),
    ("Đề nghị đăng tin: Phường vận động ủng hộ đồng bào vùng lũ", "B6-approve", 0),
    ("Đề nghị đăng tin: Quảng cáo dịch vụ cho vay nhanh", "B6-refuse", 4),
    ("Phú Xuân tổng kết mùa hè xanh", "published", 12),
    ("Lễ ra quân tuyển quân năm 2027", "published", 9),
    ("Hội nghị đối thoại với hộ kinh doanh", "published", 3),
    ("Đề nghị đăng: Bài quảng bá sản phẩm chưa kiểm chứng", "refused", 8),
]
ORDER = ["B1", "B2", "B3", "B4", "B5", "B6"]


def _draft(index: NewsIndexPage, title: str, number: int) -> ArticlePage:
    page = ArticlePage(
        title=title,
        slug=f"de-nghi-dang-{number}",
        live=False,
        summary=title,
        body=f"<p>{title}.</p><p>Tin do cộng tác viên phường gửi, đăng sau khi được kiểm duyệt.</p>",
        author="Cộng tác viên Huỳnh Văn Nam",
        locale_id=index.locale_id,
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def _advance(item: ModerationItem, verdict: str, steps: int, people, moments) -> None:
    """Take the item through its first ``steps`` steps, each at the next of ``moments``."""
    officer, leader, it = people
    refusal = "Nội dung mang tính quảng cáo, chưa được kiểm chứng."
    actions = [
        lambda: services.confirm_receipt(item, officer),
        lambda: services.forward(item, officer),
        lambda: services.assign(item, leader, officer, "Đề nghị đồng chí kiểm duyệt"),
        lambda: services.recommend(item, officer, verdict, "Đồng ý cho đăng." if verdict == "approve" else "Không đồng ý cho đăng.",
                                   reason="" if verdict == "approve" else refusal),
        lambda: services.decide(item, leader, verdict),
        lambda: services.publish(item, it) if verdict == "approve" else services.send_refusal(item, officer),
    ]
    for action, moment in zip(actions[:steps], moments, strict=False):
        with services.acting_at(moment):
            action()


def load(out) -> None:
    unit = Unit.objects.filter(code="phuxuan").select_related("site").first()
    people = {user.username: user for user in User.objects.filter(username__in=["vanhoa_phuxuan", "lanhdao_phuxuan", "cntt_phuxuan", "ctv"])}
    if unit is None or unit.site is None or len(people) < 4:
        out.write("Kiểm duyệt QT-07: bỏ qua (thiếu phường Phú Xuân hoặc tài khoản mẫu)")
        return
    for site_unit in Unit.objects.with_site().active().select_related("site"):
        services.attach_to_site(site_unit.site.root_page)  # "submit for moderation" in the admin starts QT-07
    home = unit.site.root_page
    ensure_sections(home)
    index = NewsIndexPage.objects.child_of(home).get()
    officer, leader, it, contributor = people["vanhoa_phuxuan"], people["lanhdao_phuxuan"], people["cntt_phuxuan"], people["ctv"]
    now = timezone.now()
    for number, (title, target, days_ago) in enumerate(ITEMS, start=1):
        # (an earlier demo titled the published ones "Tin: …", as no newsroom does)
        if ModerationItem.objects.filter(title__in=[title, f"Tin: {title}"], unit=unit).exists():
            continue
        moment = now - dt.timedelta(days=days_ago, hours=2 if days_ago == 0 else 0)
        hour = dt.timedelta(hours=1) if days_ago else dt.timedelta(minutes=10)
        with services.acting_at(moment):
            item = services.receive(_draft(index, title, number), submitted_by=contributor, submitter_name="Huỳnh Văn Nam",
                                    submitter_email="ctv@hue.gov.vn", submitter_organisation="Cộng tác viên phường")
        verdict = "refuse" if target in ("B6-refuse", "refused") else "approve"
        stop = {"published": 6, "refused": 6, "B6-approve": 5, "B6-refuse": 5}.get(target) or ORDER.index(target)
        _advance(item, verdict, stop, (officer, leader, it), [moment + hour * n for n in range(1, 7)])
    # QT-07 4: the contributor's plan for this week — one already published, one still to come.
    from .planning import register_planned
    from .reports import WEEK

    for title in ("Hội nghị đối thoại với hộ kinh doanh", "Phường ra quân dọn vệ sinh cuối tuần"):
        if not PlannedPosting.objects.filter(unit=unit, title__in=[title, f"Tin: {title}"]).exists():
            register_planned(unit, contributor, period_kind=WEEK, day=timezone.localdate(), title=title, author="Huỳnh Văn Nam")
    open_count = ModerationItem.objects.open().filter(unit=unit).count()
    overdue = ModerationItem.objects.overdue(timezone.now()).filter(unit=unit).count()
    out.write(f"Kiểm duyệt QT-07 (Phú Xuân): {open_count} đang xử lý, {overdue} quá hạn")
