"""Demo drafts put out for comment: on the portal, a ward and a department, one open and one closed
with its summary of comments; citizens' comments approved, and one waiting for the officer.

Idempotent: a draft already there (by its slug) is left alone, dates included.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model

from intranet.units.models import Unit
from intranet.units.services import collection_for
from portal.home.sections import section, unit_home

from .models import Comment, ConsultationAttachment, ConsultationIndexPage, ConsultationPage

DRAFTS = {
    None: [
        ("du-thao-phi-tham-quan-di-tich", "Dự thảo Nghị quyết quy định mức thu phí tham quan di tích trên địa bàn thành phố Huế",
         "Sở Văn hóa và Thể thao"),
        ("du-thao-quan-ly-cay-xanh", "Dự thảo Quyết định ban hành Quy định quản lý cây xanh đô thị trên địa bàn thành phố Huế",
         "Sở Xây dựng"),
    ],
    "phuxuan": [
        ("du-thao-tuyen-pho-van-minh", "Dự thảo Kế hoạch xây dựng tuyến phố văn minh, chỉnh trang đô thị phường Phú Xuân năm 2027",
         "Văn phòng HĐND và UBND phường"),
        ("du-thao-quy-che-van-hoa-cong-so", "Dự thảo Quy chế văn hóa công sở tại Ủy ban nhân dân phường Phú Xuân",
         "Văn phòng HĐND và UBND phường"),
    ],
    "stp": [
        ("du-thao-co-so-du-lieu-cong-chung", "Dự thảo Quyết định ban hành Quy chế quản lý, khai thác cơ sở dữ liệu công chứng, chứng thực",
         "Sở Tư pháp"),
        ("du-thao-pho-bien-phap-luat-2027", "Dự thảo Kế hoạch phổ biến, giáo dục pháp luật năm 2027", "Sở Tư pháp"),
    ],
}
COMMENTS = [
    ("Trần Thị Mai", "mai.tran@example.vn", "Đề nghị bổ sung quy định về thời hạn công khai kết quả thực hiện, để người dân dễ theo dõi và giám sát."),
    ("Nguyễn Văn Hùng", "", "Tôi đồng ý với dự thảo. Tuy nhiên, Điều 5 nên nêu rõ trách nhiệm của từng bộ phận, tránh chồng chéo."),
    ("Lê Quang Vinh", "vinh.le@example.vn", "Đề nghị tổ chức thêm buổi đối thoại với người dân trước khi ban hành chính thức."),
]
SUMMARY = (
    "<p>Trong thời gian lấy ý kiến, đơn vị nhận được {count} ý kiến góp ý của tổ chức, cá nhân. Các ý kiến tập trung vào phạm vi "
    "điều chỉnh, trách nhiệm của các bộ phận và thời hạn thực hiện.</p>"
    "<ul><li>Tiếp thu: bổ sung quy định về công khai kết quả thực hiện; làm rõ trách nhiệm của từng bộ phận tại Điều 5.</li>"
    "<li>Giải trình: việc đối thoại với người dân đã được quy định tại kế hoạch triển khai, không đưa vào văn bản.</li></ul>"
    "<p>Cơ quan soạn thảo đã hoàn chỉnh dự thảo, trình cấp có thẩm quyền xem xét, ban hành.</p>"
)


def _pdf(unit: Unit, title: str):
    pdf = io.BytesIO()
    PILImage.new("RGB", (595, 842), "white").save(pdf, "PDF")
    return get_document_model().objects.create(
        title=title, collection=collection_for(unit), file=ContentFile(pdf.getvalue(), name="du-thao.pdf")
    )


def _draft(index: ConsultationIndexPage, unit: Unit, slug: str, title: str, drafting_body: str, *, open_: bool) -> bool:
    if ConsultationPage.objects.child_of(index).filter(slug=slug).exists():
        return False
    today = timezone.localdate()
    opens_on, closes_on = (today - dt.timedelta(days=10), today + dt.timedelta(days=20)) if open_ else (
        today - dt.timedelta(days=75), today - dt.timedelta(days=45))
    page = ConsultationPage(
        title=title, slug=slug, drafting_body=drafting_body, opens_on=opens_on, closes_on=closes_on, locale_id=index.locale_id,
        summary=f"{title} được công bố để lấy ý kiến rộng rãi của cơ quan, tổ chức, cá nhân theo quy định của Luật Ban hành văn bản "
                "quy phạm pháp luật. Ý kiến góp ý gửi trực tiếp tại trang này.",
        body="<p><b>Sự cần thiết ban hành:</b> cụ thể hóa quy định của pháp luật, phù hợp thực tiễn của địa phương.</p>"
             "<p><b>Bố cục:</b> gồm 3 chương, 15 điều: quy định chung; nội dung cụ thể; tổ chức thực hiện.</p>",
        comments_summary="" if open_ else SUMMARY.format(count=len(COMMENTS)),
    )
    page.attachments = [ConsultationAttachment(document=_pdf(unit, f"Toàn văn {title}"), title="Toàn văn dự thảo", sort_order=0)]
    index.add_child(instance=page)
    page.save_revision().publish()
    for n, (name, email, content) in enumerate(COMMENTS):
        pending = open_ and n == len(COMMENTS) - 1  # the last comment on an open draft waits for the officer
        Comment.objects.create(
            page=page, unit=unit, name=name, email=email, content=content,
            status=Comment.Status.PENDING if pending else Comment.Status.APPROVED,
            created_at=timezone.make_aware(dt.datetime.combine(opens_on + dt.timedelta(days=n + 1), dt.time(9 + n, 15))),
            moderated_at=None if pending else timezone.now(),
        )
    return True


def load(out) -> None:
    added = 0
    for code, drafts in DRAFTS.items():
        found = unit_home(code)
        if found is None:
            continue
        unit, home = found
        index = section(home, ConsultationIndexPage, title="Lấy ý kiến dự thảo văn bản", slug="lay-y-kien-du-thao",
                        intro=f"Các dự thảo văn bản {unit.name} công bố để lấy ý kiến của cơ quan, tổ chức, cá nhân.")
        for number, (slug, title, drafting_body) in enumerate(drafts):
            added += _draft(index, unit, slug, title, drafting_body, open_=number == 0)
    out.write(f"Lấy ý kiến dự thảo: {added} dự thảo mới")
