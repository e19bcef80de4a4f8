"""App. VII screens: units register and report; the province office aggregates, issues and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
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
from .forms import PeriodForm, PeriodicReportForm, ProvinceReportForm, RegistrationForm, TaskReportForm
from .models import PeriodicReport, PeriodKind, ProgramTask, ProvinceProgram, ProvinceReport, Registration, RegistrationItem


def _my_units(user):
    if is_sysadmin(user):
        return Unit.objects.active()
    return (units_with_role(user, Role.SPECIALIST) | units_with_role(user, Role.LEADER, inherited=True)).active().distinct()


def _office_only(user):
    if not is_province_office(user):
        raise PermissionDenied


QUERY_NAMES = {"period_kind": "ky", "year": "nam", "month": "thang", "week": "tuan", "quarter": "quy", "title": "ten", "due_on": "han"}


def _period(request) -> dict:
    """The period named in the query string (?ky=week|month|quarter|year|adhoc&nam=&thang=&tuan=&quy=&ten=&han=), this month by default."""
    today = timezone.localdate()
    defaults = {"period_kind": PeriodKind.MONTH, "year": today.year, "month": today.month, "week": today.isocalendar().week,
                "quarter": (today.month - 1) // 3 + 1}
    form = PeriodForm({name: request.GET.get(query, defaults.get(name, "")) for name, query in QUERY_NAMES.items()}, require_due_on=False)
    if not form.is_valid():
        return services.period_fields(PeriodKind.MONTH, today.year, today.month)
    return form.period()


def period_query(period: dict) -> str:
    """The query string naming ``period`` (for links and exports)."""
    return urlencode({QUERY_NAMES[name]: value for name, value in period.items() if value not in (None, "", 0) or name == "year"})


def _key(period: dict) -> dict:
    return {name: value for name, value in period.items() if name != "due_on"}


def _label(period: dict) -> str:
    return ProvinceProgram(**period).period_label


@login_required
def index(request):
    units = _my_units(request.user)
    tasks = (
        ProgramTask.objects.filter(unit__in=units, program__status=ProvinceProgram.Status.ISSUED)
        .select_related("program", "unit").order_by("-program__year", "-program__month", "unit__path", "pk")
    )
    page = Paginator(tasks, 25).get_page(request.GET.get("trang"))
    numbers = tasks.aggregate(awaiting=Count("pk", filter=Q(reported_at__isnull=True)), reported=Count("pk", filter=Q(reported_at__isnull=False)))
    task_counts = {label: numbers[name] for name, label in (("awaiting", _("Chờ báo cáo kết quả")), ("reported", _("Đã báo cáo"))) if numbers[name]}
    calendar = get_calendar()
    led = units_with_role(request.user, Role.LEADER, inherited=True)
    personal = Registration.objects.filter(Q(owner=request.user) | Q(owner__isnull=False, unit__in=led)).select_related("unit", "owner")
    context = {
        "registrations": Registration.objects.filter(unit__in=units, owner__isnull=True).select_related("unit")[:50],
        "personal": personal.prefetch_related("items")[:50],
        "reports": [(report, grade, Status.LABELS[grade]) for report in PeriodicReport.objects.filter(unit__in=units).select_related("unit")[:50]
                    for grade in [report.grade(calendar)]],
        "tasks": [(task, status, Status.LABELS[status]) for task in page for status in [services.task_status(task, calendar=calendar)]],
        "pager": page,
        "task_counts": task_counts,
        "programs": ProvinceProgram.objects.filter(status=ProvinceProgram.Status.ISSUED)[:12],
        "province_reports": (ProvinceReport.objects.all() if is_province_office(request.user)
                             else ProvinceReport.objects.filter(status=ProvinceReport.Status.ISSUED))[:12],
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
            services.register(data["unit"], request.user, items=data["items"], personal=data["personal"], **form.period())
        except services.ProgramError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã đăng ký chương trình công tác %(period)s.") % {"period": _label(form.period())})
            return redirect("programs")
    return render(request, "programs/form.html", {"form": form, "heading": _("Đăng ký chương trình công tác")})


@login_required
def aggregate(request):
    """App. VII.I.2: every unit's registration for the period, to pick from for the province's draft."""
    _office_only(request.user)
    period = _period(request)
    if request.method == "POST":
        item_ids = [int(pk) for pk in request.POST.getlist("item") if pk.isdigit()]
        if not item_ids:
            messages.error(request, _("Chọn ít nhất một nội dung để đưa vào dự thảo."))
        else:
            try:
                program = services.draft_program(item_ids=item_ids, **period)
            except services.ProgramError as error:
                messages.error(request, str(error))
            else:
                return redirect("program_detail", pk=program.pk)
    items = RegistrationItem.objects.filter(
        registration__owner__isnull=True, **{f"registration__{name}": value for name, value in _key(period).items()}
    ).select_related("registration__unit").order_by("registration__unit__path", "sort_order")
    registered = {item.registration.unit_id for item in items}
    missing = Unit.objects.active().filter(depth=2).exclude(pk__in=registered)
    program = ProvinceProgram.objects.filter(**_key(period)).first()
    chosen = set(program.tasks.values_list("source_item_id", flat=True)) if program else set()
    return render(request, "programs/aggregate.html", {
        "items": items, "missing": missing, "program": program, "chosen": chosen,
        "period": period, "period_label": _label(period), "kinds": PeriodKind.choices,
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


def _step(request, obj, action, success: str, detail: str):
    """Run the service ``action`` on ``obj`` (a programme or the province report); its refusal becomes the message."""
    try:
        obj = action(obj, request.user)
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success % {"title": obj, "number": getattr(obj, "number", "")})
    return redirect(detail, pk=obj.pk)


@login_required
@require_POST
def program_submit(request, pk: int):
    """App. VII.I.2: the office submits the draft to the province's leaders."""
    _office_only(request.user)
    program = get_object_or_404(ProvinceProgram, pk=pk)
    return _step(request, program, services.submit_program, _("Đã trình %(title)s để lãnh đạo UBND tỉnh ban hành."), "program_detail")


@login_required
@require_POST
def program_issue(request, pk: int):
    if not can_issue_province_program(request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh ban hành chương trình công tác."))
    program = get_object_or_404(ProvinceProgram, pk=pk)
    return _step(request, program, services.issue, _("Đã ban hành %(title)s; nhiệm vụ đã chuyển đến các đơn vị."), "program_detail")


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
            f"bao-cao-chuong-trinh-{program.period_slug()}.xlsx", _("Báo cáo"),
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
        report = services.submit_periodic_report(data["unit"], request.user, content=data["content"], **form.period())
        messages.success(request, _("Đã gửi báo cáo công tác %(period)s.") % {"period": report.period_label})
        return redirect("programs")
    return render(request, "programs/form.html", {"form": form, "heading": _("Gửi báo cáo công tác định kỳ")})


@login_required
def periodic_aggregate(request):
    """App. VII.II.2: the regular reports of a level's units for the period, graded, missing ones listed.

    Every level (App. VII b: each unit runs its own reporting): the province office sees the province's
    units; a unit's leader sees the unit's own sub-units (``?don-vi=``)."""
    scope = _report_scope(request)
    period = _period(request)
    children = Unit.objects.active().filter(path__startswith=scope.path, depth=scope.depth + 1)
    reports = list(PeriodicReport.objects.filter(unit__in=children, **_key(period)).select_related("unit"))
    calendar = get_calendar()
    for report in reports:
        report.grade_code = report.grade(calendar)
        report.grade_label = Status.LABELS[report.grade_code]
    due_at = _period_due(period, reports, calendar)
    missing = children.exclude(pk__in=[r.unit_id for r in reports])
    overdue = due_at is not None and timezone.now() > due_at
    label = _label(period)
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(
            f"bao-cao-cong-tac-{ProvinceProgram(**period).period_slug()}.xlsx", _("Báo cáo định kỳ"),
            [_("STT"), _("Đơn vị"), _("Nội dung báo cáo"), _("Gửi lúc"), _("Tình trạng")],
            [[n, r.unit.name, r.content, r.submitted_at, str(r.grade_label)] for n, r in enumerate(reports, 1)]
            + [[None, unit.name, _("Chưa gửi báo cáo"), None, _("Quá hạn") if overdue else _("Trong hạn")] for unit in missing],
        )
    province_report = ProvinceReport.objects.filter(**_key(period)).first() if scope.depth == 1 else None
    return render(request, "programs/periodic_aggregate.html", {
        "reports": reports, "missing": missing, "due_at": due_at, "period": period, "query": period_query(period),
        "period_label": label, "overdue": overdue, "scope": scope, "kinds": PeriodKind.choices,
        "province_report": province_report, "can_draft": scope.depth == 1 and is_province_office(request.user),
    })


def _period_due(period: dict, reports, calendar):
    """The period's report deadline; an ad-hoc request's is the one its reports were given (none yet: the one asked for)."""
    if period["period_kind"] != PeriodKind.ADHOC:
        return services.period_due(ProvinceProgram(**period), calendar)
    if reports:
        return reports[0].due_at
    return services.period_due(ProvinceProgram(**period), calendar) if period["due_on"] else None


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


# -- the province's report (App. VII.II.2) -----------------------------------------------------------------
@login_required
@require_POST
def province_report_draft(request):
    """The office opens the province's report for the period named in the query string, pre-filled from the units'."""
    _office_only(request.user)
    period = _period(request)
    if period["period_kind"] == PeriodKind.ADHOC and not period["due_on"]:
        sent = PeriodicReport.objects.filter(**_key(period)).exclude(due_on=None).first()
        period["due_on"] = sent.due_on if sent else None
        if period["due_on"] is None:
            messages.error(request, _("Chưa có đơn vị nào gửi báo cáo đột xuất này."))
            return redirect(f"{reverse('periodic_aggregate')}?{period_query(period)}")
    report = services.draft_province_report(request.user, **period)
    return redirect("province_report", pk=report.pk)


def _province_report_or_404(request, pk: int) -> ProvinceReport:
    """A draft is the office's (and the province leaders', once submitted); an issued report any officer of a unit may read."""
    report = get_object_or_404(ProvinceReport, pk=pk)
    if is_province_office(request.user) or report.is_issued and _my_units(request.user).exists():
        return report
    raise Http404


@login_required
def province_report(request, pk: int):
    report = _province_report_or_404(request, pk)
    office = is_province_office(request.user)
    editable = office and report.status == ProvinceReport.Status.DRAFT
    form = ProvinceReportForm(request.POST or None, initial={"content": report.content})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Báo cáo đã trình hoặc đã ban hành, không thể sửa."))
        if form.is_valid():
            services.edit_province_report(report, request.user, content=form.cleaned_data["content"])
            messages.success(request, _("Đã lưu dự thảo báo cáo."))
            return redirect("province_report", pk=report.pk)
    period = {**report.period_key(), "due_on": report.due_on}
    reports, missing = services.units_reports(period)
    return render(request, "programs/province_report.html", {
        "report": report, "form": form if editable else None, "is_office": office, "reports": reports, "missing": missing,
        "can_issue": can_issue_province_program(request.user) and report.status == ProvinceReport.Status.SUBMITTED,
        "query": period_query(period),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def province_report_submit(request, pk: int):
    _office_only(request.user)
    report = get_object_or_404(ProvinceReport, pk=pk)
    return _step(request, report, services.submit_province_report, _("Đã trình %(title)s để lãnh đạo UBND tỉnh ban hành."),
                 "province_report")


@login_required
@require_POST
def province_report_issue(request, pk: int):
    if not can_issue_province_program(request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh ban hành báo cáo công tác của UBND tỉnh."))
    report = get_object_or_404(ProvinceReport, pk=pk)
    return _step(request, report, services.issue_province_report, _("Đã ban hành %(title)s, số %(number)s."), "province_report")
