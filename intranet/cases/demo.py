"""Demo cases: every kind stopped at every step, some answered and published, some overdue.

Idempotent: each demo case has a fixed tracking code; a second run finds it and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from intranet.accounts.models import User
from intranet.units.models import Unit

from . import services
from .models import Case, PressDigest
from .services import CODE_ALPHABET, ActionInput

ANSWER = "Căn cứ quy định hiện hành, cơ quan chức năng trả lời như sau: công dân chuẩn bị hồ sơ theo hướng dẫn và nộp tại Trung tâm Phục vụ hành chính công."
QUESTIONS = [
    ("Thủ tục cấp bản sao trích lục khai sinh", "hanh-chinh"),
    ("Thời hạn cấp giấy chứng nhận quyền sử dụng đất", "dat-dai"),
    ("Cấp phép xây dựng nhà ở riêng lẻ trong khu vực Kinh thành", "xay-dung"),
    ("Hồ sơ hưởng trợ cấp thất nghiệp", "lao-dong"),
    ("Chuyển trường cho học sinh tiểu học giữa năm học", "giao-duc"),
    ("Đăng ký hộ kinh doanh tại phường", "kinh-te"),
    ("Tiêm chủng mở rộng cho trẻ dưới 1 tuổi", "y-te"),
    ("Cấp phép biểu diễn nghệ thuật tại phố đi bộ", "van-hoa"),
    ("Điều chỉnh thông tin trên giấy khai sinh", "hanh-chinh"),
    ("Đền bù giải phóng mặt bằng dự án đường ven sông", "dat-dai"),
    ("Lệ phí trước bạ khi nhận thừa kế nhà đất", "kinh-te"),
    ("Đăng ký kết hôn có yếu tố nước ngoài", "hanh-chinh"),
    ("Thủ tục công chứng hợp đồng mua bán nhà", "hanh-chinh"),
]


def _code(prefix: str, n: int) -> str:
    a = CODE_ALPHABET
    return f"{prefix}-2026-DM{a[(n // 961) % 31]}{a[(n // 31) % 31]}{a[n % 31]}"


def load(out) -> None:
    people = {user.username: user for user in User.objects.filter(username__in=[
        "bbt_cong", "lanhdao_tinh", "lanhdao_vp", "cv_vp", "lanhdao_stp", "cv_stp", "cv2_stp", "lanhdao_phuxuan",
        "cntt_phuxuan", "bbt_phuxuan",
    ])}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=["stp", "phuxuan", "vpubnd"])}
    if len(people) < 10 or len(units) < 3:
        out.write("Hồ sơ mẫu: bỏ qua (chưa có tài khoản, đơn vị mẫu)")
        return
    p, stp = people, units["stp"]
    now = timezone.now()
    made = 0

    question_path = [
        ("bbt_cong", "screen", {}),
        (None, "batch", {}),  # the 10:00 / 16:00 batch moves the screened question to the office (App. V 1)
        ("lanhdao_vp", "assign", {"holder": p["cv_vp"]}),
        ("cv_vp", "consult", {"holder": p["lanhdao_tinh"], "comment": "Kính xin ý kiến chỉ đạo."}),
        ("lanhdao_tinh", "reply", {"comment": "Giao Sở Tư pháp trả lời."}),
        ("cv_vp", "forward", {"target_unit": stp}),
        ("lanhdao_stp", "assign", {"holder": p["cv_stp"], "coordinators": [p["cv2_stp"]]}),
        ("cv_stp", "submit_draft", {"answer": ANSWER}),
        ("lanhdao_stp", "approve", {}),
        ("cv_vp", "publish", {}),
    ]
    # One question stopped after each number of actions (every step), three more published,
    # and two forwarded long ago and still open (overdue).
    plans = [(n, 2 + n) for n in range(len(question_path) + 1)] + [(len(question_path), 6), (len(question_path), 9),
                                                                   (len(question_path), 12), (6, 25), (7, 30)]
    for index, (steps, days_ago) in enumerate(plans):
        code = _code("HD", index)
        if Case.objects.filter(code=code).exists():
            continue
        title, field = QUESTIONS[index % len(QUESTIONS)]
        start = now - dt.timedelta(days=days_ago)
        case = services.submit_question(name="Nguyễn Văn Dân", phone="0905 000 111", email="", address="Huế", field=field,
                                        title=title, question=f"Xin hỏi: {title.lower()} được quy định thế nào?")
        _rename(case, code, start)
        _walk(case, question_path[:steps], p, start)
        made += 1
    code = _code("HD", 99)
    if not Case.objects.filter(code=code).exists():
        case = services.submit_question(name="Ẩn danh", phone="0905 000 222", email="", address="", field="khac",
                                        title="Quảng cáo dịch vụ", question="Nội dung quảng cáo không phải câu hỏi.")
        _rename(case, code, now - dt.timedelta(days=3))
        _walk(case, [("bbt_cong", "reject", {"comment": "Không phải câu hỏi."})], p, now - dt.timedelta(days=3))
        made += 1
    # HCMC Art. 12: a question asking again what a published one answered, linked to it by the office specialist.
    code, answered = _code("HD", 98), Case.objects.filter(code=_code("HD", len(question_path))).first()
    if answered is not None and not Case.objects.filter(code=code).exists():
        case = services.submit_question(name="Trần Thị Hỏi Lại", phone="0905 000 333", email="", address="Huế", field=answered.field,
                                        title=answered.title, question=f"Cho tôi hỏi lại: {answered.title.lower()}?")
        _rename(case, code, now - dt.timedelta(days=2))
        _walk(case, question_path[:3], p, now - dt.timedelta(days=2))
        from intranet.cover.services import link_duplicate

        link_duplicate(case, p["cv_vp"], original_code=answered.code, reason="Cùng nội dung với câu hỏi đã được trả lời.")
        made += 1

    # Press: a digest for today and the items leaders picked, one per step, one overdue.
    today = timezone.localdate()
    digest = PressDigest.objects.filter(date=today).first()
    if digest is None:
        digest = services.post_press_digest(p["bbt_cong"], date=today, title=f"Điểm tin báo chí ngày {today:%d/%m/%Y}", items=[
            {"title": "Người dân phản ánh ô nhiễm sông An Cựu", "source": "Báo Thanh Niên", "url": "https://thanhnien.vn/",
             "summary": "Nước sông đổi màu, bốc mùi tại đoạn qua phường Phú Xuân."},
            {"title": "Chậm cấp sổ đỏ tại dự án khu đô thị", "source": "Báo Tuổi Trẻ", "url": "https://tuoitre.vn/",
             "summary": "Nhiều hộ dân chờ cấp giấy chứng nhận quá hạn."},
            {"title": "Khai trương tuyến xe buýt số 12", "source": "Báo Thừa Thiên Huế", "url": "https://baothuathienhue.vn/",
             "summary": "Tuyến xe buýt mới nối trung tâm với sân bay Phú Bài."},
        ])
    press_path = [
        ("lanhdao_stp", "assign", {"holder": p["cv_stp"]}),
        ("cv_stp", "submit_draft", {"answer": "Đã kiểm tra thực tế và xử lý vi phạm."}),
        ("lanhdao_stp", "approve", {}),
        ("cv_vp", "confirm", {}),
    ]
    items = list(digest.items.all())
    for index, (steps, days_ago) in enumerate([(0, 1), (1, 2), (2, 3), (3, 4), (4, 8), (1, 20)]):
        code = _code("BN", index)
        if Case.objects.filter(code=code).exists() or not items:
            continue
        start = now - dt.timedelta(days=days_ago)
        case = services.pick_press_item(items[index % len(items)], p["lanhdao_tinh"], agency=stp, overseer=p["cv_vp"],
                                        comment="Đề nghị kiểm tra, xử lý và báo cáo.")
        _rename(case, code, start)
        _walk(case, press_path, p, start, limit=steps)
        made += 1

    # Voter opinions: a ward's summary. Beyond the ward's authority its chair moves them up (App. VI III.2.a: a level
    # forwards only to its own agencies); the province office then forwards to the department, which answers.
    voter_path = [
        ("lanhdao_phuxuan", "escalate", {"comment": "Thuộc thẩm quyền giải quyết của UBND thành phố."}),
        ("cv_vp", "forward", {"target_unit": stp}),
        ("lanhdao_stp", "assign", {"holder": p["cv_stp"]}),
        ("cv_stp", "submit_draft", {"answer": ANSWER}),
        ("lanhdao_stp", "approve", {}),
        ("cv_vp", "publish", {}),
    ]
    escalated_path = [("lanhdao_phuxuan", "escalate", {"comment": "Vượt thẩm quyền của phường."}),
                      ("cv_vp", "forward", {"target_unit": stp, "hard": True})]
    plans = [(voter_path, n, 2 + n) for n in range(len(voter_path) + 1)] + [(escalated_path, 1, 3), (escalated_path, 2, 25)]
    pending = [(index, plan) for index, plan in enumerate(plans) if not Case.objects.filter(code=_code("CT", index)).exists()]
    if pending:
        summary = services.enter_voter_summary(
            p["lanhdao_phuxuan"], unit=units["phuxuan"], title="Báo cáo tổng hợp ý kiến cử tri trước kỳ họp thứ 5",
            session="Kỳ họp thứ 5, HĐND phường Phú Xuân", received_on=today,
            opinions=[{"title": f"Ý kiến cử tri số {index + 1}: {QUESTIONS[index % len(QUESTIONS)][0]}",
                       "body": f"Cử tri đề nghị làm rõ: {QUESTIONS[index % len(QUESTIONS)][0].lower()}.",
                       "field": QUESTIONS[index % len(QUESTIONS)][1], "voters": "Cử tri tổ dân phố 3", "place": "Phú Xuân"}
                      for index, _plan in pending],
        )
        for case, (index, (path, steps, days_ago)) in zip(summary.opinions.order_by("pk"), pending, strict=True):
            start = now - dt.timedelta(days=days_ago)
            _rename(case, _code("CT", index), start)
            _walk(case, path, p, start, limit=steps)
            made += 1

    # One opinion a voter raised at the ward's reception, entered alone in the form (no council summary), at intake.
    single = _code("CT", 900)
    if not Case.objects.filter(code=single).exists():
        case = services.enter_voter_opinion(p["lanhdao_phuxuan"], unit=units["phuxuan"], opinion={
            "title": "Đề nghị lắp đèn chiếu sáng kiệt 45 Nguyễn Huệ", "field": "xay-dung",
            "body": "Cử tri phản ánh kiệt 45 Nguyễn Huệ không có đèn chiếu sáng, đề nghị phường lắp đặt.",
            "voters": "Cử tri tổ dân phố 7", "place": "Phú Xuân", "session": "Tiếp xúc cử tri chuyên đề", "received_on": today})
        _rename(case, single, now - dt.timedelta(hours=3))
        made += 1

    # IT incidents at the ward: one stopped at each QT-05 step, one overdue.
    it_path = [
        ("cntt_phuxuan", "classify", {"extra": {"category": "Thiết bị ngoại vi (máy in, máy quét)", "severity": "Trung bình"}}),
        ("cntt_phuxuan", "plan", {"extra": {"plan": "Thay cụm sấy", "cost": 950000}}),
        ("cntt_phuxuan", "submit", {}),
        ("lanhdao_phuxuan", "approve", {}),
        ("cntt_phuxuan", "complete", {"extra": {"vendor": "Công ty TNHH Tin học Huế", "test_result": "In thử đạt"}}),
        ("cntt_phuxuan", "handover", {"extra": {"receiver": "Lý Thị Nga", "documents": "Hóa đơn 0012"}}),
        ("bbt_phuxuan", "confirm_handover", {}),  # B7: the requesting officer confirms in the system
    ]
    for index, (steps, days_ago) in enumerate([(n, 1 + n) for n in range(len(it_path) + 1)] + [(2, 12)]):
        code = _code("CN", index)
        if Case.objects.filter(code=code).exists():
            continue
        start = now - dt.timedelta(days=days_ago)
        case = services.report_it_incident(p["bbt_phuxuan"], title=["Máy in không in được", "Mất kết nối mạng phòng họp",
                                                                     "Máy tính không khởi động"][index % 3],
                                           body="Sự cố phát sinh trong giờ làm việc, cần khắc phục.")
        _rename(case, code, start)
        _walk(case, it_path, p, start, limit=steps)
        made += 1
    # QT-05 B1 by phone: the ward's IT staff logged it for the officer who called.
    code = _code("CN", 60)
    if not Case.objects.filter(code=code).exists():
        case = services.log_it_incident_for(p["cntt_phuxuan"], p["bbt_phuxuan"], how="phone", title="Máy chiếu phòng họp không lên hình",
                                            body="Công chức gọi điện báo trước cuộc họp 14 giờ.")
        _rename(case, code, now - dt.timedelta(hours=2))
        made += 1
    out.write(f"Hồ sơ mẫu: thêm {made} (tổng {Case.objects.count()})")


def _rename(case: Case, code: str, start: dt.datetime) -> None:
    """A fixed code (idempotence) and the moment it arrived, so deadlines fall in the past for some."""
    Case.objects.filter(pk=case.pk).update(code=code, created_at=start, step_started_at=start)
    Case.objects.filter(pk=case.pk, clock_started_at__isnull=False).update(clock_started_at=start)
    case.events.filter(action="open").update(created_at=start)
    services.recompute_open_deadlines(Case.objects.filter(pk=case.pk))
    case.refresh_from_db()


def _walk(case: Case, path, people, start: dt.datetime, limit: int | None = None) -> None:
    for step, (username, action, params) in enumerate(path[:limit] if limit is not None else path, start=1):
        if username is None:
            services.forward_screened_questions(start + dt.timedelta(hours=3 * step), only=case)
            continue
        services.perform(case, people[username], action, ActionInput(**params), now=start + dt.timedelta(hours=3 * step))
