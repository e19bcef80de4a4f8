"""Demo work programs (App. VII): this month's registrations, the province's issued program, a few
results, last month's regular reports; this week's programme of a department and one officer's own;
last month's province report issued, last week's still a draft. Idempotent: a second run changes nothing."""

import datetime as dt

from django.utils import timezone

from intranet.accounts.models import User
from intranet.units.models import Unit

from . import services
from .models import PeriodicReport, ProvinceProgram, ProvinceReport, Registration, RegistrationItem

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
    _weeks_and_province_reports(today, units, office, last_month)
    out.write(f"Chương trình công tác mẫu: {Registration.objects.count()} đăng ký, {ProvinceProgram.objects.count()} chương trình, "
              f"{ProvinceReport.objects.count()} báo cáo của UBND tỉnh")


def _weeks_and_province_reports(today, units, office, last_month) -> None:
    week = today.isocalendar()
    officer = User.objects.filter(username="cv_stp").first()
    if not Registration.objects.filter(unit=units["stp"], owner=None, period_kind="week", year=week.year, week=week.week).exists():
        services.register(units["stp"], office, period_kind="week", year=week.year, week=week.week,
                          items=["Họp giao ban lãnh đạo Sở sáng thứ Hai", "Thẩm định dự thảo quyết định về giá đất"])
    if officer and not Registration.objects.filter(owner=officer, period_kind="week", year=week.year, week=week.week).exists():
        services.register(units["stp"], officer, period_kind="week", year=week.year, week=week.week, personal=True,
                          items=["Hoàn thiện báo cáo rà soát văn bản quy phạm pháp luật", "Dự họp Hội đồng phối hợp phổ biến pháp luật chiều thứ Tư"])
    # Last month: the units' reports (above) added up, submitted and issued by a province leader.
    leader = User.objects.filter(username="lanhdao_tinh").first()
    month = services.period_fields("month", last_month.year, last_month.month)
    if leader and not ProvinceReport.objects.filter(period_kind="month", year=last_month.year, month=last_month.month).exists():
        report = services.draft_province_report(office, **month)
        services.submit_province_report(report, office)
        services.issue_province_report(report, leader)
    # Last week: one department's weekly report in, the office's draft still open.
    last = (today - dt.timedelta(days=7)).isocalendar()
    if not PeriodicReport.objects.filter(unit=units["stp"], period_kind="week", year=last.year, week=last.week).exists():
        services.submit_periodic_report(units["stp"], officer or office, period_kind="week", year=last.year, week=last.week,
                                        content="Tuần qua Sở Tư pháp thẩm định 4 dự thảo văn bản, tiếp 12 lượt công dân.")
    if not ProvinceReport.objects.filter(period_kind="week", year=last.year, week=last.week).exists():
        services.draft_province_report(office, **services.period_fields("week", last.year, week=last.week))
