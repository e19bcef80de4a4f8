"""Pages of the case engine: the public side (ask, look up, read answers) and the officers' side.

Views are thin: they parse input, ask ``intranet.accounts.permissions`` and call ``services``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from intranet.accounts import permissions
from intranet.accounts.models import Role
from intranet.cover import services as cover
from intranet.documents.services import find as find_document
from intranet.grading import periods
from intranet.units.models import Unit
from intranet.workdays.calendar import Status
from portal.ratelimits import PublicFormLimit, ratelimited
from portal.rows import day_moment
from portal.submissions import tracking as submission_tracking
from search.folding import fold

from . import dashboards, services
from .forms import (
    ActionForm,
    ExtensionForm,
    ITIncidentForOfficerForm,
    ITReportForm,
    PickPressItemForm,
    PressDigestForm,
    QuestionForm,
    VoterOpinionForm,
    VoterSummaryForm,
)
from .kinds import all_kinds, get_kind
from .models import Case, CaseEvent, Extension, Field, PressDigest, PressItem
from .spreadsheets import workbook_bytes

PUBLISHED_KINDS = ("question", "voter")
PUBLIC_LOOKUP_KINDS = PUBLISHED_KINDS  # /tra-cuu/ answers for these; IT and press cases are internal


def _limited(request, group: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key="ip", rate=rate, method=is_ratelimited.ALL, increment=True)


def _question_limit() -> PublicFormLimit:
    return PublicFormLimit("cases.ask", settings.CASES_QUESTION_RATE, settings.CASES_QUESTION_INVALID_RATE)


# -- public ------------------------------------------------------------------------------------------------
def ask(request):
    """/hoi-dap/gui-cau-hoi/: the citizen's question (App. V). Nothing is saved unless all of it is valid."""
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES)
        if refusal := _question_limit().refusal(request, form):
            return render(request, "cases/public/ask.html", {"form": form, "refusal": refusal}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            case = services.submit_question(
                name=data["name"], phone=data["phone"], email=data["email"], address=data["address"],
                field=data["field"], title=data["title"], question=data["question"], files=data["attachments"],
            )
            _question_limit().accepted(request)
            return render(request, "cases/public/ask_done.html", {"case": case})
    else:
        form = QuestionForm()
    return render(request, "cases/public/ask.html", {"form": form})


def lookup(request):
    """/tra-cuu/?ma=<code>: status and public timeline of any kind of case, never names or internal comments."""
    raw = request.GET.get("ma", "").strip()
    context, status = {"raw": raw}, 200
    if raw:
        if _limited(request, "cases.lookup", settings.CASES_LOOKUP_RATE):
            return ratelimited(request)
        code = services.normalise_code(raw)
        if code is None:
            context["error"], status = _("Mã tra cứu không đúng định dạng (ví dụ: HD-2026-7K3Q9)."), 400
        elif code.startswith(f"{submission_tracking.PREFIX}-"):  # what was sent to /gui-tin-bai/ (QT-07)
            found = submission_tracking.lookup_context(code)
            if found is None:
                context["error"], status = _("Không tìm thấy hồ sơ có mã %(code)s.") % {"code": code}, 404
            else:
                context.update(found)
        else:
            # Only what is public: citizens' questions and voter opinions, never internal IT or press cases.
            case = Case.objects.filter(code=code, kind__in=PUBLIC_LOOKUP_KINDS).only(
                "code", "kind", "title", "step", "created_at", "due_at", "closed_at", "published_at", "field"
            ).first()
            if case is None:
                context["error"], status = _("Không tìm thấy hồ sơ có mã %(code)s.") % {"code": code}, 404
            else:
                timeline = CaseEvent.objects.filter(case=case).exclude(public_label="").only("public_label", "created_at")
                context.update(case=case, timeline=list(timeline), status=case.step_def.public_label)
                context.update(cover.lookup_context(case))  # a duplicate shows the answer of the question it repeats
    return render(request, "cases/public/lookup.html", context, status=status)


def answers(request):
    """/hoi-dap/: published answers to questions and voter opinions; search and filter by field and agency."""
    cases = Case.objects.published().filter(kind__in=PUBLISHED_KINDS).select_related("agency").order_by("-published_at")
    query = request.GET.get("q", "").strip()[:200]
    field = request.GET.get("linh-vuc", "")
    agency = request.GET.get("co-quan", "")
    if query:
        for word in fold(query).split():
            cases = cases.filter(search_text__contains=word)
    if field in Field.values:
        cases = cases.filter(field=field)
    if agency.isdigit():
        cases = cases.filter(agency_id=int(agency))
    page = Paginator(cases.only("code", "kind", "title", "field", "published_at", "agency__name", "agency__short_name"), 20).get_page(
        request.GET.get("trang")
    )
    agencies = Unit.objects.filter(pk__in=Case.objects.published().filter(kind__in=PUBLISHED_KINDS).values("agency_id")).only("name")
    return render(request, "cases/public/answers.html", {
        "page": page, "query": query, "field": field, "agency": agency, "fields": Field.choices, "agencies": agencies,
    })


def answer_detail(request, code: str):
    case = get_object_or_404(Case.objects.published().filter(kind__in=PUBLISHED_KINDS).select_related("agency"), code=code.upper())
    return render(request, "cases/public/answer_detail.html", {"case": case})


# -- officers ------------------------------------------------------------------------------------------------
def _visible(user):
    return Case.objects.filter(permissions.case_visibility_filter(user))


def _get_case(request, code: str) -> Case:
    case = _visible(request.user).select_related("unit", "agency", "origin", "holder", "overseer", "main_handler").filter(code=code).first()
    if case is None:
        raise Http404(_("Không tìm thấy hồ sơ hoặc bạn không có quyền xem."))
    return case


LIST_FIELDS = (
    "code", "kind", "title", "step", "created_at", "due_at", "step_due_at", "done_at", "timeliness", "closed_at",
    "unit__name", "unit__short_name", "holder__first_name", "holder__last_name", "holder__username",
)


def _list_rows(cases) -> list[dict]:
    """What each row of the list prints, labels translated once per page, not per row (issue 18.3)."""
    now, labels, rows = timezone.now(), {}, []
    for case in cases:
        standing = case.standing(now)
        if (case.kind, case.step) not in labels:
            labels[case.kind, case.step] = str(case.step_def.label)
        if standing not in labels:
            labels[standing] = str(Status.LABELS[standing])
        rows.append({
            "url": case.get_absolute_url(), "code": case.code, "title": case.title, "step": labels[case.kind, case.step],
            "unit": (case.unit.short_name or case.unit.name) if case.unit else "",
            "holder": case.holder.get_full_name() if case.holder else None,
            "due": day_moment(case.due_at or case.step_due_at), "standing": standing, "standing_label": labels[standing],
        })
    return rows


@login_required
def case_list(request):
    """/ho-so/: every case the officer may see; ``?viec=cua-toi`` keeps those awaiting them."""
    cases = _visible(request.user)
    if request.GET.get("viec") == "cua-toi":
        cases = Case.objects.filter(permissions.case_actionable_filter(request.user))
    kind = request.GET.get("loai", "")
    if kind in {k.code for k in all_kinds()}:
        cases = cases.filter(kind=kind)
    if request.GET.get("buoc"):
        cases = cases.filter(step=request.GET["buoc"])
    if request.GET.get("trang-thai") == "dang-xu-ly":
        cases = cases.filter(closed_at__isnull=True)
    elif request.GET.get("trang-thai") == "qua-han":
        cases = cases.overdue()
    counts = {str(get_kind(code).label): number for code, number in cases.order_by("kind").values_list("kind").annotate(number=Count("pk", distinct=True))}
    # Only the columns a row shows: the database sorts every visible case to find a page, and the
    # bodies, answers and search text of a thousand cases made that sort ten times wider (issue 18.3).
    cases = cases.select_related("unit", "holder").only(*LIST_FIELDS).order_by("-created_at", "-pk")
    page = Paginator(cases, 25).get_page(request.GET.get("trang"))
    return render(request, "cases/case_list.html", {
        "page": page, "rows": _list_rows(page), "kinds": all_kinds(), "kind": kind, "counts": counts,
        "logs_it_for_others": permissions.holds_any_role(request.user, Role.IT_STAFF),
    })


@login_required
def case_detail(request, code: str):
    case = _get_case(request, code)
    actions = services.allowed_actions(case, request.user)
    forms = [(action, _action_form(case, action)) for action in actions]
    return render(request, "cases/case_detail.html", _detail_context(request, case, forms))


def _detail_context(request, case, forms, extension_form=None):
    kind = case.kind_def
    return {
        "case": case,
        "kind": kind,
        "step": case.step_def,
        "forms": forms,
        "events": case.events.prefetch_related("attachments"),
        "attachments": case.attachments.filter(event__action="open"),
        "explanation": services.explain_due(case),
        "step_explanation": services.explain_step_due(case),
        "participants": case.participants.select_related("user"),
        "extensions": case.extensions.select_related("requested_by", "decided_by"),
        "can_extend": case.is_open and case.due_at is not None and permissions.can_act_on_case(request.user, case),
        "can_decide": permissions.can_decide_extension(request.user, case),
        "extension_form": extension_form or ExtensionForm(),
        "printable": services.printable_forms(case) if kind.forms else [],
        "data_rows": _data_rows(case),
    }


def _data_rows(case) -> list[tuple[str, str]]:
    """What a kind records beyond the common fields (an IT plan, its cost…), with its labels."""
    from .templatetags.money import format_vnd

    actions = [action for step in case.kind_def.steps for action in step.actions]
    labels = {name: label for action in actions for name, label in action.extra}
    money = {name for action in actions for name in action.money}
    return [(str(labels.get(key, key)), format_vnd(value) if key in money else value) for key, value in case.data.items() if value]


def _action_form(case, action, data=None, files=None):
    holders = services.candidate_holders(case, action)
    coordinators = services.candidate_coordinators(case)
    return ActionForm(data, files, action=action, holders=holders, coordinators=coordinators, prefix=action.code)


@login_required
@require_POST
def case_action(request, code: str, action: str):
    case = _get_case(request, code)
    allowed = {a.code: a for a in services.allowed_actions(case, request.user)}
    if action not in allowed:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này ở bước hiện tại."))
    form = _action_form(case, allowed[action], request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        params = services.ActionInput(
            comment=data.get("comment", ""),
            answer=data.get("answer", ""),
            target_unit=data.get("target_unit"),
            holder=data.get("holder"),
            coordinators=list(data.get("coordinators") or []),
            hard=bool(data.get("hard")),
            extra=form.extra(),
            files=data.get("files") or [],
        )
        try:
            services.perform(case, request.user, action, params)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã thực hiện: %(label)s.") % {"label": allowed[action].label})
            return redirect(case.get_absolute_url())
    forms = [(a, form if a.code == action else _action_form(case, a)) for a in allowed.values()]
    return render(request, "cases/case_detail.html", _detail_context(request, case, forms), status=400)


@login_required
def print_form(request, code: str, slug: str):
    """QT-05's printable forms: the repair slip, the completion slip, the three-party handover record."""
    return render(request, f"cases/forms/{slug}.html", form_context(request, code, slug))


def form_context(request, code: str, slug: str) -> dict:
    case = _get_case(request, code)
    forms = dict(services.printable_forms(case))
    if slug not in forms:
        raise Http404(_("Biểu mẫu này chưa có cho hồ sơ."))
    events = {event.action: event for event in case.events.all()}
    return {"case": case, "title": forms[slug], "events": events, "data": case.data, "document": find_document(case, slug), "slug": slug}


@login_required
def report_it(request):
    """QT-05 B1 from the desk."""
    form = ITReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.report_it_incident(request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                                               files=form.cleaned_data["files"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã báo sự cố %(code)s tới bộ phận CNTT.") % {"code": case.code})
            return redirect(case.get_absolute_url())
    return render(request, "cases/simple_form.html", {"form": form, "heading": _("Báo sự cố công nghệ thông tin"), "multipart": True},
                  status=400 if form.errors else 200)


@login_required
def log_it_for_officer(request):
    """QT-05 B1 by phone or in person: IT staff log the incident for the officer (only of units they serve)."""
    reporters = permissions.it_reporters_for(request.user)
    if not reporters.exists():
        raise PermissionDenied(_("Chỉ bộ phận CNTT mới ghi nhận sự cố thay công chức."))
    form = ITIncidentForOfficerForm(request.POST or None, request.FILES or None, reporters=reporters.order_by("last_name", "first_name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.log_it_incident_for(request.user, data["reporter"], how=data["how"], title=data["title"], body=data["body"],
                                                files=data["files"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận sự cố %(code)s thay công chức.") % {"code": case.code})
            return redirect(case.get_absolute_url())
    return render(request, "cases/simple_form.html",
                  {"form": form, "heading": _("Ghi nhận sự cố CNTT thay công chức (qua điện thoại, trực tiếp)"), "multipart": True},
                  status=400 if form.errors else 200)


@login_required
def press_digests(request):
    """App. IV 1: the daily digests, shared to every officer; the portal board posts them here."""
    province = services.province_unit()
    can_post = province is not None and permissions.can_post_press_digest(request.user, province)
    form = PressDigestForm(request.POST or None, initial={"date": timezone.localdate(), "title": _("Điểm tin báo chí ngày %(d)s") % {
        "d": timezone.localdate().strftime("%d/%m/%Y")}})
    if request.method == "POST":
        if not can_post:
            raise PermissionDenied(_("Chỉ Ban biên tập Cổng TTĐT tỉnh mới đăng điểm tin báo chí."))
        if form.is_valid():
            digest = services.post_press_digest(request.user, date=form.cleaned_data["date"], title=form.cleaned_data["title"],
                                                items=form.cleaned_data["items"])
            messages.success(request, _("Đã đăng điểm tin."))
            return redirect(f"/ho-so/diem-bao/{digest.date:%Y-%m-%d}/")
    digests = PressDigest.objects.all()[:30]
    today = timezone.localdate()
    grading, grading_counts = services.press_digest_grading(today.replace(day=1), today)
    return render(request, "cases/press_digests.html", {
        "digests": digests, "form": form if can_post else None, "grading": grading,
        "grading_counts": [(str(label), grading_counts[code]) for code, label in Status.LABELS.items() if code != Status.IN_TIME],
    }, status=400 if form.errors else 200)


@login_required
def press_digest(request, date: str):
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404(_("Ngày không hợp lệ."))
    digest = services.press_digest_for(day)
    if digest is None:
        raise Http404(_("Chưa có điểm tin báo chí ngày này."))
    can_pick = permissions.can_pick_press_items(request.user, services.province_unit(), services.office_unit())
    office = services.office_unit()
    overseers = permissions.members_with_role(office, Role.OFFICE_SPECIALIST) if office else None
    items = digest.items.prefetch_related("cases")
    picks = {item.pk: PickPressItemForm(prefix=f"tin{item.pk}", overseers=overseers) for item in items} if can_pick else {}
    return render(request, "cases/press_digest.html", {"digest": digest, "items": [(item, picks.get(item.pk)) for item in items]})


@login_required
@require_POST
def pick_press_item(request, pk: int):
    item = get_object_or_404(PressItem.objects.select_related("digest"), pk=pk)
    office = services.office_unit()
    if not permissions.can_pick_press_items(request.user, services.province_unit(), office):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND tỉnh, lãnh đạo Văn phòng mới giao xử lý sự việc báo nêu."))
    overseers = permissions.members_with_role(office, Role.OFFICE_SPECIALIST) if office else None
    form = PickPressItemForm(request.POST, prefix=f"tin{item.pk}", overseers=overseers)
    if form.is_valid():
        data = form.cleaned_data
        case = services.pick_press_item(item, request.user, agency=data["agency"], overseer=data["overseer"], hard=data["hard"],
                                        comment=data["comment"])
        messages.success(request, _("Đã giao xử lý: %(code)s.") % {"code": case.code})
        return redirect(case.get_absolute_url())
    messages.error(request, _("Vui lòng chọn cơ quan xử lý và chuyên viên theo dõi."))
    return redirect(f"/ho-so/diem-bao/{item.digest.date:%Y-%m-%d}/")


@login_required
def voter_import(request):
    """App. VI 1: a level's office enters the council's summary; each row of the XLSX becomes an opinion to handle."""
    units = permissions.units_entering_voter_opinions(request.user)
    if not units.exists():
        raise PermissionDenied(_("Bạn không được nhập ý kiến cử tri."))
    form = VoterSummaryForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        summary = services.enter_voter_summary(request.user, unit=data["unit"], title=data["title"], session=data["session"],
                                               received_on=data["received_on"], opinions=data["spreadsheet"])
        messages.success(request, _("Đã nhập %(n)s ý kiến cử tri.") % {"n": summary.opinions.count()})
        return redirect("/ho-so/?loai=voter")
    return render(request, "cases/simple_form.html", {
        "form": form, "heading": _("Nhập báo cáo tổng hợp ý kiến cử tri"), "multipart": True,
        "intro": _("Tệp XLSX: dòng đầu là tên cột; mỗi dòng sau là một ý kiến. Cột bắt buộc: “Ý kiến cử tri”. Tải tệp mẫu tại /ho-so/y-kien-cu-tri/mau.xlsx."),
    }, status=400 if form.errors else 200)


@login_required
def voter_enter(request):
    """App. VI 1: the office's clerk enters one voter opinion; its deadlines start from the voter kind's table."""
    units = permissions.units_entering_voter_opinions(request.user)
    if not units.exists():
        raise PermissionDenied(_("Bạn không được nhập ý kiến cử tri."))
    form = VoterOpinionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = services.enter_voter_opinion(request.user, unit=data["unit"], opinion=data)
        messages.success(request, _("Đã nhập ý kiến cử tri %(code)s.") % {"code": case.code})
        return redirect(case.get_absolute_url())
    return render(request, "cases/simple_form.html", {
        "form": form, "heading": _("Nhập một ý kiến cử tri"),
        "intro": _("Nhập từng ý kiến; báo cáo tổng hợp nhiều ý kiến thì nhập bằng tệp XLSX tại /ho-so/y-kien-cu-tri/nhap/."),
    }, status=400 if form.errors else 200)


@login_required
def voter_template(request):
    """An empty XLSX with the columns the import reads, for the council's secretariat to fill in."""
    header = ["STT", "Nội dung tóm tắt", "Ý kiến cử tri", "Lĩnh vực", "Cử tri", "Địa bàn"]
    example = [1, "Đèn đường hỏng", "Đề nghị sửa đèn đường kiệt 12 Lê Lợi.", "Xây dựng, giao thông, đô thị", "Cử tri tổ 3", "Phú Xuân"]
    response = HttpResponse(workbook_bytes("Y kien cu tri", header, [example]),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="mau-y-kien-cu-tri.xlsx"'
    return response


@login_required
def dashboard(request):
    """/ho-so/thong-ke/: my cases, or (for leaders) a unit and its sub-units; by step and by timeliness; XLSX export."""
    units = permissions.units_on_dashboard(request.user).only("pk", "name", "path", "depth")
    scope = request.GET.get("pham-vi", "ca-nhan")
    kind = request.GET.get("loai", "")
    kind = kind if kind in dict(dashboards.kinds()) else ""
    start, end = _date(request.GET.get("tu")), _date(request.GET.get("den"))
    if request.GET.get("ky") in periods.PRESETS:  # month, quarter, six months, year
        period = periods.from_query(request.GET)
        start, end = period.start, period.end
    if scope.isdigit():
        unit = units.filter(pk=int(scope)).first()
        if unit is None:
            raise PermissionDenied(_("Bạn chỉ xem được thống kê của đơn vị mình và các đơn vị trực thuộc."))
        board = dashboards.build(dashboards.unit_cases(unit), title=unit.name, kind=kind, start=start, end=end)
    else:
        board = dashboards.build(dashboards.person_cases(request.user), title=_("Hồ sơ của tôi"), kind=kind, start=start, end=end)
    if request.GET.get("xuat") == "xlsx":
        header, rows = dashboards.export_rows(board)
        response = HttpResponse(
            workbook_bytes(_("Thống kê"), header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="thong-ke-ho-so.xlsx"'
        return response
    peak = max([count for _c, _l, count in board.standings] + [1])
    return render(request, "cases/dashboard.html", {
        "board": board, "units": units, "scope": scope, "kinds": dashboards.kinds(), "peak": peak,
        "query": request.GET.urlencode(), "presets": periods.choices()[:-1], "preset": request.GET.get("ky", ""),
        "grading_unit": scope if scope.isdigit() else "",
    })


def _date(raw):
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def attachment(request, code: str, pk: int):
    """Attachments are served only to those who may see the case (citizens' files are personal data)."""
    case = _get_case(request, code)
    upload = get_object_or_404(case.attachments, pk=pk)
    return FileResponse(upload.file.open("rb"), as_attachment=True, filename=upload.name, content_type=upload.mime or None)


@login_required
@require_POST
def extension_request(request, code: str):
    case = _get_case(request, code)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.request_extension(case, request.user, days=form.cleaned_data["days"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi đề nghị gia hạn tới lãnh đạo đơn vị."))
            return redirect(case.get_absolute_url())
    return render(request, "cases/case_detail.html", _detail_context(request, case, [], form), status=400)


@login_required
@require_POST
def extension_decide(request, code: str, pk: int):
    case = _get_case(request, code)
    extension = get_object_or_404(Extension, pk=pk, case=case)
    try:
        services.decide_extension(extension, request.user, approve=request.POST.get("quyet-dinh") == "duyet", comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(case.get_absolute_url())


