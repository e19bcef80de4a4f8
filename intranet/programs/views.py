"""App. VII screens: units register and report; the province office aggregates, issues and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.accounts.models import Role
from intranet.accounts.permissions import (
    can_issue_province_program,
    can_report_for_unit,
    is_leader_of,
    is_province_office,
    is_sysadmin,
    units_with_role,
)
from intranet.units.models import Unit
from intranet.workdays.calendar import Status, get_calendar

from . import services
from .export import xlsx_response
from .forms import PeriodForm, PeriodicReportForm, RegistrationForm, TaskReportForm
from .models import PeriodicReport, PeriodKind, ProgramTask, ProvinceProgram, Registration, RegistrationItem


def _my_units(user):
    if is_sysadmin(user):
        return Unit.objects.active()
    return (units_with_role(user, Role.SPECIALIST) | units_with_role(user, Role.LEADER, inherited=True)).active().distinct()


def _office_only(user):
    if not is_province_office(user):
        raise PermissionDenied


def _period(request) -> tuple[str, int, int]:
    """The period named in the query string (?ky=month|year&nam=&thang=), this month by default."""
    today = timezone.localdate()
    form = PeriodForm({"period_kind": request.GET.get("ky", PeriodKind.MONTH), "year": request.GET.get("nam", today.year),
                       "month": request.GET.get("thang", today.month)})
    if not form.is_valid():
        return PeriodKind.MONTH, today.year, today.month
    return form.cleaned_data["period_kind"], form.cleaned_data["year"], form.cleaned_data["month"]


def _label(period_kind, year, month) -> str:
    return ProvinceProgram(period_kind=period_kind, year=year, month=month).period_label


@login_required
def index(request):
    units = _my_units(request.user)
    tasks = (
        ProgramTask.objects.filter(unit__in=units, program__status=ProvinceProgram.Status.ISSUED)
        .select_related("program", "unit").order_by("-program__year", "-program__month", "unit__path", "pk")
    )
    page = Paginator(tasks, 25).get_page(request.GET.get("trang"))
    calendar = get_calendar()
    context = {
        "registrations": Registration.objects.filter(unit__in=units).select_related("unit")[:50],
        "reports": [(report, grade, Status.LABELS[grade]) for report in PeriodicReport.objects.filter(unit__in=units).select_related("unit")[:50]
                    for grade in [report.grade(calendar)]],
        "tasks": [(task, status, Status.LABELS[status]) for task in page for status in [services.task_status(task, calendar=calendar)]],
        "pager": page,
        "programs": ProvinceProgram.objects.filter(status=ProvinceProgram.Status.ISSUED)[:12],
        "is_office": is_province_office(request.user),
        "labels": Status.LABELS,
    }
    return render(request, "programs/index.html", context)


@login_required
def register(request):
    units = _my_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register(data["unit"], request.user, period_kind=data["period_kind"], year=data["year"], month=data["month"], items=data["items"])
        except services.ProgramError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã đăng ký chương trình công tác %(period)s.") % {"period": _label(data["period_kind"], data["year"], data["month"])})
            return redirect("programs")
    return render(request, "programs/form.html", {"form": form, "heading": _("Đăng ký chương trình công tác")})


@login_required
def aggregate(request):
    """App. VII.I.2: every unit's registration for the period, to pick from for the province's draft."""
    _office_only(request.user)
    period_kind, year, month = _period(request)
    if request.method == "POST":
        item_ids = [int(pk) for pk in request.POST.getlist("item") if pk.isdigit()]
        if not item_ids:
            messages.error(request, _("Chọn ít nhất một nội dung để đưa vào dự thảo."))
        else:
            try:
                program = services.draft_program(period_kind=period_kind, year=year, month=month, item_ids=item_ids)
            except services.ProgramError as error:
                messages.error(request, str(error))
            else:
                return redirect("program_detail", pk=program.pk)
    items = RegistrationItem.objects.filter(
        registration__period_kind=period_kind, registration__year=year, registration__month=month
    ).select_related("registration__unit").order_by("registration__unit__path", "sort_order")
    registered = {item.registration.unit_id for item in items}
    missing = Unit.objects.active().filter(depth=2).exclude(pk__in=registered)
    program = ProvinceProgram.objects.filter(period_kind=period_kind, year=year, month=month).first()
    chosen = set(program.tasks.values_list("source_item_id", flat=True)) if program else set()
    return render(request, "programs/aggregate.html", {
        "items": items, "missing": missing, "program": program, "chosen": chosen,
        "period": (period_kind, year, month), "period_label": _label(period_kind, year, month),
    })


@login_required
def program_detail(request, pk: int):
    program = get_object_or_404(ProvinceProgram, pk=pk)
    office = is_province_office(request.user)
    if not office and not program.is_issued:
        raise Http404
    tasks = program.tasks.select_related("unit", "source_item")
    if not office:
        tasks = tasks.filter(unit__in=_my_units(request.user))
    rows = [(task, services.task_status(task)) if program.is_issued else (task, "") for task in tasks]
    return render(request, "programs/program.html", {
        "program": program, "rows": rows, "is_office": office, "labels": Status.LABELS,
        "can_issue": can_issue_province_program(request.user), "submitted": program.status == ProvinceProgram.Status.SUBMITTED,
    })


@login_required
@require_POST
def program_submit(request, pk: int):
    """App. VII.I.2: the office submits the draft to the province's leaders."""
    _office_only(request.user)
    program = get_object_or_404(ProvinceProgram, pk=pk)
    try:
        services.submit_program(program, request.user)
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã trình %(program)s để lãnh đạo UBND tỉnh ban hành.") % {"program": program})
    return redirect("program_detail", pk=program.pk)


@login_required
@require_POST
def program_issue(request, pk: int):
    if not can_issue_province_program(request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh ban hành chương trình công tác."))
    program = get_object_or_404(ProvinceProgram, pk=pk)
    try:
        services.issue(program, request.user, number=request.POST.get("number", "")[:100])
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã ban hành %(program)s; nhiệm vụ đã chuyển đến các đơn vị.") % {"program": program})
    return redirect("program_detail", pk=program.pk)


@login_required
def task_report(request, pk: int):
    task = get_object_or_404(ProgramTask.objects.select_related("program", "unit"), pk=pk, program__status=ProvinceProgram.Status.ISSUED)
    if not can_report_for_unit(request.user, task.unit):
        raise Http404  # another unit's task: not even its existence is shown
    form = TaskReportForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        services.report_task(task, request.user, progress=form.cleaned_data["progress"], result=form.cleaned_data["result"])
        messages.success(request, _("Đã gửi báo cáo kết quả thực hiện nhiệm vụ."))
        return redirect("programs")
    return render(request, "programs/form.html", {"form": form, "heading": _("Báo cáo kết quả: %(task)s") % {"task": task.title}, "task": task})


@login_required
def program_report(request, pk: int):
    """App. VII.I.3: the units' results added up into the province's report; XLSX for the office."""
    _office_only(request.user)
    program = get_object_or_404(ProvinceProgram, pk=pk, status=ProvinceProgram.Status.ISSUED)
    rows = [(task, services.task_status(task)) for task in program.tasks.select_related("unit")]
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(
            f"bao-cao-chuong-trinh-{program.year}-{program.month:02d}.xlsx", _("Báo cáo"),
            [_("STT"), _("Đơn vị"), _("Nhiệm vụ"), _("Kết quả"), _("Báo cáo kết quả"), _("Báo cáo lúc"), _("Tình trạng")],
            [[n, t.unit.name, t.title, t.get_progress_display(), t.result, t.reported_at, str(Status.LABELS[s])] for n, (t, s) in enumerate(rows, 1)],
        )
    summary = {key: sum(1 for _t, s in rows if s == key) for key in Status.LABELS}
    return render(request, "programs/program_report.html", {"program": program, "rows": rows, "summary": summary, "labels": Status.LABELS})


@login_required
def periodic_submit(request):
    units = _my_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = PeriodicReportForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = services.submit_periodic_report(
            data["unit"], request.user, period_kind=data["period_kind"], year=data["year"], month=data["month"], content=data["content"]
        )
        messages.success(request, _("Đã gửi báo cáo công tác %(period)s.") % {"period": report.period_label})
        return redirect("programs")
    return render(request, "programs/form.html", {"form": form, "heading": _("Gửi báo cáo công tác định kỳ")})


@login_required
def periodic_aggregate(request):
    """App. VII.II.2: the regular reports of a level's units for the period, graded, missing ones listed.

    Every level (App. VII b: each unit runs its own reporting): the province office sees the province's
    units; a unit's leader sees the unit's own sub-units (``?don-vi=``)."""
    scope = _report_scope(request)
    period_kind, year, month = _period(request)
    children = Unit.objects.active().filter(path__startswith=scope.path, depth=scope.depth + 1)
    reports = list(PeriodicReport.objects.filter(period_kind=period_kind, year=year, month=month, unit__in=children).select_related("unit"))
    calendar = get_calendar()
    for report in reports:
        report.grade_code = report.grade(calendar)
        report.grade_label = Status.LABELS[report.grade_code]
    due_at = services.report_due(period_kind, year, month)
    missing = children.exclude(pk__in=[r.unit_id for r in reports])
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(
            f"bao-cao-cong-tac-{year}-{month:02d}.xlsx", _("Báo cáo định kỳ"),
            [_("STT"), _("Đơn vị"), _("Nội dung báo cáo"), _("Gửi lúc"), _("Tình trạng")],
            [[n, r.unit.name, r.content, r.submitted_at, str(r.grade_label)] for n, r in enumerate(reports, 1)]
            + [[None, unit.name, _("Chưa gửi báo cáo"), None, _("Quá hạn") if timezone.now() > due_at else _("Trong hạn")] for unit in missing],
        )
    return render(request, "programs/periodic_aggregate.html", {
        "reports": reports, "missing": missing, "due_at": due_at, "period": (period_kind, year, month),
        "period_label": _label(period_kind, year, month), "overdue": timezone.now() > due_at, "scope": scope,
    })


def _report_scope(request) -> Unit:
    """The level whose units' reports are gathered: the province for its office, else a unit the user leads."""
    raw = request.GET.get("don-vi", "")
    if raw.isdigit():
        scope = Unit.objects.active().filter(pk=int(raw)).first()
        if scope is None or not (is_leader_of(request.user, scope) or (scope.depth == 1 and is_province_office(request.user))):
            raise PermissionDenied
        return scope
    if is_province_office(request.user):
        scope = Unit.objects.active().filter(depth=1).first()
    else:
        scope = units_with_role(request.user, Role.LEADER).active().filter(numchild__gt=0).order_by("depth").first()
    if scope is None:
        raise PermissionDenied
    return scope
