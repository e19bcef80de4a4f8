"""Demo work programs (App. VII): this month's registrations, the province's issued program, a few
results, and last month's regular reports. Idempotent: a second run changes nothing."""

import datetime as dt

from django.utils import timezone

from intranet.accounts.models import User
from intranet.units.models import Unit

from . import services
from .models import PeriodicReport, ProvinceProgram, Registration, RegistrationItem

REGISTRATIONS = {
    "stp": ["Rà soát, hệ thống hóa văn bản quy phạm pháp luật của thành phố", "Tập huấn nghiệp vụ hộ tịch cho công chức Tư pháp – Hộ tịch cấp xã"],
    "syt": ["Triển khai chiến dịch tiêm chủng mở rộng", "Kiểm tra an toàn thực phẩm dịp lễ hội"],
    "sgddt": ["Tổng kết năm học, chuẩn bị kỳ thi tốt nghiệp THPT"],
    "sdl": ["Chuẩn bị chương trình Festival Huế"],
}


def load(out) -> None:
    today = timezone.localdate()
    office = User.objects.filter(username="cv_vp").first()
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[*REGISTRATIONS, "snv", "stc"])}
    if office is None or len(units) < len(REGISTRATIONS):
        return
    for code, items in REGISTRATIONS.items():
        if not Registration.objects.filter(unit=units[code], period_kind="month", year=today.year, month=today.month).exists():
            services.register(units[code], office, period_kind="month", year=today.year, month=today.month, items=items)
    if not ProvinceProgram.objects.filter(period_kind="month", year=today.year, month=today.month).exists():
        chosen = RegistrationItem.objects.filter(registration__year=today.year, registration__month=today.month).exclude(registration__unit__code="sdl")
        program = services.draft_program(period_kind="month", year=today.year, month=today.month, item_ids=list(chosen.values_list("pk", flat=True)))
        program = services.submit_program(program, office)
        leader = User.objects.filter(username="lanhdao_tinh").first()
        if leader is None:
            return
        program = services.issue(program, leader)
        first = program.tasks.filter(unit__code="stp").first()
        reporter = User.objects.filter(username="cv_stp").first()
        if first and reporter:
            services.report_task(first, reporter, progress="in_progress", result="Đã rà soát 35/60 văn bản; dự kiến hoàn thành trước ngày 25.")
    # Next month's draft, submitted by the office and waiting for a province leader to issue it.
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    if not ProvinceProgram.objects.filter(period_kind="month", year=following.year, month=following.month).exists():
        draft = services.draft_program(period_kind="month", year=following.year, month=following.month, item_ids=[],
                                       extra=[(units["stp"], "Sơ kết công tác phổ biến, giáo dục pháp luật")])
        services.submit_program(draft, office)
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    for code in ["stp", "syt", "snv"]:
        if code in units and not PeriodicReport.objects.filter(unit=units[code], period_kind="month", year=last_month.year, month=last_month.month).exists():
            services.submit_periodic_report(
                units[code], office, period_kind="month", year=last_month.year, month=last_month.month,
                content=f"Báo cáo kết quả công tác tháng {last_month.month}/{last_month.year} của {units[code].name}.",
            )
    out.write(f"Chương trình công tác mẫu: {Registration.objects.count()} đăng ký, {ProvinceProgram.objects.count()} chương trình")
